import { Injectable } from '@nestjs/common';
import type { RecordAny } from 'meilisearch';
import { SearchIndexDefinition } from './search-index.definition';

/** Documents of other topics to refresh when documents of one topic changed. */
export type DependentDocuments = (ids: string[]) => Promise<{ topic: string; ids: string[] }[]>;

/**
 * Work on outbox rows of a topic that is not a search index (matching recomputes stored
 * recommendations this way). It must be idempotent: a failure retries the whole group.
 */
export type TopicHandler = (ids: string[]) => Promise<void>;

/**
 * The indexes this deployment keeps, registered by the modules that own their documents, and
 * the dependencies between them (a need's document carries its organization's district and
 * whitelist status, so an organization change must refresh its needs). A dependency is
 * declared by the module that depends, so the module depended upon never imports it.
 */
@Injectable()
export class SearchIndexRegistry {
  private readonly definitions = new Map<string, SearchIndexDefinition>();
  private readonly dependents = new Map<string, DependentDocuments[]>();
  private readonly handlers = new Map<string, TopicHandler>();

  register<D extends RecordAny>(definition: SearchIndexDefinition<D>): void {
    this.assertFree(definition.name);
    this.definitions.set(definition.name, definition);
  }

  /**
   * Outbox rows of `topic` go to `handler` instead of a search index; the consumer treats them
   * like index pushes otherwise (dependents, retries with backoff).
   */
  registerHandler(topic: string, handler: TopicHandler): void {
    this.assertFree(topic);
    this.handlers.set(topic, handler);
  }

  handlerOf(topic: string): TopicHandler | undefined {
    return this.handlers.get(topic);
  }

  get(name: string): SearchIndexDefinition | undefined {
    return this.definitions.get(name);
  }

  all(): SearchIndexDefinition[] {
    return [...this.definitions.values()];
  }

  /** When documents of `topic` change, `dependent(ids)` names further documents to refresh. */
  registerDependent(topic: string, dependent: DependentDocuments): void {
    this.dependents.set(topic, [...(this.dependents.get(topic) ?? []), dependent]);
  }

  dependentsOf(topic: string): DependentDocuments[] {
    return this.dependents.get(topic) ?? [];
  }

  /** A topic is known when it has an index or a handler, dependents, or both. */
  knows(topic: string): boolean {
    return this.definitions.has(topic) || this.handlers.has(topic) || this.dependents.has(topic);
  }

  /** A topic has one index or one handler, never two of them. */
  private assertFree(topic: string): void {
    if (this.definitions.has(topic) || this.handlers.has(topic)) {
      throw new Error(`Outbox topic "${topic}" is registered twice`);
    }
  }
}
