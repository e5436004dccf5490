import { lockConflict } from '@app/database';

/**
 * Runs `work` again when the database broke a lock cycle by rolling it back. Only for work that
 * is whole inside one transaction, so that a rolled-back try left nothing behind.
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= tries || !lockConflict(error)) throw error;
    }
  }
}
