import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/**
 * Optional in a PATCH, yet never null: @IsOptional would let null through and clear a field
 * every product must have, so only an absent field skips the rules.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** `kind=a&kind=b` and `kind=a,b` both become ['a', 'b']; the validators check each item. */
export function QueryList(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    return items.flatMap((item) =>
      typeof item === 'string' ? item.split(',').map((part) => part.trim()) : [item],
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
