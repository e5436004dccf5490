import { extname } from 'node:path';

export type ImportFileKind = 'csv' | 'xlsx';

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4"

/** The kind a file name claims, or null for anything but .csv and .xlsx. */
export function kindByName(fileName: string): ImportFileKind | null {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  return null;
}

/**
 * Whether the first bytes fit the claimed kind: an XLSX is a ZIP archive; a CSV is text, so it
 * has no NUL bytes (PNG, PDF, ZIP and old .xls files all do early on) and is no ZIP archive
 * (an .xlsx renamed to .csv).
 */
export function contentFits(kind: ImportFileKind, head: Uint8Array): boolean {
  const isZip = ZIP_LOCAL_HEADER.every((byte, i) => head[i] === byte);
  if (kind === 'xlsx') return isZip;
  return !isZip && !head.includes(0);
}
