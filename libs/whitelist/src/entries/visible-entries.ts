import type { WhitelistEntryStatus } from '@app/core';
import type { AuthUser } from '@app/identity';
import { Organization } from '@app/identity';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { WhitelistBatch } from '../batches/whitelist-batch.entity';
import type { WhitelistEntry } from './whitelist-entry.entity';

/** The filters GET /whitelist/entries and its CSV download share. */
export interface EntryFilters {
  batchId?: string;
  creditCode?: string;
  status?: WhitelistEntryStatus;
}

/**
 * The entries the caller may read, filtered; every reader of the list starts here so that the
 * JSON list and the download can never disagree. Admins see every entry; institutions and
 * commissioners the entries of published batches; an enterprise its own entries of published
 * batches (by its organization's credit code). Aliases: `e` entry, `o` its registered
 * organization (or none), `b` its batch.
 */
export function visibleEntries(
  entries: Repository<WhitelistEntry>,
  user: AuthUser,
  filters: EntryFilters,
): SelectQueryBuilder<WhitelistEntry> {
  const qb = entries
    .createQueryBuilder('e')
    .leftJoin(Organization, 'o', 'o.credit_code = e.credit_code');
  if (user.role === 'admin') {
    qb.leftJoin(WhitelistBatch, 'b', 'b.id = e.batch_id');
  } else {
    qb.innerJoin(WhitelistBatch, 'b', 'b.id = e.batch_id AND b.status = :published', {
      published: 'published',
    });
  }
  if (user.role === 'enterprise') qb.andWhere('o.id = :orgId', { orgId: user.orgId });
  if (filters.batchId) qb.andWhere('e.batch_id = :batchId', { batchId: filters.batchId });
  if (filters.creditCode) {
    qb.andWhere('e.credit_code = :creditCode', { creditCode: filters.creditCode });
  }
  if (filters.status) qb.andWhere('e.status = :status', { status: filters.status });
  return qb;
}
