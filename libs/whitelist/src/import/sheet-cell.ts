/** A cell as the row sources hand it over: CSV gives strings, XLSX typed values. */
export type SheetCell = string | number | boolean | Date | null;

/** The text of a cell, trimmed; empty cells are ''. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).trim();
}

export function isBlankCell(cell: SheetCell): boolean {
  return cellText(cell) === '';
}
