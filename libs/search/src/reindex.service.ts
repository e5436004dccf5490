import { OutboxService } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IndexShape } from './index-shape.entity';
import { MeilisearchConnection } from './meilisearch-connection';
import { SearchIndexRegistry } from './search-index.registry';
import { SearchIndexes } from './search-indexes.service';

export interface ReindexResult {
  index: string;
  documents: number;
  ms: number;
}

const BATCH_SIZE = 2000;

/**
 * Rebuilds an index from the database without a gap in search: fill a fresh index, wait for
 * all its tasks, swap it with the live one, drop the old one. Changes that reached the live
 * index while the copy was filling are replayed from the outbox afterwards. The index's document
 * shape is recorded, so the consumer knows it need not rebuild it (IndexShapes).
 */
@Injectable()
export class ReindexService {
  private readonly logger = new Logger('Reindex');

  constructor(
    private readonly connection: MeilisearchConnection,
    private readonly registry: SearchIndexRegistry,
    private readonly indexes: SearchIndexes,
    private readonly outbox: OutboxService,
    @InjectRepository(IndexShape) private readonly shapes: Repository<IndexShape>,
  ) {}

  async reindexAll(): Promise<ReindexResult[]> {
    const results: ReindexResult[] = [];
    for (const definition of this.registry.all()) results.push(await this.reindex(definition.name));
    return results;
  }

  async reindex(name: string): Promise<ReindexResult> {
    const definition = this.registry.get(name);
    if (!definition) throw new Error(`unknown search index "${name}"`);
    const started = Date.now();
    const client = this.connection.client;
    const live = this.indexes.uid(name);
    const fresh = `${live}__rebuild_${started}`;
    const replayFrom = await this.outbox.lastId();

    await this.indexes.ensureIndex(fresh, definition);
    let documents = 0;
    try {
      // Batches are handed over without waiting for each to be indexed: Meilisearch merges
      // queued additions into larger indexing runs, which is much faster than one at a time.
      const tasks: number[] = [];
      for await (const batch of definition.loadAll(BATCH_SIZE)) {
        if (batch.length === 0) continue;
        const task = await client
          .index(fresh)
          .addDocuments(batch, { primaryKey: definition.primaryKey });
        tasks.push(task.taskUid);
        documents += batch.length;
      }
      const finished = await client.tasks.waitForTasks(tasks, { timeout: 0 });
      const failed = finished.find((task) => task.status !== 'succeeded');
      if (failed)
        throw new Error(`reindex of ${name} failed: ${failed.error?.message ?? failed.status}`);
      await this.indexes.ensureIndex(live, definition);
      await this.indexes.wait(client.swapIndexes([{ indexes: [live, fresh], rename: false }]));
    } finally {
      // After the swap `fresh` holds the old documents; before it, a half-built copy.
      await this.indexes.wait(client.deleteIndex(fresh));
    }
    // Every live document now has the code's shape (replayed ones are loaded by the same code).
    await this.shapes.upsert({ uid: live, shape: definition.shape }, ['uid']);
    await this.outbox.replayAfter(replayFrom);
    const result = { index: name, documents, ms: Date.now() - started };
    this.logger.log(`reindexed ${name}: ${documents} documents in ${result.ms} ms`);
    return result;
  }
}
