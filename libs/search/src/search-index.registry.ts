import { Injectable } from '@nestjs/common';
import type { RecordAny } from 'meilisearch';
import { SearchIndexDefinition } from './search-index.definition';

/** Documents of other topics to refresh when documents of one topic changed. */
export type DependentDocuments = (ids: string[]) => Promise<{ topic: string; ids: string[] }[]>;

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

  register<D extends RecordAny>(definition: SearchIndexDefinition<D>): void {
    if (this.definitions.has(definition.name)) {
      throw new Error(`Search index "${definition.name}" is registered twice`);
    }
    this.definitions.set(definition.name, definition);
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

  /** A topic is known when it has an index, dependents, or both. */
  knows(topic: string): boolean {
    return this.definitions.has(topic) || this.dependents.has(topic);
  }
}
