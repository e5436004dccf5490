import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// The parser exceljs reads workbooks with (the same release), so the count below sees exactly
// the entries and bytes the reader will.
import { Parse, type Entry } from 'unzipper';
import { UnreadableFileError, WorkbookTooLargeError } from './source-errors';

/**
 * The most a workbook may unpack to. 50,000 rows of the bureau's template take about 15 MB of
 * XML; what the reader holds in memory (shared strings, styles) grows with this.
 */
export const MAX_XLSX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Whitelist workbooks deflate about 5 to 20 times; a zip bomb about 1,000 times. */
export const MAX_XLSX_INFLATE_RATIO = 100;

/** How many bytes a workbook of `fileBytes` may unpack to. */
export function inflateLimit(fileBytes: number): number {
  return Math.min(MAX_XLSX_INFLATED_BYTES, fileBytes * MAX_XLSX_INFLATE_RATIO);
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_MIN_BYTES = 22;
const EOCD_MAX_COMMENT = 0xffff;
const ENTRY_SIGNATURE = 0x02014b50;
const ENTRY_MIN_BYTES = 46;
/** An entry size that only says the real one is in a ZIP64 field. */
const ZIP64_SIZE = 0xffffffff;

/**
 * Checks an XLSX archive on disk before its XML is read: that it is complete, and that it
 * unpacks to no more than inflateLimit(its size), first by the sizes its directory declares
 * (free to check), then by inflating it and counting (declared sizes can lie).
 */
export async function checkWorkbookArchive(path: string): Promise<void> {
  const { fileBytes, directory } = await readDirectory(path);
  const limit = inflateLimit(fileBytes);
  if (declaredBytes(directory) > limit) throw new WorkbookTooLargeError(limit);
  await inflateWithin(path, limit);
}

/**
 * The central directory, found through the end record. An archive cut short loses that
 * record, and the streaming reader would read such a file up to the cut without complaint.
 */
async function readDirectory(path: string): Promise<{ fileBytes: number; directory: Buffer }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, EOCD_MIN_BYTES + EOCD_MAX_COMMENT);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    for (let at = length - EOCD_MIN_BYTES; at >= 0; at--) {
      if (tail.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
      const directorySize = tail.readUInt32LE(at + 12);
      const directoryOffset = tail.readUInt32LE(at + 16);
      if (directoryOffset + directorySize > size - length + at) continue;
      const directory = Buffer.alloc(directorySize);
      await file.read(directory, 0, directorySize, directoryOffset);
      return { fileBytes: size, directory };
    }
    throw new UnreadableFileError('The workbook is incomplete (the archive is cut short).');
  } finally {
    await file.close();
  }
}

/** The sum of the uncompressed sizes the directory's entries declare. */
function declaredBytes(directory: Buffer): number {
  let total = 0;
  let at = 0;
  while (at + ENTRY_MIN_BYTES <= directory.length) {
    if (directory.readUInt32LE(at) !== ENTRY_SIGNATURE) {
      throw new UnreadableFileError('The workbook is damaged (its directory cannot be read).');
    }
    const size = directory.readUInt32LE(at + 24);
    // A ZIP64 size is left to the count while inflating.
    if (size !== ZIP64_SIZE) total += size;
    at +=
      ENTRY_MIN_BYTES +
      directory.readUInt16LE(at + 28) +
      directory.readUInt16LE(at + 30) +
      directory.readUInt16LE(at + 32);
  }
  return total;
}

/** Inflates every entry, keeping nothing, and stops as soon as the bytes pass `limit`. */
async function inflateWithin(path: string, limit: number): Promise<void> {
  let inflated = 0;
  const counter = () =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        done(inflated > limit ? new WorkbookTooLargeError(limit) : null);
      },
    });
  const entries = Parse({ forceStream: true });
  // The parser may still report a failure after the pipeline has torn it down.
  entries.on('error', () => undefined);
  try {
    await pipeline(
      createReadStream(path),
      entries,
      new Writable({
        objectMode: true,
        write(entry: Entry, _encoding, done) {
          pipeline(entry, counter()).then(() => done(), done);
        },
      }),
    );
  } catch (error) {
    if (error instanceof WorkbookTooLargeError) throw error;
    throw new UnreadableFileError('The workbook is damaged and cannot be read.');
  }
}
