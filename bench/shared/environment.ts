import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseConfig } from '@app/core';
import { EmbeddedMeilisearch, loadOrCreateMasterKey } from '@app/search';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';
import { AppModule } from '../../apps/api/src/app.module';
import { createApp } from '../../apps/api/src/create-app';

const DEFAULT_SERVER_URL = 'mysql://root@127.0.0.1:3306';

/** How often the in-process outbox consumer looks for work during the bench. */
export const BENCH_OUTBOX_POLL_MS = 25;

/** Every bench index uid starts with it. */
export const BENCH_INDEX_PREFIX = 'bench_';

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
      ...apiEnvironment({ ...options, outbox: 'in-process' }),
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

  /**
   * The real api, built as `npm start` runs it, in a child process on a free loopback port:
   * a load client in the bench process then never shares the server's event loop. No outbox
   * consumer (a worker's job in production).
   */
  async startApiProcess(options: {
    dbUrl: string;
    meiliUrl: string;
    masterKey: string;
    jwtSecret: string;
  }): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
    const port = await freePort();
    const child = spawn(process.execPath, [API_MAIN], {
      env: {
        ...process.env,
        ...apiEnvironment({ ...options, outbox: 'none' }),
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stderr: string[] = [];
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
      if (stderr.length > 20) stderr.shift();
    });
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    };
    this.onRelease('stop the api process', stop);
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + API_START_TIMEOUT_MS;
    while (!(await answers(`${base}/health`))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The api exited while starting: ${stderr.join('').slice(-2000)}`);
      }
      if (Date.now() > deadline) throw new Error(`The api did not answer at ${base}/health`);
      await sleep(100);
    }
    return { base, pid: child.pid!, stop };
  }

  /**
   * The api's modules without HTTP, in the bench process: its services called directly, on the
   * same database and search as a running api. No outbox consumer.
   */
  async openApiContext(options: {
    dbUrl: string;
    meiliUrl: string;
    masterKey: string;
    /** The api process's, so that its access tokens check here too. */
    jwtSecret: string;
  }): Promise<INestApplicationContext> {
    const config = parseConfig({
      ...process.env,
      ...apiEnvironment({ ...options, outbox: 'none' }),
    });
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: false,
    });
    this.onRelease('close the api context', () => context.close());
    return context;
  }

  /**
   * One of the api's one-off commands (`node dist/apps/worker/src/cli.js …`, what `npm run
   * migrate` or `npm run gen` run after building) against the bench's database and search;
   * its output, or an error with it.
   */
  async runCli(
    args: readonly string[],
    options: { dbUrl: string; meiliUrl: string; masterKey: string },
  ): Promise<string> {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: { ...process.env, ...apiEnvironment({ ...options, outbox: 'none' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.onRelease(`stop cli ${args[0] ?? ''}`, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return Promise.resolve();
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${code}: ${output}`);
    return output;
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

/** The compiled entry points, beside this file in dist/. */
const API_MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');
const CLI_MAIN = join(__dirname, '..', '..', 'apps', 'worker', 'src', 'cli.js');
const API_START_TIMEOUT_MS = 60_000;

export function randomJwtSecret(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * The api's environment in a bench: MariaDB and Meilisearch of the bench, no demo data, limits
 * out of the way of the load, the bench admin created at boot, silent logs unless
 * BENCH_LOG_LEVEL says otherwise.
 */
export function apiEnvironment(options: {
  dbUrl: string;
  meiliUrl: string;
  masterKey: string;
  /** Where outbox rows go to Meilisearch: inside the api, or nowhere (no writes to follow). */
  outbox: 'in-process' | 'none';
  jwtSecret?: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    DB_URL: options.dbUrl,
    DB_MIGRATE: 'true',
    MEILI_URL: options.meiliUrl,
    MEILI_MASTER_KEY: options.masterKey,
    MEILI_INDEX_PREFIX: BENCH_INDEX_PREFIX,
    WORKER_IN_PROCESS: options.outbox === 'in-process' ? 'true' : 'false',
    OUTBOX_POLL_MS: String(BENCH_OUTBOX_POLL_MS),
    SEED_DEMO: 'false',
    AUTH_RATE_LIMIT: '100000',
    API_RATE_LIMIT: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    JWT_SECRET: options.jwtSecret ?? randomJwtSecret(),
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
  };
}

/** Any HTTP answer: health may say 503 (a backlog nobody consumes) once the api is up. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
