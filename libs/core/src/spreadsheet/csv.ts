import { spreadsheetText } from './spreadsheet-text';

/** What a CSV cell may hold; null and undefined leave the cell empty. */
export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

/**
 * One CSV field (RFC 4180). Text is neutralised against formulas and always quoted, so that a
 * comma, quote or line break inside it can never start another cell or row; numbers, booleans
 * and dates are written bare, a Date as ISO 8601 in UTC like the API.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // A CSV has no NaN or Infinity: a caller that lets one through has a bug to fix.
    throw new RangeError(`A CSV cell cannot hold ${value}`);
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  return `"${spreadsheetText(value).replace(/"/g, '""')}"`;
}

/** One CSV record, without its line ending. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/**
 * A whole CSV file: a header, then the rows, each line ended by CRLF (RFC 4180). It starts with
 * a UTF-8 byte order mark because Excel otherwise reads a CSV in the system's code page and
 * garbles Chinese.
 */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
): string {
  const lines = [csvRow(header)];
  for (const row of rows) lines.push(csvRow(row));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}
