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

const CRLF = '\r\n';
const BOM = '\uFEFF';

function csvLines(rows: Iterable<readonly CsvValue[]>): string {
  let text = '';
  for (const row of rows) text += csvRow(row) + CRLF;
  return text;
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
  return BOM + csvLines([header]) + csvLines(rows);
}

/**
 * The same file as csvDocument, piece by piece as the rows arrive in batches: the BOM and the
 * header first, then one piece per batch, so that an export of many rows is sent while it is
 * read and never held whole.
 */
export async function* csvChunks(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly CsvValue[])[]>,
): AsyncGenerator<string> {
  yield BOM + csvLines([header]);
  for await (const rows of batches) {
    if (rows.length > 0) yield csvLines(rows);
  }
}
