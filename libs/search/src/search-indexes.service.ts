import { TypedConfigService } from '@app/core';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type {
  EnqueuedTaskPromise,
  Index,
  RecordAny,
  SearchParams,
  SearchResponse,
} from 'meilisearch';
import { MeilisearchConnection } from './meilisearch-connection';
import { toSearchError } from './search-errors';
import { SearchIndexDefinition } from './search-index.definition';
import { SearchIndexRegistry } from './search-index.registry';

/** Index uids, settings applied at boot, and the searches domain modules run. */
@Injectable()
export class SearchIndexes implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexes');
  private readonly prefix: string;
  private settingsApplied = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: MeilisearchConnection,
    private readonly registry: SearchIndexRegistry,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.prefix = config.get('MEILI_INDEX_PREFIX', { infer: true });
  }

  uid(name: string): string {
    return `${this.prefix}${name}`;
  }

  index<D extends RecordAny = RecordAny>(name: string): Index<D> {
    return this.connection.client.index<D>(this.uid(name));
  }

  get ready(): boolean {
    return this.settingsApplied;
  }

  /**
   * Applies every registered index's settings; idempotent, so every boot does it. If
   * Meilisearch is down the app still starts (writes must work) and this retries until it is up.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.applyAll();
    } catch (error) {
      this.logger.warn(`could not apply index settings, retrying: ${String(error)}`);
      this.scheduleRetry(2000);
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retryTimer);
  }

  async applyAll(): Promise<void> {
    for (const definition of this.registry.all()) {
      await this.ensureIndex(this.uid(definition.name), definition);
    }
    this.settingsApplied = true;
  }

  /** Creates the index when it is missing, then (re)applies its settings and waits for both. */
  async ensureIndex(uid: string, definition: SearchIndexDefinition): Promise<void> {
    const client = this.connection.client;
    const exists = await client
      .getRawIndex(uid)
      .then(() => true)
      .catch((error: unknown) => {
        if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found')
          return false;
        throw error;
      });
    if (!exists) {
      // The consumer may create the index with its first documents meanwhile: that is fine.
      const task = await client.createIndex(uid, { primaryKey: definition.primaryKey }).waitTask();
      if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') {
        throw new Error(
          `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`,
        );
      }
    }
    await this.wait(client.index(uid).updateSettings(definition.settings));
  }

  /** Waits for a Meilisearch task and turns a failed task into an error. */
  async wait(enqueued: EnqueuedTaskPromise): Promise<void> {
    const task = await enqueued.waitTask();
    if (task.status !== 'succeeded') {
      throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
    }
  }

  async search<D extends RecordAny>(
    name: string,
    query: string | null,
    params: SearchParams,
  ): Promise<SearchResponse<D>> {
    try {
      return await this.index<D>(name).search(query, params);
    } catch (error) {
      throw toSearchError(error);
    }
  }

  /**
   * Several searches in one round trip, each naming its index without the deployment prefix;
   * the answers come back in the same order.
   */
  async multiSearch<D extends RecordAny = RecordAny>(
    queries: (SearchParams & { index: string; q?: string | null })[],
  ): Promise<SearchResponse<D>[]> {
    try {
      const { results } = await this.connection.post<{ results: SearchResponse<D>[] }>(
        'multi-search',
        {
          queries: queries.map(({ index, ...params }) => ({
            ...params,
            indexUid: this.uid(index),
          })),
        },
      );
      return results;
    } catch (error) {
      throw toSearchError(error);
    }
  }

  /**
   * What the index holds now, as a token that changes whenever its documents or settings do:
   * Meilisearch stamps `updatedAt` in the same write that changes the index, and a rebuilt index
   * swapped in has its own stamps. An answer remembered under the token a request saw before
   * searching is as fresh as a new search would be.
   */
  async version(name: string): Promise<string> {
    try {
      const index = await this.connection.get<{ createdAt: string; updatedAt: string }>(
        `indexes/${encodeURIComponent(this.uid(name))}`,
      );
      return `${index.createdAt} ${index.updatedAt}`;
    } catch (error) {
      throw toSearchError(error);
    }
  }

  private scheduleRetry(delayMs: number): void {
    this.retryTimer = setTimeout(() => {
      this.applyAll().catch((error: unknown) => {
        this.logger.warn(`could not apply index settings, retrying: ${String(error)}`);
        this.scheduleRetry(Math.min(delayMs * 2, 60_000));
      });
    }, delayMs);
    this.retryTimer.unref();
  }
}
