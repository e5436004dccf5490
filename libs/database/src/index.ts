export { DatabaseModule } from './database.module';
export { dataSourceOptions, isMysql } from './data-source-options';
export { bigintAsNumber, newId } from './columns';
export { rawColumn } from './raw-columns';
export { TransactionRunner } from './transaction-runner';
export { OutboxEntry } from './outbox/outbox-entry.entity';
export { OutboxService } from './outbox/outbox.service';
export { uniqueViolation } from './unique-violation';
export { lockConflict } from './lock-conflict';
