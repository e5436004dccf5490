import { Injectable } from '@nestjs/common';
import type { RecordAny } from 'meilisearch';
import { SearchIndexDefinition } from './search-index.definition';

/** The indexes this deployment keeps, registered by the modules that own their documents. */
@Injectable()
export class SearchIndexRegistry {
  private readonly definitions = new Map<string, SearchIndexDefinition>();

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
}
