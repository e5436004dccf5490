import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveMeilisearchBinary } from './meilisearch-binary';

export interface EmbeddedMeilisearchOptions {
  /** Holds data.ms, dumps and snapshots; created when missing. */
  dataDir: string;
  masterKey: string;
  /** Receives every line Meilisearch prints; output is discarded when omitted. */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** A fixed loopback port (to restart a server where its clients expect it); free one otherwise. */
  port?: number;
}

const DEFAULT_START_TIMEOUT_MS = 30_000;
const HEALTH_POLL_MS = 50;
const STOP_GRACE_MS = 5_000;
const STDERR_TAIL_LINES = 12;
// Meilisearch prints the OS message, not the errno name; accept both.
const PORT_IN_USE = /Address already in use|EADDRINUSE/i;

/** Thrown by start() when Meilisearch exits or never becomes healthy. */
export class MeilisearchStartError extends Error {
  override readonly name = 'MeilisearchStartError';
  constructor(
    message: string,
    readonly portInUse = false,
  ) {
    super(message);
  }
}

/**
 * A Meilisearch server owned by this Node process, for development and tests. It listens on a
 * random loopback port and dies with its owner.
 */
export class EmbeddedMeilisearch {
  private stopping?: Promise<void>;
  private readonly killOnParentExit = (): void => {
    // Only synchronous work runs in an 'exit' listener, so no graceful wait here. LMDB is
    // crash-safe, so SIGKILL loses nothing that was committed.
    this.child.kill('SIGKILL');
  };

  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    readonly url: string,
    readonly pid: number,
    readonly port: number,
  ) {
    process.once('exit', this.killOnParentExit);
  }

  static async start(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
    const binary = resolveMeilisearchBinary();
    try {
      return await EmbeddedMeilisearch.launch(binary, options);
    } catch (error) {
      // Another process can grab the port between our probe and Meilisearch's bind: retry once.
      if (error instanceof MeilisearchStartError && error.portInUse && !options.port) {
        return EmbeddedMeilisearch.launch(binary, options);
      }
      throw error;
    }
  }

  private static async launch(
    binary: string,
    options: EmbeddedMeilisearchOptions,
  ): Promise<EmbeddedMeilisearch> {
    const { dataDir, masterKey, log } = options;
    const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    mkdirSync(dataDir, { recursive: true });
    const port = options.port ?? (await findFreePort());
    const url = `http://127.0.0.1:${port}`;
    const startedAt = Date.now();

    const child = spawn(
      binary,
      // `--name=value`: a value starting with "-" (a base64url key may) would read as a flag.
      [
        `--http-addr=127.0.0.1:${port}`,
        `--db-path=${join(dataDir, 'data.ms')}`,
        `--dump-dir=${join(dataDir, 'dumps')}`,
        `--snapshot-dir=${join(dataDir, 'snapshots')}`,
        `--master-key=${masterKey}`,
        '--no-analytics',
        '--env=development',
        // The embedded server indexes small dev/test data sets on shared 2-core machines: one
        // indexing thread leaves a core for Node and MariaDB, and `--help` reports "unlimited".
        '--max-indexing-threads=1',
      ],
      // cwd: Meilisearch silently loads ./config.toml from its working directory.
      { cwd: dataDir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );

    const stderrTail: string[] = [];
    // Both pipes must be drained for the server's lifetime, or it blocks once a pipe buffer fills.
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      const isStderr = stream === child.stderr;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (isStderr) {
          stderrTail.push(line);
          if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
        }
        if (line.trim() !== '') log?.(line);
      });
    }

    let spawnError: Error | undefined;
    let closed = false;
    child.once('error', (error) => (spawnError = error));
    // 'close' rather than 'exit': it fires after stderr is fully read, so the tail is complete.
    child.once('close', () => (closed = true));
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });

    const fail = async (message: string, portInUse = false): Promise<never> => {
      await terminate(child, exited);
      const tail = stderrTail.filter((line) => line.trim() !== '').join('\n');
      throw new MeilisearchStartError(tail ? `${message}\n${tail}` : message, portInUse);
    };

    while (!(await isHealthy(url))) {
      if (spawnError) {
        return fail(`Could not run Meilisearch binary ${binary}: ${spawnError.message}`);
      }
      if (closed) {
        const how = child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
        return fail(
          `Meilisearch exited during startup (${how}); last stderr lines:`,
          stderrTail.some((line) => PORT_IN_USE.test(line)),
        );
      }
      if (Date.now() - startedAt > timeoutMs) {
        return fail(`Meilisearch did not become healthy at ${url} within ${timeoutMs} ms`);
      }
      await sleep(HEALTH_POLL_MS);
    }

    log?.(`Meilisearch ready at ${url} in ${Date.now() - startedAt} ms (pid ${child.pid})`);
    // The server must never keep its owner alive on its own; the parent-exit hook reaps it.
    child.unref();
    for (const stream of [child.stdout, child.stderr]) {
      (stream as { unref?: () => void } | null)?.unref?.();
    }
    return new EmbeddedMeilisearch(child, exited, url, child.pid!, port);
  }

  /** SIGTERM, then SIGKILL after 5 s. Safe to call more than once. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      process.off('exit', this.killOnParentExit);
      this.stopping = terminate(this.child, this.exited);
    }
    await this.stopping;
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
  });
  const mustKill = await Promise.race([exited.then(() => false), graceOver]);
  clearTimeout(timer);
  if (mustKill) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: unknown };
    return body.status === 'available';
  } catch {
    return false;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not determine a free loopback port'));
      });
    });
  });
}

// The parent's MEILI_* variables (MEILI_URL, MEILI_MASTER_KEY, MEILI_IMPORT_DUMP...) are meant
// for clients or another server; Meilisearch would read them as its own options.
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('MEILI_')) env[name] = value;
  }
  // Plain log lines instead of ANSI-coloured ones, even though stderr is not a TTY.
  env.NO_COLOR = '1';
  // A startup error is one line; with RUST_BACKTRACE=1 inherited, anyhow buries it under ~20
  // lines of backtrace. Panics keep their backtrace.
  env.RUST_LIB_BACKTRACE = '0';
  return env;
}
