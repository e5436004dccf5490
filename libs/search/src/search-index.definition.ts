import type { RecordAny, Settings } from 'meilisearch';

/**
 * A search index as code: its settings, and how to read its documents from the database (the
 * truth). A domain module registers one with SearchIndexRegistry; the outbox consumer and
 * reindex do the rest.
 */
export interface SearchIndexDefinition<D extends RecordAny = RecordAny> {
  /** Index name without the deployment prefix, also the outbox topic. */
  name: string;
  primaryKey: string;
  /**
   * The shape of the documents `load` makes. Change it whenever a document gains, loses or
   * reshapes a field the code reads back: the outbox consumer then rebuilds the index once, on
   * its next start, before it writes anything else.
   */
  shape: string;
  settings: Settings;
  /** The current documents for these ids; an id left out is removed from the index. */
  load(ids: string[]): Promise<D[]>;
  /** Every document, in batches, for a full rebuild. */
  loadAll(batchSize: number): AsyncIterable<D[]>;
}
