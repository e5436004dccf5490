import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** C0/C1 control characters except tab and newline: never meaningful in form text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Unicode's mandatory line breaks (UAX #14 classes BK, CR, LF and NL): LF, VT, FF, CR, NEL,
 * LINE SEPARATOR and PARAGRAPH SEPARATOR. A reader that splits on any of them (iCalendar and
 * CSV parsers, e-mail headers, log lines) sees a new line where the writer meant one field.
 */
const BREAKS = '\\n\\v\\f\\r\\u0085\\u2028\\u2029';
const LINE_BREAK = new RegExp(`[${BREAKS}]`);
const LINE_BREAK_RUNS = new RegExp(`[${BREAKS}]+`, 'g');
const EACH_LINE_BREAK = new RegExp(`\\r\\n|[${BREAKS}]`, 'g');

/** Control characters other than tab and the line breaks, which single-line text refuses instead. */
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;

/** White space at either end that is not a line break: trimmed, while a break is refused. */
const EDGE_SPACE = new RegExp(`^[^\\S${BREAKS}]+|[^\\S${BREAKS}]+$`, 'g');

export const IS_SINGLE_LINE = 'isSingleLine';

/** Removes control characters from a string; other values pass through for the validators. */
export function cleanText(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(CONTROL, '') : value;
}

/** Whether a string holds no line break of any kind. */
export function isSingleLine(text: string): boolean {
  return !LINE_BREAK.test(text);
}

/**
 * The text on one line, every run of line breaks a single space: for writing stored text into
 * a one-line slot of another format, where rows written before SingleLine may still hold breaks.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAK_RUNS, ' ');
}

/** The text with every line break, CRLF included, as one LF: the break every writer knows. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(EACH_LINE_BREAK, '\n');
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
 * Text of one line (a title, a name, a place, a search): trimmed and stripped of control
 * characters like CleanText, but a line break anywhere in it, even at an end, is refused with a
 * field detail rather than removed, so that the client learns its input was not taken as typed.
 */
export function SingleLine(): PropertyDecorator {
  const clean = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.replace(CONTROL_BUT_BREAKS, '').replace(EDGE_SPACE, '')
      : value,
  );
  const refuseBreaks = ValidateBy({
    name: IS_SINGLE_LINE,
    validator: {
      // Other types are IsString's to refuse.
      validate: (value: unknown) => typeof value !== 'string' || isSingleLine(value),
      defaultMessage: () => '$property must be a single line: line breaks are not allowed',
    },
  });
  return (target, property) => {
    clean(target, property);
    refuseBreaks(target, property);
  };
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
