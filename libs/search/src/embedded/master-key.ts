import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_FILE = 'meili-master-key';
// Meilisearch refuses shorter keys in production and only warns in development.
const MIN_KEY_BYTES = 16;

/** Returns the master key stored in `<dir>/meili-master-key`, creating a random one on first use. */
export function loadOrCreateMasterKey(dir: string): string {
  const file = join(dir, KEY_FILE);
  const existing = readKey(file);
  if (existing !== undefined) return existing;

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  try {
    // 'wx' so two processes starting at once cannot overwrite each other's key.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKey(file) ?? key;
  }
}

function readKey(file: string): string | undefined {
  let key: string;
  try {
    key = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (Buffer.byteLength(key) < MIN_KEY_BYTES) {
    throw new Error(
      `Meilisearch master key in ${file} is shorter than ${MIN_KEY_BYTES} bytes: delete the file to generate a new one`,
    );
  }
  return key;
}
