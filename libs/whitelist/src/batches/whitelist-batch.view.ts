import type { WhitelistBatch } from './whitelist-batch.entity';

export interface WhitelistBatchView {
  id: string;
  year: number;
  name: string;
  status: WhitelistBatch['status'];
  entryCount: number;
  publishedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toWhitelistBatchView(
  batch: WhitelistBatch,
  entryCount: number,
): WhitelistBatchView {
  return {
    id: batch.id,
    year: batch.year,
    name: batch.name,
    status: batch.status,
    entryCount,
    publishedAt: batch.publishedAt?.toISOString() ?? null,
    revokedAt: batch.revokedAt?.toISOString() ?? null,
    createdAt: batch.createdAt.toISOString(),
    updatedAt: batch.updatedAt.toISOString(),
  };
}
