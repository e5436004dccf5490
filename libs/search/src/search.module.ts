import { Global, Module } from '@nestjs/common';
import { MeilisearchConnection } from './meilisearch-connection';
import { OutboxConsumer } from './outbox-consumer.service';
import { InProcessOutboxConsumer } from './outbox-consumer.runner';
import { ReindexService } from './reindex.service';
import { SearchIndexRegistry } from './search-index.registry';
import { SearchIndexes } from './search-indexes.service';

@Global()
@Module({
  providers: [
    MeilisearchConnection,
    SearchIndexRegistry,
    SearchIndexes,
    OutboxConsumer,
    InProcessOutboxConsumer,
    ReindexService,
  ],
  exports: [
    MeilisearchConnection,
    SearchIndexRegistry,
    SearchIndexes,
    OutboxConsumer,
    ReindexService,
  ],
})
export class SearchModule {}
