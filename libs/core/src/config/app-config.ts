import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { loadOrCreateSecretFile } from './secret-file';

/**
 * Every setting the platform reads, parsed once at boot. Anything not set falls back to the
 * embedded default (SQLite + the shipped Meilisearch under DATA_DIR), so a fresh clone runs
 * with no environment at all; production sets DB_URL, MEILI_URL and JWT_SECRET.
 */

/** Bytes of secret an HS256 key needs to be as strong as its hash (RFC 7518 §3.2). */
export const JWT_SECRET_MIN_LENGTH = 32;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => {
  const message = `must be an integer between ${min} and ${max}`;
  return z
    .string()
    .regex(/^-?\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
};
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.includes(new URL(v).protocol), {
      message: `must be a ${protocols.join(' or ')} URL`,
    });

const dateList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must list dates as YYYY-MM-DD, comma-separated')
        .refine((d) => {
          const time = Date.parse(`${d}T00:00:00Z`);
          return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === d;
        }, 'must list real dates'),
    ),
  );

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(1, 65535).default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    /** The built portal (npm run build writes it here); without an index.html, no portal. */
    WEB_DIR: z.string().min(1).default('./dist/web'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    CORS_ORIGINS: z.string().default(''),
    /** Proxy hops in front of the api (load balancer: 1), so rate limits see the client address. */
    TRUST_PROXY: int(0, 10).default(0),

    DB_URL: url(['mysql:', 'mariadb:']).optional(),
    DB_MIGRATE: bool.default(false),
    DB_POOL_SIZE: int(1, 200).default(10),

    MEILI_URL: url(['http:', 'https:']).optional(),
    MEILI_MASTER_KEY: z.string().min(16).optional(),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]*$/, 'may hold letters, digits, _ and - only')
      .default(''),
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    /** Prefix of every Redis key and stream, so several deployments can share one server. */
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_:.-]*$/, 'may hold letters, digits, _ : . and - only')
      .default('techfin:'),

    WORKER_IN_PROCESS: bool.optional(),
    OUTBOX_POLL_MS: int(10, 60_000).default(200),
    OUTBOX_BATCH_SIZE: int(1, 1000).default(100),
    SEED_DEMO: bool.optional(),

    /**
     * The key of access tokens. Unset on the embedded default: a random one kept in
     * DATA_DIR/jwt-secret (see localJwtSecret); required with DB_URL.
     */
    JWT_SECRET: z
      .string()
      .min(
        JWT_SECRET_MIN_LENGTH,
        `must be a random secret of at least ${JWT_SECRET_MIN_LENGTH} characters`,
      )
      .optional(),
    ACCESS_TOKEN_TTL_SECONDS: int(30, 86_400).default(900),
    /**
     * How long an api instance keeps a signed-in caller it read (user, role, organization and
     * their standing) before reading it again; 0: every request reads it. See PrincipalCache.
     */
    PRINCIPAL_CACHE_MS: int(0, 60_000).default(5_000),
    REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
    PASSWORD_MIN_LENGTH: int(8, 128).default(10),
    LOGIN_MAX_FAILURES: int(1, 100).default(5),
    LOGIN_LOCKOUT_MINUTES: int(1, 1440).default(15),
    AUTH_RATE_LIMIT: int(1, 100_000).default(20),
    AUTH_RATE_WINDOW_SECONDS: int(1, 86_400).default(60),
    API_RATE_LIMIT: int(1, 1_000_000).default(600),
    API_RATE_WINDOW_SECONDS: int(1, 86_400).default(60),

    /**
     * Match answers each api instance remembers per direction while the index they came from is
     * unchanged (0: none): GET /needs/:id/matches and /products/:id/matches asked again answer
     * without searching.
     */
    MATCH_MEMO_SIZE: int(0, 100_000).default(2000),

    /** Working days an institution has to answer a docking request (weekends skipped). */
    DOCKING_SLA_WORKING_DAYS: int(1, 60).default(3),
    /** Working days after which an unanswered docking request expires. */
    DOCKING_EXPIRY_WORKING_DAYS: int(1, 120).default(10),
    /** Public holidays, YYYY-MM-DD, comma-separated: not working days. */
    DOCKING_HOLIDAYS: dateList,
    /** Weekend days worked instead of a holiday (调休), YYYY-MM-DD, comma-separated. */
    DOCKING_WORKDAYS: dateList,

    /** Chat messages one user may send per window, across every api instance when Redis is set. */
    CHAT_RATE_LIMIT: int(1, 100_000).default(20),
    CHAT_RATE_WINDOW_SECONDS: int(1, 3600).default(10),

    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    // Instances sharing a database must share the key, and a key made up by one of them would
    // not be shared: a deployment with a database server names its own.
    if (env.DB_URL && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: `must be set (a random secret of at least ${JWT_SECRET_MIN_LENGTH} characters) with DB_URL`,
      });
    }
    if (env.MEILI_URL && !env.MEILI_MASTER_KEY && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILI_MASTER_KEY'],
        message: 'is required with MEILI_URL in production',
      });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
      });
    }
  })
  .transform((env) => {
    const embedded = !env.DB_URL;
    return {
      ...env,
      /** No DB_URL: SQLite under DATA_DIR, the worker inside the api, demo data on first start. */
      EMBEDDED: embedded,
      WORKER_IN_PROCESS: env.WORKER_IN_PROCESS ?? embedded,
      SEED_DEMO: env.SEED_DEMO ?? embedded,
      CORS_ORIGIN_LIST: env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    };
  });

export type AppConfig = z.output<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the error is one line naming the variable, fit for a boot failure. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0] ?? 'environment');
  const shown =
    name in present && !/SECRET|PASSWORD|KEY/.test(name) ? ` (got "${present[name]}")` : '';
  throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
}

/** A secret good enough for tests and throwaway runs; production must set its own. */
export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * The access tokens' key: JWT_SECRET, or on the embedded default (no DB_URL, so one process)
 * a random one created on first start in DATA_DIR/jwt-secret, owner-only, so every install has
 * its own and sign-ins survive a restart.
 */
export function jwtSecretOf(config: Pick<AppConfig, 'JWT_SECRET' | 'DATA_DIR'>): string {
  return (
    config.JWT_SECRET ??
    loadOrCreateSecretFile(config.DATA_DIR, 'jwt-secret', JWT_SECRET_MIN_LENGTH)
  );
}
