import { DateUtils } from 'typeorm/util/DateUtils';

/**
 * Column values as plain SQL (`DataSource.query`) reads them, made into what the entity holds,
 * the same on MySQL/MariaDB and SQLite. For the hottest reads, where the query builder and its
 * entity mapping cost more CPU than the query itself (measured: a need with its enterprise 1.1
 * ms of CPU through the query builder, 0.3 ms as plain SQL).
 */
export const rawColumn = {
  /** BIGINT: a number (a string past 2^53 on MySQL; amounts stay far below). */
  bigint: (value: number | string): number => Number(value),
  /** `simple-json`: TEXT holding JSON. */
  json: <T>(value: string): T => JSON.parse(value) as T,
  /** BOOLEAN: TINYINT on MySQL, INTEGER on SQLite. */
  boolean: (value: number | boolean): boolean => Boolean(value),
  /** DATE: a Date from mysql2, text from SQLite; the entity holds YYYY-MM-DD, as TypeORM makes it. */
  date: (value: Date | string): string => DateUtils.mixedDateToDateString(value),
};
