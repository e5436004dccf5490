import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server running in a child process of the bench, so the load client has its own loop. */
export interface ChildServer {
  label: string;
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Starts `node script` with `env` over this process's environment and PORT set, and
 * answers once GET /health does. Its output goes to this process's stderr, prefixed.
 */
export async function startChild(
  label: string,
  script: string,
  env: Record<string, string | undefined>,
): Promise<ChildServer> {
  const port = await freePort();
  // An undefined value removes a variable this process has.
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined) merged[key] = value;
  }
  // BENCH_SERVER_NODE_ARGS, say `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the servers alone.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...merged, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim()) process.stderr.write(`[${label}] ${line}\n`);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  try {
    await untilHealthy(child, url);
  } catch (error) {
    await stop();
    throw new Error(
      `${label} did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { label, url, pid: child.pid!, stop };
}

async function untilHealthy(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`no healthy answer within ${READY_TIMEOUT_MS} ms`);
}

/** SIGTERM, then SIGKILL if it has not ended after a while. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
