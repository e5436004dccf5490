import { Clock, PeriodicTask } from '@app/core';
import { OutboxService, TransactionRunner } from '@app/database';
import { Organization, ORGANIZATIONS_INDEX } from '@app/identity';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { chinaDate } from './china-date';
import { WhitelistBatch } from './batches/whitelist-batch.entity';
import { WhitelistEntry } from './entries/whitelist-entry.entity';

const EVERY_MS = 15 * 60_000;

/**
 * Whitelist status changes with the calendar too: an entry starts counting on its validFrom day
 * and stops after its validTo day, with no write to mark it. Once per (China) day this queues
 * the registered organizations whose entries started today or ended yesterday, so the
 * documents that carry their status (needs) are refreshed. Two workers doing it is harmless.
 */
@Injectable()
export class WhitelistValidityJob implements OnApplicationShutdown {
  private readonly logger = new Logger('WhitelistValidity');
  private readonly task = new PeriodicTask('WhitelistValidity', EVERY_MS, () => this.round());
  private doneFor: string | undefined;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Queues the organizations whose status turned on `now`'s day; answers their ids. */
  async refreshDay(now: Date = this.clock.now()): Promise<string[]> {
    const today = chinaDate(now);
    const yesterday = chinaDate(new Date(now.getTime() - 86_400_000));
    return this.transactions.run(async (manager) => {
      const rows = await manager
        .getRepository(WhitelistEntry)
        .createQueryBuilder('e')
        .innerJoin(WhitelistBatch, 'b', 'b.id = e.batch_id')
        .innerJoin(Organization, 'o', 'o.credit_code = e.credit_code')
        .select('DISTINCT o.id', 'id')
        .where('b.status = :published', { published: 'published' })
        .andWhere('(e.valid_from = :today OR e.valid_to = :yesterday)', { today, yesterday })
        .getRawMany<{ id: string }>();
      const orgIds = rows.map((row) => row.id);
      await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, orgIds);
      return orgIds;
    });
  }

  /** Once per China day: the first round of a new day does the work. */
  private async round(): Promise<void> {
    const today = chinaDate(this.clock.now());
    if (this.doneFor === today) return;
    const orgIds = await this.refreshDay();
    this.doneFor = today;
    if (orgIds.length > 0) {
      this.logger.log(`whitelist validity changed for ${orgIds.length} organizations`);
    }
  }
}
