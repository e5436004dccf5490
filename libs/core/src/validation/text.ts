import { Transform } from 'class-transformer';

/** C0/C1 control characters except tab and newline: never meaningful in form text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Removes control characters from a string; other values pass through for the validators. */
export function cleanText(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(CONTROL, '') : value;
}

/**
 * Trims and strips control characters before validation. Text is stored as typed (HTML and
 * all): clients escape it when they show it.
 */
export function CleanText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    const cleaned = cleanText(value);
    return typeof cleaned === 'string' ? cleaned.trim() : cleaned;
  });
}

/**
 * Strips control characters but keeps the text otherwise as typed, spaces and line breaks
 * included: for messages, where the writer's layout is part of the content.
 */
export function StripControlChars(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => cleanText(value));
}

/** Trims and lowercases an email so that uniqueness ignores case everywhere. */
export function NormalizeEmail(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );
}
