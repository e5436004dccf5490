import { AppError } from '@app/core';
import type { WhitelistEntryStatus } from '@app/core';
import { OutboxService, TransactionRunner } from '@app/database';
import { Organization, ORGANIZATIONS_INDEX } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { WhitelistBatch } from '../batches/whitelist-batch.entity';
import { WhitelistEntry } from './whitelist-entry.entity';
import { toWhitelistEntryView, WhitelistEntryView } from './whitelist-entry.view';

/** Admins' changes to one entry between imports: suspend, remove, reinstate. */
@Injectable()
export class WhitelistEntriesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
  ) {}

  async setStatus(id: string, status: WhitelistEntryStatus): Promise<WhitelistEntryView> {
    return this.transactions.run(async (manager) => {
      const entry = await manager.findOneBy(WhitelistEntry, { id });
      if (!entry) throw new AppError('WHITELIST_ENTRY_NOT_FOUND');
      const org = await manager.findOneBy(Organization, { creditCode: entry.creditCode });
      if (entry.status !== status) {
        await manager.update(WhitelistEntry, { id }, { status });
        const batch = await manager.findOneByOrFail(WhitelistBatch, { id: entry.batchId });
        // Only a published batch feeds anyone's status; the needs documents follow from here.
        if (org && batch.status === 'published') {
          await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, [org.id]);
        }
      }
      const updated = await manager.findOneByOrFail(WhitelistEntry, { id });
      return toWhitelistEntryView(updated, org?.id ?? null);
    });
  }
}
