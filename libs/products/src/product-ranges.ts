import { AppError } from '@app/core';
import type { ErrorDetail } from '@app/core';

export interface ProductRanges {
  amountMin: number;
  amountMax: number;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinBps: number;
  rateMaxBps: number;
}

const PAIRS: [keyof ProductRanges, keyof ProductRanges][] = [
  ['amountMin', 'amountMax'],
  ['termMinMonths', 'termMaxMonths'],
  ['rateMinBps', 'rateMaxBps'],
];

/**
 * Each range must read low to high. Checked on the merged values, so a PATCH that moves only
 * one end is held against the other end already stored.
 */
export function rangeProblems(ranges: ProductRanges): ErrorDetail[] {
  return PAIRS.filter(([min, max]) => ranges[min] > ranges[max]).map(([min, max]) => ({
    field: min,
    code: 'min_above_max',
    message: `${min} must not be greater than ${max}`,
  }));
}

export function assertRanges(ranges: ProductRanges): void {
  const details = rangeProblems(ranges);
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
}
