import { rm } from 'node:fs/promises';
import { createConnection } from 'mysql2/promise';
import type { EmbeddedMeilisearch } from '../../libs/search/src/embedded/embedded-meilisearch';

/** What globalSetup started, filled in step by step so a half-done setup can be undone. */
export interface E2eResources {
  meili?: EmbeddedMeilisearch;
  meiliDir?: string;
  /** Server URL without a database, for CREATE/DROP DATABASE. */
  serverUrl?: string;
  dbName?: string;
}

declare global {
  var __TECHFIN_E2E__: E2eResources | undefined;
}

/** Undoes every step that happened; tries them all and reports every failure at the end. */
export async function releaseE2eResources(resources: E2eResources): Promise<void> {
  const failures: unknown[] = [];
  const attempt = async (step: () => Promise<unknown>): Promise<void> => {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  };

  const { meili, meiliDir, serverUrl, dbName } = resources;
  if (meili) await attempt(() => meili.stop());
  if (meiliDir) await attempt(() => rm(meiliDir, { recursive: true, force: true }));
  if (serverUrl && dbName) {
    if (process.env.KEEP_TEST_DB === '1') {
      console.log(`KEEP_TEST_DB=1: kept e2e database ${dbName}`);
    } else {
      await attempt(() => dropDatabase(serverUrl, dbName));
    }
  }

  if (failures.length > 0) {
    const reasons = failures.map((error) => (error instanceof Error ? error.message : error));
    throw new AggregateError(failures, `E2E cleanup failed: ${reasons.join('; ')}`);
  }
}

async function dropDatabase(serverUrl: string, dbName: string): Promise<void> {
  const connection = await createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await connection.query('DROP DATABASE IF EXISTS ??', [dbName]);
  } finally {
    await connection.end();
  }
}

export default async function globalTeardown(): Promise<void> {
  const resources = globalThis.__TECHFIN_E2E__;
  globalThis.__TECHFIN_E2E__ = undefined;
  if (resources) await releaseE2eResources(resources);
}
