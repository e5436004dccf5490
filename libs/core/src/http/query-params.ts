import { Transform } from 'class-transformer';

/** `kind=a&kind=b` and `kind=a,b` both become ['a', 'b']; the validators check each item. */
export function QueryList(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    return items.flatMap((item) =>
      typeof item === 'string'
        ? item
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : [item],
    );
  });
}

/** 'true' and 'false' become booleans; anything else stays as sent for @IsBoolean to refuse. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return value;
  });
}
