import 'reflect-metadata';
import { join } from 'node:path';
import { parseConfig } from '@app/core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * The data source the TypeORM CLI uses to generate migrations (`npm run migration:generate`).
 * It reads the same validated config as the app and sees every entity of the built libs.
 */
const config = parseConfig(process.env);
if (!config.DB_URL) {
  throw new Error('migration:generate needs DB_URL (a MySQL 8 / MariaDB 10.6+ database)');
}

export default new DataSource({
  ...dataSourceOptions(config),
  entities: [join(__dirname, '..', '..', '**', '*.entity.js')],
});
