import { TypedConfigService } from '@app/core';
import { OutboxEntry, OutboxService } from '@app/database';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IndexShapes } from './index-shapes.service';
import { SearchIndexRegistry } from './search-index.registry';
import { SearchIndexes } from './search-indexes.service';

/** Processed rows only feed the backlog figures: keep a week of them, checked hourly. */
const KEEP_PROCESSED_MS = 7 * 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

/**
 * Moves outbox rows into Meilisearch: claim a batch, reload each document from the database,
 * upsert it (or delete it when it is gone or no longer searchable), wait for Meilisearch to
 * finish, then mark the rows done. A topic with a handler instead of an index hands its ids to
 * the handler. A failure puts the rows back with backoff; none is dropped.
 */
@Injectable()
export class OutboxConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxConsumer');
  private readonly pollMs: number;
  private readonly batchSize: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set when rows were committed in this process while the loop was busy. */
  private nudged = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly outbox: OutboxService,
    private readonly indexes: SearchIndexes,
    private readonly registry: SearchIndexRegistry,
    private readonly shapes: IndexShapes,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.pollMs = config.get('OUTBOX_POLL_MS', { infer: true });
    this.batchSize = config.get('OUTBOX_BATCH_SIZE', { infer: true });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.outbox.onEnqueued(() => {
      this.nudged = true;
      this.wake?.();
    });
    this.loop = this.run();
  }

  /**
   * Stops before any module closes its connections: a batch in flight finishes and is marked
   * done, instead of staying leased (and invisible to other workers) until its lease runs out.
   */
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  /** Processes one batch; answers how many rows it took. Exposed for tools and tests. */
  async drainOnce(): Promise<number> {
    const entries = await this.outbox.claim(
      this.batchSize,
      new Date(),
      this.registry.handlerTopics(),
    );
    if (entries.length === 0) return 0;
    const byTopic = new Map<string, OutboxEntry[]>();
    for (const entry of entries) {
      byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), entry]);
    }
    for (const [topic, group] of byTopic) {
      try {
        const ids = [...new Set(group.map((e) => e.documentId))];
        await this.push(topic, ids);
        const followUps = await this.dependentDocuments(topic, ids);
        await this.outbox.complete(
          group.map((e) => e.id),
          followUps,
        );
      } catch (error) {
        this.logger.warn(`outbox push to "${topic}" failed: ${String(error)}`);
        await this.outbox.fail(group, error);
      }
    }
    return entries.length;
  }

  private async push(topic: string, ids: string[]): Promise<void> {
    if (!this.registry.knows(topic)) throw new Error(`nothing is registered for topic "${topic}"`);
    const handler = this.registry.handlerOf(topic);
    if (handler) return handler(ids);
    const definition = this.registry.get(topic);
    if (!definition) return;
    const documents = await definition.load(ids);
    const found = new Set(documents.map((d) => String(d[definition.primaryKey])));
    const gone = ids.filter((id) => !found.has(id));
    const index = this.indexes.index(definition.name);
    if (documents.length > 0) {
      await this.indexes.wait(index.addDocuments(documents, { primaryKey: definition.primaryKey }));
    }
    if (gone.length > 0) await this.indexes.wait(index.deleteDocuments(gone));
  }

  private async dependentDocuments(
    topic: string,
    ids: string[],
  ): Promise<{ topic: string; ids: string[] }[]> {
    const lists = await Promise.all(
      this.registry.dependentsOf(topic).map((dependent) => dependent(ids)),
    );
    return lists.flat().filter((followUp) => followUp.ids.length > 0);
  }

  private async run(): Promise<void> {
    let idleMs = this.pollMs;
    let purgedAt = 0;
    let shapesChecked = false;
    while (this.running) {
      if (!shapesChecked) {
        // Documents written in an older shape are rebuilt before anything else is written.
        try {
          await this.shapes.bringUpToDate();
          shapesChecked = true;
        } catch (error) {
          this.logger.error(`could not rebuild outdated search indexes: ${String(error)}`);
          idleMs = Math.min(idleMs * 2, 30_000);
          await this.sleep(idleMs);
          continue;
        }
      }
      let taken = 0;
      try {
        taken = await this.drainOnce();
        idleMs = this.pollMs;
        if (Date.now() - purgedAt > PURGE_EVERY_MS) {
          purgedAt = Date.now();
          await this.outbox.purgeProcessed(new Date(purgedAt - KEEP_PROCESSED_MS));
        }
      } catch (error) {
        // The database itself is unreachable: wait longer before the next try.
        this.logger.error(`outbox claim failed: ${String(error)}`);
        idleMs = Math.min(idleMs * 2, 30_000);
      }
      if (taken < this.batchSize && this.running) await this.sleep(idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    // A commit that came while the loop was busy: go round again at once.
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
