import { Clock, PeriodicTask } from '@app/core';
import { OutboxService, TransactionRunner } from '@app/database';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { In } from 'typeorm';
import { Need } from './need.entity';
import { NEEDS_INDEX } from './needs.search-index';

const EVERY_MS = 60_000;
/** Needs expired per transaction, so one run never holds many row locks for long. */
const BATCH = 500;

/**
 * Moves published needs whose fundBy day has passed to `expired`. Safe with several workers:
 * each batch locks its rows (SKIP LOCKED on MySQL, so workers split the work), moves them only
 * if they are still published, and queues their documents for removal in the same transaction.
 */
@Injectable()
export class NeedExpiryJob implements OnApplicationShutdown {
  private readonly logger = new Logger('NeedExpiry');
  private readonly task = new PeriodicTask('NeedExpiry', EVERY_MS, () => this.expireDue());

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Runs now and then every minute; a second start is a no-op. */
  start(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Expires what is due at `now`; answers the ids it moved (none on a second run). */
  async expireDue(now: Date = this.clock.now()): Promise<string[]> {
    const today = now.toISOString().slice(0, 10);
    const expired: string[] = [];
    for (;;) {
      const ids = await this.transactions.run(async (manager) => {
        const due = manager
          .getRepository(Need)
          .createQueryBuilder('n')
          .select('n.id', 'id')
          .where('n.status = :status', { status: 'published' })
          .andWhere('n.fundBy < :today', { today })
          .orderBy('n.id', 'ASC')
          .limit(BATCH);
        if (this.transactions.isMysql) due.setLock('pessimistic_write').setOnLocked('skip_locked');
        const candidates = (await due.getRawMany<{ id: string }>()).map((row) => row.id);
        if (candidates.length === 0) return [];
        await manager
          .createQueryBuilder()
          .update(Need)
          .set({ status: 'expired' })
          .where({ id: In(candidates), status: 'published' })
          .execute();
        await this.outbox.enqueue(manager, NEEDS_INDEX, candidates);
        return candidates;
      });
      expired.push(...ids);
      if (ids.length < BATCH) break;
    }
    if (expired.length > 0) this.logger.log(`expired ${expired.length} needs`);
    return expired;
  }
}
