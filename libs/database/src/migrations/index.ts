import type { MixedList } from 'typeorm';
import { CreateIdentityAndOutbox1795859208024 } from './1795859208024-CreateIdentityAndOutbox';
import { CreateNeeds1795861979121 } from './1795861979121-CreateNeeds';
import { CreateProducts1795861992971 } from './1795861992971-CreateProducts';
import { CreateWhitelist1795862164470 } from './1795862164470-CreateWhitelist';
import { AddWhitelistEntryImportStamp1795868000000 } from './1795868000000-AddWhitelistEntryImportStamp';
import { CreateDocking1795868623565 } from './1795868623565-CreateDocking';
import { CreateNotifications1795870000100 } from './1795870000100-CreateNotifications';
import { CreateMatches1795870000200 } from './1795870000200-CreateMatches';
import { CreateDockingChat1795870000300 } from './1795870000300-CreateDockingChat';
import { CreateEvents1795872270884 } from './1795872270884-CreateEvents';
import { CreateServiceLogs1795873550476 } from './1795873550476-CreateServiceLogs';
import { CreateSearchIndexShapes1795880000000 } from './1795880000000-CreateSearchIndexShapes';
import { AddUserTokenGeneration1795890000000 } from './1795890000000-AddUserTokenGeneration';
import { CreateLoginFailures1795890000100 } from './1795890000100-CreateLoginFailures';
import { IndexWhitelistEntriesByCreditCodeAndBatch1795900000000 } from './1795900000000-IndexWhitelistEntriesByCreditCodeAndBatch';

/**
 * Every migration, oldest first. `npm run migration:generate` writes new ones beside this file;
 * add the class here and give new tables `DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.
 * Against MariaDB the generator also lists every nullable column as changed (it reads their
 * default back as the string NULL): delete those `CHANGE ... NULL` lines and the index drops
 * that come with them, keeping only what the entity change really needs.
 */
export const MIGRATIONS: MixedList<new () => unknown> = [
  CreateIdentityAndOutbox1795859208024,
  CreateNeeds1795861979121,
  CreateProducts1795861992971,
  CreateWhitelist1795862164470,
  AddWhitelistEntryImportStamp1795868000000,
  CreateDocking1795868623565,
  CreateNotifications1795870000100,
  CreateMatches1795870000200,
  CreateDockingChat1795870000300,
  CreateEvents1795872270884,
  CreateServiceLogs1795873550476,
  CreateSearchIndexShapes1795880000000,
  AddUserTokenGeneration1795890000000,
  CreateLoginFailures1795890000100,
  IndexWhitelistEntriesByCreditCodeAndBatch1795900000000,
];
