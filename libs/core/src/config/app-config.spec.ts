import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, jwtSecretOf, parseConfig } from './app-config';

const STRONG_SECRET = 'k'.repeat(48);

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('parseConfig accepted the environment');
}

describe(parseConfig.name, () => {
  it('should fall back to the embedded defaults when nothing is set', () => {
    const config = parseConfig({});

    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      EMBEDDED: true,
      WORKER_IN_PROCESS: true,
      SEED_DEMO: true,
      CORS_ORIGIN_LIST: [],
    });
    expect(config.DB_URL).toBeUndefined();
    expect(config.MEILI_URL).toBeUndefined();
    expect(config.JWT_SECRET).toBeUndefined();
  });

  it('should run the worker apart and seed nothing by default when DB_URL is set', () => {
    const config = parseConfig({
      DB_URL: 'mysql://root@127.0.0.1:3306/techfin',
      JWT_SECRET: STRONG_SECRET,
    });

    expect(config).toMatchObject({ EMBEDDED: false, WORKER_IN_PROCESS: false, SEED_DEMO: false });
  });

  it('should let explicit settings override the embedded defaults', () => {
    const config = parseConfig({ WORKER_IN_PROCESS: 'false', SEED_DEMO: 'no', PORT: '8080' });

    expect(config).toMatchObject({ EMBEDDED: true, WORKER_IN_PROCESS: false, SEED_DEMO: false });
    expect(config.PORT).toBe(8080);
  });

  it('should treat empty values as unset', () => {
    expect(parseConfig({ PORT: '', DB_URL: '' })).toMatchObject({ PORT: 3000, EMBEDDED: true });
  });

  it('should split CORS_ORIGINS into a trimmed list', () => {
    const config = parseConfig({ CORS_ORIGINS: ' https://a.example , https://b.example,, ' });

    expect(config.CORS_ORIGIN_LIST).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each(['abc', '0', '70000', '3000.5'])(
    'should refuse PORT=%s in one line naming PORT',
    (port) => {
      const error = configErrorOf({ PORT: port });

      expect(error.message).toMatch(/^Invalid configuration: PORT /);
      expect(error.message).toContain(`(got "${port}")`);
      expect(error.message).not.toContain('\n');
    },
  );

  it.each(['development', 'test', 'production'])(
    'should refuse DB_URL without JWT_SECRET when NODE_ENV=%s',
    (nodeEnv) => {
      const error = configErrorOf({
        NODE_ENV: nodeEnv,
        DB_URL: 'mysql://root@127.0.0.1:3306/techfin',
      });

      expect(error.message).toMatch(/^Invalid configuration: JWT_SECRET must be set/);
      expect(error.message).not.toContain('\n');
    },
  );

  it.each(['development', 'production'])(
    'should refuse a short JWT_SECRET when NODE_ENV=%s without printing it',
    (nodeEnv) => {
      const error = configErrorOf({ NODE_ENV: nodeEnv, JWT_SECRET: 'short-but-secret' });

      expect(error.message).toMatch(/^Invalid configuration: JWT_SECRET /);
      expect(error.message).not.toContain('short-but-secret');
    },
  );

  it('should accept a long random JWT_SECRET in production', () => {
    const config = parseConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET });

    expect(config.JWT_SECRET).toBe(STRONG_SECRET);
  });

  it('should require MEILI_MASTER_KEY with MEILI_URL in production', () => {
    const error = configErrorOf({
      NODE_ENV: 'production',
      JWT_SECRET: STRONG_SECRET,
      MEILI_URL: 'http://meili:7700',
    });

    expect(error.message).toMatch(/^Invalid configuration: MEILI_MASTER_KEY /);
  });

  it('should refuse a DB_URL that is not MySQL or MariaDB', () => {
    expect(configErrorOf({ DB_URL: 'postgres://db/techfin' }).message).toMatch(
      /^Invalid configuration: DB_URL /,
    );
  });

  it('should refuse ADMIN_EMAIL without ADMIN_PASSWORD', () => {
    expect(configErrorOf({ ADMIN_EMAIL: 'admin@example.com' }).message).toMatch(
      /^Invalid configuration: ADMIN_PASSWORD /,
    );
  });

  it('should refuse a boolean it cannot read', () => {
    expect(configErrorOf({ SEED_DEMO: 'maybe' }).message).toMatch(
      /^Invalid configuration: SEED_DEMO /,
    );
  });
});

describe(jwtSecretOf.name, () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'techfin-jwt-secret-')), 'data');
  });

  afterEach(() => {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('should use JWT_SECRET when it is set, writing nothing', () => {
    expect(jwtSecretOf({ JWT_SECRET: STRONG_SECRET, DATA_DIR: dataDir })).toBe(STRONG_SECRET);
    expect(() => statSync(dataDir)).toThrow();
  });

  it('should create a random secret once per install, readable by its owner only', () => {
    const secret = jwtSecretOf({ DATA_DIR: dataDir });
    const other = join(dataDir, '..', 'other');

    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(jwtSecretOf({ DATA_DIR: dataDir })).toBe(secret);
    expect(jwtSecretOf({ DATA_DIR: other })).not.toBe(secret);
  });

  it('should narrow a kept secret file that others could read', () => {
    const secret = jwtSecretOf({ DATA_DIR: dataDir });
    chmodSync(join(dataDir, 'jwt-secret'), 0o644);

    expect(jwtSecretOf({ DATA_DIR: dataDir })).toBe(secret);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('should refuse a kept secret too short to sign with', () => {
    jwtSecretOf({ DATA_DIR: dataDir });
    writeFileSync(join(dataDir, 'jwt-secret'), 'short\n');

    expect(() => jwtSecretOf({ DATA_DIR: dataDir })).toThrow(/shorter than 32 bytes/);
  });
});
