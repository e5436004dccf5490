import { QUALIFICATION_CODES } from '@app/core';
import type { Qualification } from '@app/core';
import { rawColumn } from '@app/database';
import type { WhitelistStatus } from './whitelist-status';

/**
 * "On the whitelist today" in plain SQL, one definition for every query that asks it: an entry
 * that is active and valid on the day (binds the day twice, `?` then `?`), of a published
 * batch. Aliases are the caller's; the values are constants, never input.
 */
export function validEntryOn(entry: string): string {
  return `${entry}.status = 'active' AND ${entry}.valid_from <= ? AND ${entry}.valid_to >= ?`;
}

export function publishedBatch(batch: string): string {
  return `${batch}.status = 'published'`;
}

/** A valid entry as plain SQL reads its columns. */
export interface ValidEntryRow {
  qualifications: string;
  validTo: Date | string;
  batchId: string;
}

/** An organization's standing from its entries valid today; NOT_WHITELISTED has none. */
export function statusOfValidEntries(rows: readonly ValidEntryRow[]): WhitelistStatus {
  const entries = rows.map((row) => ({
    qualifications: rawColumn.json<Qualification[]>(row.qualifications),
    validTo: rawColumn.date(row.validTo),
    batchId: row.batchId,
  }));
  const granted = new Set<Qualification>(entries.flatMap((entry) => entry.qualifications));
  const longest = entries.reduce((best, entry) =>
    entry.validTo > best.validTo || (entry.validTo === best.validTo && entry.batchId < best.batchId)
      ? entry
      : best,
  );
  return {
    whitelisted: true,
    qualifications: QUALIFICATION_CODES.filter((code) => granted.has(code)),
    validTo: longest.validTo,
    batchId: longest.batchId,
  };
}
