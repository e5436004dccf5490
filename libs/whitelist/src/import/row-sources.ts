import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CellValue, Row } from 'exceljs';
import { decodeStream } from 'iconv-lite';
import type { SheetCell } from './sheet-cell';
import { UnreadableFileError } from './source-errors';
import type { TextEncoding } from './text-encoding';
import { checkWorkbookArchive } from './xlsx-archive';

/** One row of the file, numbered as the person who made it sees it (the header is row 1). */
export interface SourceRow {
  number: number;
  cells: SheetCell[];
}

/** A record beyond this is no whitelist row but a broken quote swallowing the file. */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;

/**
 * The rows of a CSV, read from disk and decoded as they stream, so a file's size never sits in
 * memory. Rows are numbered by the line they end on, which is the spreadsheet row unless a
 * quoted cell spans lines.
 */
export async function* csvRows(path: string, encoding: TextEncoding): AsyncGenerator<SourceRow> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_BYTES,
  });
  // iconv-lite drops a UTF-8 BOM itself; pipeline() tears down every stage when one fails.
  pipeline(createReadStream(path), decodeStream(encoding), parser, () => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { number: info.lines, cells: record };
    }
  } catch (error) {
    throw new UnreadableFileError(csvErrorReason(error), lineOf(error));
  } finally {
    parser.destroy();
  }
}

function csvErrorReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return `A row is longer than ${MAX_CSV_RECORD_BYTES} bytes: is a quote left open?`;
  }
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'A quoted cell is never closed.';
  return typeof code === 'string' ? `The CSV is malformed (${code}).` : 'The file cannot be read.';
}

function lineOf(error: unknown): number | undefined {
  const lines = (error as { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : undefined;
}

/**
 * The rows of the first worksheet of an XLSX, streamed from the archive on disk once
 * checkWorkbookArchive let it through. Styles are read so that date cells arrive as Dates;
 * shared strings are cached, as the format needs.
 *
 * exceljs parks a worksheet that precedes the shared strings in the archive (Excel's own
 * order) in a temporary file, and deletes it only once that sheet has been read to its end.
 * So every sheet is read through, the later ones without yielding their rows; and when the
 * caller stops early (a bad header, a failed write) the rest is drained in the background.
 */
export async function* xlsxRows(path: string): AsyncGenerator<SourceRow> {
  await checkWorkbookArchive(path);
  const input = createReadStream(path);
  const sheets = new Utf8SafeWorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })[Symbol.asyncIterator]();
  let rows: AsyncIterator<Row> | null = null;
  let sheetCount = 0;
  let finished = false;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      sheetCount++;
      rows = next.value[Symbol.asyncIterator]();
      for (let row = await rows.next(); !row.done; row = await rows.next()) {
        if (sheetCount === 1) yield { number: row.value.number, cells: rowCells(row.value) };
      }
      rows = null;
    }
    finished = true;
  } catch (error) {
    finished = true;
    input.destroy();
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('The workbook is damaged and cannot be read.');
  } finally {
    if (!finished) void drain(sheets, rows).finally(() => input.destroy());
  }
  if (sheetCount === 0) throw new UnreadableFileError('The workbook has no worksheet.');
}

async function drain(
  sheets: AsyncIterator<{ [Symbol.asyncIterator](): AsyncIterator<Row> }>,
  rows: AsyncIterator<Row> | null,
): Promise<void> {
  try {
    if (rows) while (!(await rows.next()).done);
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const more = next.value[Symbol.asyncIterator]();
      while (!(await more.next()).done);
    }
  } catch {
    // The request has its answer already; a damaged rest has nothing left to clean.
  }
}

/** The reader's internals the subclass below hooks into (exceljs 4.4, lib/stream/xlsx). */
interface ReaderInternals {
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
}

const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * exceljs' streaming reader decodes every inflated chunk of XML on its own, so a Chinese
 * character whose bytes straddle two chunks turns into U+FFFD (one damaged name every few
 * thousand rows of a real list). It passes strings through untouched, so the worksheet and
 * shared-strings streams are decoded here first, with a decoder that carries the bytes of a
 * split character over to the next chunk.
 */
class Utf8SafeWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown> {
    return baseReader._parseWorksheet.call(this, utf8Chunks(chunks), sheetNo);
  }

  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown> {
    entry.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, entry);
  }
}

async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

function rowCells(row: Row): SheetCell[] {
  const values = row.values as CellValue[];
  const cells: SheetCell[] = [];
  // Row values are 1-based and sparse: index 0 and empty cells are holes.
  for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
  return cells;
}

function cellOf(value: CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? null
      : result;
  }
  return null;
}
