import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { apiEnvironment, type BenchEnvironment } from '../shared/environment';

const BARE_MAIN = join(__dirname, 'bare-server.js');
const START_TIMEOUT_MS = 30_000;

/**
 * Starts bench/match/bare-server.ts in a child process on the bench's database and search:
 * the floor the api is compared with besides raw Meilisearch. Stopped when the scale is done.
 */
export async function startBareServer(
  env: BenchEnvironment,
  target: { dbUrl: string; meiliUrl: string; masterKey: string },
): Promise<{ base: string; pid: number }> {
  const child = spawn(process.execPath, [BARE_MAIN], {
    env: { ...process.env, ...apiEnvironment({ ...target, outbox: 'none' }), PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  env.onRelease('stop the bare server', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The bare server did not start: ${stderr}`)),
      START_TIMEOUT_MS,
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const listening = /^listening (\d+)$/m.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The bare server exited with ${code}: ${stderr}`));
    });
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid! };
}
