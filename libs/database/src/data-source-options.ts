import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@app/core';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * MySQL/MariaDB when DB_URL is set: schema only by migrations. Otherwise the embedded SQLite
 * file under DATA_DIR, whose schema follows the entities (nothing to migrate on a laptop).
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DB_URL' | 'DB_POOL_SIZE' | 'DATA_DIR' | 'DB_MIGRATE'>,
): DataSourceOptions {
  if (config.DB_URL) {
    const url = new URL(config.DB_URL);
    url.protocol = 'mysql:';
    return {
      type: 'mysql',
      url: url.toString(),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: config.DB_POOL_SIZE,
      synchronize: false,
      migrations: MIGRATIONS,
      migrationsRun: config.DB_MIGRATE,
      migrationsTableName: 'migrations',
    };
  }
  const dir = resolve(config.DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return {
    type: 'better-sqlite3',
    database: join(dir, 'techfin.sqlite'),
    enableWAL: true,
    synchronize: true,
  };
}

export function isMysql(options: DataSourceOptions): boolean {
  return options.type === 'mysql';
}
