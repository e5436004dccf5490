import { TransactionRunner } from '@app/database';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows per INSERT statement. The widest table has about 25 columns, which keeps a statement
 * under SQLite's 32,766 bound parameters and MySQL's 65,535.
 */
export const INSERT_CHUNK = 1000;

/** Multi-row INSERTs inside the caller's transaction; nothing is read back. */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly T[],
  chunk = INSERT_CHUNK,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(start, start + chunk))
      .updateEntity(false)
      .execute();
  }
}

/** Each chunk in its own transaction: a large load never holds one huge transaction open. */
export async function insertRowsInChunks<T extends ObjectLiteral>(
  transactions: TransactionRunner,
  entity: EntityTarget<T>,
  rows: readonly object[],
  chunk = INSERT_CHUNK,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    await transactions.run((manager) => insertRows(manager, entity, slice, chunk));
  }
}
