import type { MixedList } from 'typeorm';
import { CreateIdentityAndOutbox1795859208024 } from './1795859208024-CreateIdentityAndOutbox';
import { CreateNeeds1795861979121 } from './1795861979121-CreateNeeds';
import { CreateProducts1795861992971 } from './1795861992971-CreateProducts';

/** Every migration, oldest first. `npm run migration:generate` writes new ones beside this file. */
export const MIGRATIONS: MixedList<new () => unknown> = [
  CreateIdentityAndOutbox1795859208024,
  CreateNeeds1795861979121,
  CreateProducts1795861992971,
];
