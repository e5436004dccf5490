import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret kept in `<dir>/<name>`, created at random on first use and readable by its owner
 * only: what an install without a configured secret signs with, the same after every restart.
 * Refuses a file shorter than `minBytes` rather than trusting a truncated secret.
 */
export function loadOrCreateSecretFile(dir: string, name: string, minBytes: number): string {
  const file = join(dir, name);
  const existing = readSecret(file, minBytes);
  if (existing !== undefined) return existing;

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(Math.max(32, minBytes)).toString('base64url');
  try {
    // 'wx' so two processes starting at once cannot overwrite each other's secret.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSecret(file, minBytes) ?? secret;
  }
}

function readSecret(file: string, minBytes: number): string | undefined {
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (Buffer.byteLength(secret) < minBytes) {
    throw new Error(
      `The secret in ${file} is shorter than ${minBytes} bytes: delete the file to generate a new one`,
    );
  }
  // A copy or an unpacked backup may have widened it: nobody but the owner reads a secret.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secret;
}
