import type { WhitelistEntry } from './whitelist-entry.entity';

export interface WhitelistEntryView {
  id: string;
  batchId: string;
  creditCode: string;
  enterpriseName: string;
  qualifications: WhitelistEntry['qualifications'];
  validFrom: string;
  validTo: string;
  status: WhitelistEntry['status'];
  /** The registered organization with this credit code; null until it registers. */
  orgId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toWhitelistEntryView(
  entry: WhitelistEntry,
  orgId: string | null,
): WhitelistEntryView {
  return {
    id: entry.id,
    batchId: entry.batchId,
    creditCode: entry.creditCode,
    enterpriseName: entry.enterpriseName,
    qualifications: entry.qualifications,
    validFrom: entry.validFrom,
    validTo: entry.validTo,
    status: entry.status,
    orgId,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}
