import type { MixedList } from 'typeorm';

/** Every migration, oldest first. `npm run migration:generate` writes new ones beside this file. */
export const MIGRATIONS: MixedList<new () => unknown> = [];
