import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';

/** Brings a fresh test database to the latest schema with the committed migrations. */
export async function runMigrations(dbUrl: string): Promise<void> {
  const dataSource = new DataSource({
    ...dataSourceOptions({ DB_URL: dbUrl, DB_POOL_SIZE: 2, DATA_DIR: './data', DB_MIGRATE: false }),
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
