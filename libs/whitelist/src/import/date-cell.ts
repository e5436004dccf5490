import type { SheetCell } from './sheet-cell';

const MS_PER_DAY = 86_400_000;
// Excel's day 0 in its 1900 date system, chosen so that serials from 1 March 1900 (61) on map
// right despite Excel's fictitious 29 February 1900.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_SAFE_SERIAL = 61;
const LAST_SERIAL = 2_958_465; // 9999-12-31

const PATTERNS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A calendar date (YYYY-MM-DD) from a sheet cell, or null when the cell holds none. Accepts
 * YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 and YYYYMMDD text, real Excel date cells (which
 * the XLSX reader hands over as UTC-midnight Dates) and bare Excel serial numbers (a date
 * column whose format was lost).
 */
export function parseDateCell(cell: SheetCell): string | null {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  }
  if (typeof cell === 'number') return fromNumber(cell);
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return fromParts(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  return null;
}

function fromNumber(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  // A YYYYMMDD number typed into a general-format cell.
  if (Number.isInteger(value) && value >= 1900_01_01 && value <= 2999_12_31) {
    return fromParts(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
  }
  if (value < FIRST_SAFE_SERIAL || value > LAST_SERIAL) return null;
  return isoDate(new Date(EXCEL_EPOCH_MS + Math.floor(value) * MS_PER_DAY));
}

function fromParts(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDate(date);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
