import { ConfigError, DEV_JWT_SECRET, parseConfig } from './app-config';

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
      JWT_SECRET: DEV_JWT_SECRET,
      CORS_ORIGIN_LIST: [],
    });
    expect(config.DB_URL).toBeUndefined();
    expect(config.MEILI_URL).toBeUndefined();
  });

  it('should run the worker apart and seed nothing by default when DB_URL is set', () => {
    const config = parseConfig({ DB_URL: 'mysql://root@127.0.0.1:3306/techfin' });

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

  it('should refuse the development JWT_SECRET in production', () => {
    const error = configErrorOf({ NODE_ENV: 'production', MEILI_MASTER_KEY: STRONG_SECRET });

    expect(error.message).toMatch(/^Invalid configuration: JWT_SECRET /);
    expect(error.message).not.toContain('\n');
  });

  it('should refuse a short JWT_SECRET in production without printing it', () => {
    const error = configErrorOf({ NODE_ENV: 'production', JWT_SECRET: 'short-but-secret' });

    expect(error.message).toMatch(/^Invalid configuration: JWT_SECRET /);
    expect(error.message).not.toContain('short-but-secret');
  });

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
