import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const WEB_DIR = join(ROOT, 'dist/web');

/** Settings of the api under test; the suites rely on them. */
export const TEST_API_SETTINGS = {
  /** sign-in.e2e.ts locks an account with this many wrong passwords. */
  LOGIN_MAX_FAILURES: '3',
  LOGIN_LOCKOUT_MINUTES: '15',
  // Every suite signs in from the same address: only the lockout is under test here.
  AUTH_RATE_LIMIT: '1000',
  API_RATE_LIMIT: '100000',
};

/**
 * The real api as `npm start` runs it, built (`npm run build`): the embedded default in a
 * fresh DATA_DIR (SQLite, the shipped Meilisearch, the demo marketplace) on a free port,
 * serving the built portal. The suites get its address through `inject('baseUrl')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const built of [MAIN, join(WEB_DIR, 'index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'techfin-web-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    WEB_DIR,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...TEST_API_SETTINGS,
  };
  const api = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  api.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  api.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const stop = async () => {
    await stopProcess(api);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await until(() => output.join('').includes('Portal: '), api, output, 120_000);
    await catalogIndexed(baseUrl, api, output);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  return stop;
}

/** The demo products reach Meilisearch after the api starts listening: wait for all of them. */
async function catalogIndexed(baseUrl: string, api: ChildProcess, output: string[]) {
  const stats = (await (await fetch(`${baseUrl}/api/v1/stats/public`)).json()) as {
    productsListed: number;
  };
  await until(
    async () => {
      const response = await fetch(`${baseUrl}/api/v1/products?pageSize=1`);
      return (
        response.ok && ((await response.json()) as { total: number }).total === stats.productsListed
      );
    },
    api,
    output,
    60_000,
  );
}

async function until(
  check: () => boolean | Promise<boolean>,
  api: ChildProcess,
  output: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (api.exitCode !== null) {
      throw new Error(`The api exited (${api.exitCode}):\n${output.join('')}`);
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`The api was not ready within ${timeoutMs} ms:\n${output.join('')}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? done(address.port)
          : fail(new Error('no free port')),
      );
    });
  });
}

/** SIGTERM lets the api stop its Meilisearch; a process that hangs is killed after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
