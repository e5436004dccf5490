import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndexShape } from './index-shape.entity';
import { IndexShapes } from './index-shapes.service';
import { MeilisearchConnection } from './meilisearch-connection';
import { OutboxConsumer } from './outbox-consumer.service';
import { InProcessOutboxConsumer } from './outbox-consumer.runner';
import { ReindexService } from './reindex.service';
import { SearchIndexRegistry } from './search-index.registry';
import { SearchIndexes } from './search-indexes.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IndexShape])],
  providers: [
    IndexShapes,
    MeilisearchConnection,
    SearchIndexRegistry,
    SearchIndexes,
    OutboxConsumer,
    InProcessOutboxConsumer,
    ReindexService,
  ],
  exports: [
    IndexShapes,
    MeilisearchConnection,
    SearchIndexRegistry,
    SearchIndexes,
    OutboxConsumer,
    ReindexService,
  ],
})
export class SearchModule {}
