import { randomUUID } from 'node:crypto';
import { ValueTransformer } from 'typeorm';

/** BIGINT money and counts come back as JS numbers; amounts stay far below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * Ids are UUIDs made by the application, stored as VARCHAR(36): the same column on MySQL, MariaDB
 * (whose native UUID type MySQL lacks) and SQLite.
 */
export function newId(): string {
  return randomUUID();
}
