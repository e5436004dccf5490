import type { ImportField } from './header-columns';
import type { RowProblem, RowProblemCode } from './import-row';

/** The errors listed in full; beyond this only `errorCount` grows. */
export const MAX_REPORTED_ERRORS = 1000;

export interface RowError {
  row: number;
  column: ImportField;
  code: RowProblemCode;
  message: string;
}

export interface ImportReport {
  batchId: string;
  /** New entries. */
  imported: number;
  /** Entries of the batch whose name, qualifications or dates changed. */
  updated: number;
  /** Rows equal to the entry already in the batch. */
  unchanged: number;
  /** Rows not imported; each has at least one error. */
  rejected: number;
  /** The first MAX_REPORTED_ERRORS errors, in file order. */
  errors: RowError[];
  /** All errors, also those not listed. */
  errorCount: number;
  errorsTruncated: boolean;
}

export class ImportReportBuilder {
  imported = 0;
  updated = 0;
  unchanged = 0;
  private rejected = 0;
  private errorCount = 0;
  private readonly errors: RowError[] = [];

  reject(row: number, problems: RowProblem[]): void {
    this.rejected++;
    for (const problem of problems) {
      this.errorCount++;
      this.keep({ row, ...problem });
    }
  }

  /**
   * Keeps the errors of the lowest rows. Rows arrive nearly in order (a repeated credit code is
   * found when its chunk is written, a few hundred rows late), so the scan from the end is short.
   */
  private keep(error: RowError): void {
    const { errors } = this;
    if (errors.length >= MAX_REPORTED_ERRORS && error.row >= errors[errors.length - 1].row) return;
    let at = errors.length;
    while (at > 0 && errors[at - 1].row > error.row) at--;
    errors.splice(at, 0, error);
    if (errors.length > MAX_REPORTED_ERRORS) errors.pop();
  }

  build(batchId: string): ImportReport {
    return {
      batchId,
      imported: this.imported,
      updated: this.updated,
      unchanged: this.unchanged,
      rejected: this.rejected,
      errors: this.errors,
      errorCount: this.errorCount,
      errorsTruncated: this.errorCount > this.errors.length,
    };
  }
}
