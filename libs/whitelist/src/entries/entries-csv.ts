import {
  attachmentDisposition,
  labelOf,
  QUALIFICATIONS,
  WHITELIST_ENTRY_STATUSES,
} from '@app/core';
import type { CsvValue, Qualification, WhitelistEntryStatus } from '@app/core';

/** The columns of the download, in the words of the bureau's import template. */
export const ENTRIES_CSV_HEADER = [
  '统一社会信用代码',
  '企业名称',
  '资质',
  '有效期起',
  '有效期止',
  '状态',
  '批次',
] as const;

/** One entry as the download shows it. */
export interface EntryCsvRow {
  creditCode: string;
  enterpriseName: string;
  qualifications: readonly Qualification[];
  validFrom: string;
  validTo: string;
  status: WhitelistEntryStatus;
  /** The batch's name; null if the batch is gone. */
  batchName: string | null;
}

/**
 * The cells of one entry: codes as their Chinese labels, qualifications joined with 、 as people
 * write them (and as the import reads them back). Text stays as stored: the CSV writer
 * neutralises whatever would start a formula.
 */
export function entryCsvCells(entry: EntryCsvRow): CsvValue[] {
  return [
    entry.creditCode,
    entry.enterpriseName,
    entry.qualifications.map((code) => labelOf(QUALIFICATIONS, code)).join('、'),
    entry.validFrom,
    entry.validTo,
    labelOf(WHITELIST_ENTRY_STATUSES, entry.status),
    entry.batchName,
  ];
}

/** The download's Content-Disposition, named for the day (China time) it was made. */
export function entriesCsvDisposition(today: string): string {
  return attachmentDisposition(`科技型企业白名单-${today}.csv`, `whitelist-entries-${today}.csv`);
}
