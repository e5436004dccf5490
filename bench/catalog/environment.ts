import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@app/core';
import { EmbeddedMeilisearch, loadOrCreateMasterKey } from '@app/search';
import type { INestApplication } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import { createApp } from '../../apps/api/src/create-app';

const DEFAULT_SERVER_URL = 'mysql://root@127.0.0.1:3306';

/** How often the in-process outbox consumer looks for work during the bench. */
export const BENCH_OUTBOX_POLL_MS = 25;

export const BENCH_ADMIN = {
  email: 'admin@bench.kejinqiao.example',
  password: 'Bench-Platform-Pass-2026',
};

/**
 * Everything the bench starts, undone in reverse order by `release()` whatever happened, so a
 * failed or interrupted run leaves no database, server or folder behind.
 */
export class BenchEnvironment {
  private readonly undo: { label: string; step: () => Promise<unknown> }[] = [];
  readonly runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(2).toString('hex')}`;
  readonly serverUrl: string;

  constructor() {
    const server = new URL(process.env.TEST_DB_URL ?? process.env.DB_URL ?? DEFAULT_SERVER_URL);
    server.pathname = '';
    this.serverUrl = server.toString();
  }

  onRelease(label: string, step: () => Promise<unknown>): void {
    this.undo.push({ label, step });
  }

  async tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), `techfin-bench-${prefix}-`));
    this.onRelease(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async startMeilisearch(): Promise<{ url: string; masterKey: string; pid: number }> {
    const dir = await this.tempDir('meili');
    // A fresh folder, so this creates a new random key.
    const masterKey = loadOrCreateMasterKey(dir);
    const meili = await EmbeddedMeilisearch.start({ dataDir: dir, masterKey });
    // Registered after the folder, so it runs before the folder is removed.
    this.onRelease('stop Meilisearch', () => meili.stop());
    return { url: meili.url, masterKey, pid: meili.pid };
  }

  /** A new empty database; its URL. The api applies the migrations when it boots. */
  async createDatabase(label: string): Promise<string> {
    const name = `techfin_bench_${label}_${this.runId}`;
    await this.onServer((c) =>
      c.query('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]),
    );
    this.onRelease(`drop database ${name}`, () =>
      this.onServer((c) => c.query('DROP DATABASE IF EXISTS ??', [name])),
    );
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** The real api on a free loopback port, with the outbox consumer inside it. */
  async startApi(options: {
    dbUrl: string;
    meiliUrl: string;
    masterKey: string;
  }): Promise<{ base: string; app: INestApplication; close: () => Promise<void> }> {
    const config = parseConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      DB_URL: options.dbUrl,
      DB_MIGRATE: 'true',
      MEILI_URL: options.meiliUrl,
      MEILI_MASTER_KEY: options.masterKey,
      MEILI_INDEX_PREFIX: 'bench_',
      WORKER_IN_PROCESS: 'true',
      OUTBOX_POLL_MS: String(BENCH_OUTBOX_POLL_MS),
      SEED_DEMO: 'false',
      AUTH_RATE_LIMIT: '100000',
      API_RATE_LIMIT: '1000000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
    });
    const app = await createApp(config);
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await app.close();
    };
    this.onRelease('close the api', close);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return { base: `http://127.0.0.1:${port}`, app, close };
  }

  /** Runs every undo step, latest first; reports the failures without stopping at one. */
  async release(): Promise<void> {
    const failures: string[] = [];
    while (this.undo.length > 0) {
      const { label, step } = this.undo.pop()!;
      try {
        await step();
      } catch (error) {
        failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`Bench cleanup failed: ${failures.join('; ')}`);
  }

  private async onServer<T>(
    work: (connection: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
  ): Promise<T> {
    const connection = await createConnection({ uri: this.serverUrl, connectTimeout: 5_000 });
    try {
      return await work(connection);
    } finally {
      await connection.end();
    }
  }
}
