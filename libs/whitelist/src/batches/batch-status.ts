import type { WhitelistBatchStatus } from '@app/core';

export type BatchAction = 'publish' | 'revoke' | 'import';

/**
 * What a batch in each status allows. A published batch still takes imports (corrections
 * reach banks at once); a revoked batch is final, kept only as a record.
 */
const ALLOWED: Record<WhitelistBatchStatus, BatchAction[]> = {
  draft: ['publish', 'import'],
  published: ['revoke', 'import'],
  revoked: [],
};

const TARGET: Record<Exclude<BatchAction, 'import'>, WhitelistBatchStatus> = {
  publish: 'published',
  revoke: 'revoked',
};

export function batchAllows(status: WhitelistBatchStatus, action: BatchAction): boolean {
  return ALLOWED[status].includes(action);
}

export function batchTarget(action: Exclude<BatchAction, 'import'>): WhitelistBatchStatus {
  return TARGET[action];
}
