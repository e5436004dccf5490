import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedMeilisearch, MeilisearchStartError } from './embedded-meilisearch';
import { loadOrCreateMasterKey } from './master-key';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('EmbeddedMeilisearch', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'techfin-meili-spec-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /health, enforces the master key and stops cleanly', async () => {
    const masterKey = loadOrCreateMasterKey(dir);
    const exitListeners = process.listenerCount('exit');
    const meili = await EmbeddedMeilisearch.start({ dataDir: dir, masterKey });
    try {
      expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(isRunning(meili.pid)).toBe(true);
      expect(process.listenerCount('exit')).toBe(exitListeners + 1);

      const health = await fetch(`${meili.url}/health`);
      expect(await health.json()).toEqual({ status: 'available' });

      const anonymous = await fetch(`${meili.url}/version`);
      expect([401, 403]).toContain(anonymous.status);

      const wrongKey = await fetch(`${meili.url}/version`, {
        headers: { Authorization: 'Bearer not-the-master-key' },
      });
      expect([401, 403]).toContain(wrongKey.status);

      const authorized = await fetch(`${meili.url}/version`, {
        headers: { Authorization: `Bearer ${masterKey}` },
      });
      expect(authorized.status).toBe(200);
      expect(await authorized.json()).toMatchObject({ pkgVersion: expect.stringMatching(/^1\./) });
    } finally {
      await meili.stop();
    }

    expect(isRunning(meili.pid)).toBe(false);
    expect(process.listenerCount('exit')).toBe(exitListeners);
    await expect(meili.stop()).resolves.toBeUndefined();
    await expect(fetch(`${meili.url}/health`)).rejects.toThrow();
  });

  it('should accept a master key that starts with a dash (base64url keys may)', async () => {
    const masterKey = `-L${'k'.repeat(30)}`;
    const meili = await EmbeddedMeilisearch.start({ dataDir: dir, masterKey });
    try {
      const authorized = await fetch(`${meili.url}/version`, {
        headers: { Authorization: `Bearer ${masterKey}` },
      });
      expect(authorized.status).toBe(200);
    } finally {
      await meili.stop();
    }
  });

  it('reports the server error when Meilisearch exits during startup', async () => {
    // A regular file where the database directory should be makes Meilisearch abort at once.
    writeFileSync(join(dir, 'data.ms'), 'not a database');
    const exitListeners = process.listenerCount('exit');

    const start = EmbeddedMeilisearch.start({ dataDir: dir, masterKey: 'x'.repeat(32) });

    await expect(start).rejects.toThrow(MeilisearchStartError);
    await expect(start).rejects.toThrow(/exited during startup \(code \d+\)/);
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });
});

describe('loadOrCreateMasterKey', () => {
  let dir: string;

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'techfin-meili-key-')), 'nested', 'config');
  });

  afterEach(() => {
    rmSync(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('creates a private key file once and returns the same key afterwards', () => {
    const key = loadOrCreateMasterKey(dir);

    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(statSync(join(dir, 'meili-master-key')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(dir)).toBe(key);
  });

  it('rejects a stored key Meilisearch would consider too short', () => {
    loadOrCreateMasterKey(dir);
    writeFileSync(join(dir, 'meili-master-key'), 'short\n');

    expect(() => loadOrCreateMasterKey(dir)).toThrow(/shorter than 16 bytes/);
  });
});
