import { QueryFailedError } from 'typeorm';

/**
 * When an insert or update broke a unique index, the database's message (which names the index
 * on MySQL/MariaDB and the table.column on SQLite); otherwise null. Callers check it for the
 * column name, which both forms contain.
 */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  const code = driverError?.code ?? '';
  if (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  ) {
    return driverError?.message ?? error.message;
  }
  return null;
}
