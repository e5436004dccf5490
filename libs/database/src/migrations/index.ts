import type { MixedList } from 'typeorm';
import { CreateIdentityAndOutbox1795859208024 } from './1795859208024-CreateIdentityAndOutbox';
import { CreateWhitelist1795862164470 } from './1795862164470-CreateWhitelist';

/** Every migration, oldest first. `npm run migration:generate` writes new ones beside this file. */
export const MIGRATIONS: MixedList<new () => unknown> = [
  CreateIdentityAndOutbox1795859208024,
  CreateWhitelist1795862164470,
];
