import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import { TransactionRunner } from '../transaction-runner';
import { OutboxEntry } from './outbox-entry.entity';

export interface OutboxClaim {
  entries: OutboxEntry[];
}

/** How long a claimed row stays hidden from other consumers before it counts as abandoned. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Rows per INSERT: large imports fan out to many documents. */
const ENQUEUE_CHUNK = 500;

/** Writes and claims outbox rows; see DESIGN.md, "How data flows". */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  private readonly listeners = new Set<() => void>();

  /**
   * Calls `listener` each time rows were enqueued and committed in this process, so an
   * in-process consumer pushes them at once instead of at its next poll. Answers the unsubscribe.
   */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records, inside the caller's transaction, that these documents changed. */
  async enqueue(manager: EntityManager, topic: string, documentIds: string[]): Promise<void> {
    if (documentIds.length === 0) return;
    this.transactions.afterCommit(manager, () => this.listeners.forEach((listener) => listener()));
    const now = new Date();
    const unique = [...new Set(documentIds)];
    for (let start = 0; start < unique.length; start += ENQUEUE_CHUNK) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxEntry)
        .values(
          unique
            .slice(start, start + ENQUEUE_CHUNK)
            .map((documentId) => ({ topic, documentId, availableAt: now, attempts: 0 })),
        )
        .execute();
    }
  }

  /**
   * Takes up to `limit` due rows and leases them, oldest first, except that rows of the
   * `background` topics wait while others are due (search freshness before recomputations).
   * On MySQL the rows are read with FOR UPDATE SKIP LOCKED, so several workers never take the
   * same row.
   */
  async claim(
    limit: number,
    now = new Date(),
    background: readonly string[] = [],
  ): Promise<OutboxEntry[]> {
    return this.transactions.run(async (manager) => {
      const query = manager
        .getRepository(OutboxEntry)
        .createQueryBuilder('o')
        .where('o.processed_at IS NULL')
        .andWhere('o.available_at <= :now', { now })
        .andWhere('(o.locked_until IS NULL OR o.locked_until < :now)', { now });
      if (background.length > 0) {
        query
          .orderBy('CASE WHEN o.topic IN (:...background) THEN 1 ELSE 0 END', 'ASC')
          .setParameter('background', background);
      }
      query.addOrderBy('o.id', 'ASC').limit(limit);
      if (this.transactions.isMysql) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const entries = await query.getMany();
      if (entries.length === 0) return [];
      const lockedUntil = new Date(now.getTime() + LEASE_MS);
      await manager.update(OutboxEntry, { id: In(entries.map((e) => e.id)) }, { lockedUntil });
      return entries;
    });
  }

  /**
   * Marks rows done and, in the same transaction, queues the documents that depend on them, so
   * a crash between the two can neither lose the follow-ups nor queue them twice.
   */
  async complete(
    ids: number[],
    followUps: { topic: string; ids: string[] }[] = [],
    now = new Date(),
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.transactions.run(async (manager) => {
      for (const followUp of followUps) await this.enqueue(manager, followUp.topic, followUp.ids);
      await manager.update(
        OutboxEntry,
        { id: In(ids) },
        { processedAt: now, lockedUntil: null, lastError: null },
      );
    });
  }

  /** Puts rows back with exponential backoff; a row is never dropped, only delayed. */
  async fail(entries: OutboxEntry[], error: unknown, now = new Date()): Promise<void> {
    if (entries.length === 0) return;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await this.transactions.run(async (manager) => {
      for (const entry of entries) {
        const attempts = entry.attempts + 1;
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 20));
        await manager.update(
          OutboxEntry,
          { id: entry.id },
          {
            attempts,
            availableAt: new Date(now.getTime() + delay),
            lockedUntil: null,
            lastError: message,
          },
        );
      }
    });
  }

  /** Rows not yet pushed: the health endpoint's backlog figure. */
  async backlog(): Promise<{ pending: number; failing: number; oldestPendingAt: Date | null }> {
    const repo = this.dataSource.getRepository(OutboxEntry);
    const [pending, failing, oldest] = await Promise.all([
      repo.count({ where: { processedAt: IsNull() } }),
      repo.count({ where: { processedAt: IsNull(), lastError: Not(IsNull()) } }),
      repo.findOne({ where: { processedAt: IsNull() }, order: { id: 'ASC' } }),
    ]);
    return { pending, failing, oldestPendingAt: oldest?.createdAt ?? null };
  }

  /** The highest row id so far: reindex replays rows above it once the new index is live. */
  async lastId(): Promise<number> {
    const row = await this.dataSource
      .getRepository(OutboxEntry)
      .createQueryBuilder('o')
      .select('MAX(o.id)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** Makes every row above `afterId` due again. */
  async replayAfter(afterId: number): Promise<void> {
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(OutboxEntry)
        .set({ processedAt: null, availableAt: new Date(), lockedUntil: null })
        .where('id > :afterId', { afterId })
        .execute(),
    );
  }

  /** Deletes rows processed before `before`; they only served the backlog figures. */
  async purgeProcessed(before: Date): Promise<number> {
    const result = await this.transactions.run((manager) =>
      manager.delete(OutboxEntry, { processedAt: LessThan(before) }),
    );
    return result.affected ?? 0;
  }
}
