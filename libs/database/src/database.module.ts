import { TypedConfigService } from '@app/core';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';
import { OutboxEntry } from './outbox/outbox-entry.entity';
import { OutboxService } from './outbox/outbox.service';
import { StatementBatches } from './statement-batches';
import { TransactionRunner } from './transaction-runner';

/** The data source (entities come from each module's forFeature), transactions and the outbox. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: TypedConfigService) => ({
        ...dataSourceOptions({
          DB_URL: config.get('DB_URL', { infer: true }),
          DB_POOL_SIZE: config.get('DB_POOL_SIZE', { infer: true }),
          DATA_DIR: config.get('DATA_DIR', { infer: true }),
          DB_MIGRATE: config.get('DB_MIGRATE', { infer: true }),
        }),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
    TypeOrmModule.forFeature([OutboxEntry]),
  ],
  providers: [TransactionRunner, StatementBatches, OutboxService],
  exports: [TransactionRunner, StatementBatches, OutboxService],
})
export class DatabaseModule {}
