import { QueryFailedError } from 'typeorm';

/**
 * The database gave up on a transaction to break a lock cycle (or a lock wait ran out): nothing
 * of it was kept, and idempotent work may simply run again.
 */
export function lockConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code ?? '';
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}
