import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { EmbeddedMeilisearch } from '../../libs/search/src/embedded/embedded-meilisearch';
import { resolveMeilisearchBinary } from '../../libs/search/src/embedded/meilisearch-binary';
import { releaseE2eResources, type E2eResources } from './global-teardown';
import { runMigrations } from './migrate';

const DEFAULT_SERVER_URL = 'mysql://root@127.0.0.1:3306';

/**
 * Gives the e2e run its own Meilisearch and its own MariaDB database, and passes their
 * coordinates to the test workers through process.env (workers inherit it).
 */
export default async function globalSetup(): Promise<void> {
  // Fail before starting anything when the bundled binary cannot be used.
  resolveMeilisearchBinary();

  const server = new URL(process.env.TEST_DB_URL ?? process.env.DB_URL ?? DEFAULT_SERVER_URL);
  server.pathname = '';
  const serverUrl = server.toString();
  const suffix = `${utcStamp()}_${randomBytes(2).toString('hex')}`;
  const dbName = `techfin_e2e_${suffix}`;
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;

  const resources: E2eResources = {};
  let meili: EmbeddedMeilisearch;
  let masterKey: string;
  try {
    const admin = await connectToServer(server);
    try {
      const meiliDir = await mkdtemp(join(tmpdir(), 'techfin-e2e-meili-'));
      resources.meiliDir = meiliDir;
      masterKey = randomBytes(32).toString('base64url');
      meili = await EmbeddedMeilisearch.start({ dataDir: meiliDir, masterKey });
      resources.meili = meili;

      await admin.query('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [
        dbName,
      ]);
      resources.serverUrl = serverUrl;
      resources.dbName = dbName;
    } finally {
      await admin.end();
    }

    await runMigrations(dbUrl.toString());
  } catch (error) {
    try {
      await releaseE2eResources(resources);
    } catch (cleanupError) {
      console.error('E2E setup failed and could not clean up after itself:', cleanupError);
    }
    throw error;
  }

  process.env.DB_URL = dbUrl.toString();
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = masterKey;
  process.env.MEILI_INDEX_PREFIX = `e2e_${suffix}_`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  process.env.JWT_SECRET = randomBytes(48).toString('base64url');
  globalThis.__TECHFIN_E2E__ = resources;
}

async function connectToServer(server: URL): Promise<Connection> {
  try {
    return await createConnection({ uri: server.toString(), connectTimeout: 5_000 });
  } catch (error) {
    const shown = new URL(server);
    if (shown.password) shown.password = '***';
    // Node's happy-eyeballs connect rejects with an AggregateError whose message is empty.
    const reason =
      (error instanceof Error && error.message) ||
      (error as NodeJS.ErrnoException).code ||
      String(error);
    throw new Error(
      `E2E tests need MariaDB/MySQL at ${shown.toString()} (set TEST_DB_URL): ${reason}`,
      { cause: error },
    );
  }
}

/** yyyymmddhhmmss in UTC, so database names sort by creation time. */
function utcStamp(): string {
  return new Date().toISOString().replace(/\D/g, '').slice(0, 14);
}
