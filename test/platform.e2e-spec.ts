import { randomUUID } from 'node:crypto';
import { ERROR_CODES, VOCABULARY } from '@app/core';
import type { ErrorCode } from '@app/core';
import request from 'supertest';
import { registerBody } from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

interface OpenApiOperation {
  security?: Record<string, string[]>[];
}
interface OpenApiDocument {
  openapi: string;
  security?: Record<string, string[]>[];
  paths: Record<string, Partial<Record<Method, OpenApiOperation>>>;
}

/** Every operation open to anonymous callers; adding one here must be a deliberate decision. */
const PUBLIC_OPERATIONS = [
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /api/v1/vocabulary',
  'GET /api/v1/products',
  'GET /api/v1/products/{id}',
  'GET /api/v1/stats/public',
  'GET /api/v1/calendar/{token}/ics',
  'GET /health',
];

/** Signs of a leaked stack trace or driver/framework message in a response body. */
const LEAK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+|stack|SyntaxError|Unexpected token/i;

function expectCleanError(body: unknown, code: ErrorCode): void {
  expect(body).toEqual({ error: { code, message: ERROR_CODES[code].message, details: [] } });
  expect(JSON.stringify(body)).not.toMatch(LEAK);
}

function operationsOf(document: OpenApiDocument): { method: Method; path: string }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path })),
  );
}

function label(method: Method, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

describe('platform', () => {
  let t: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await startApp();
    document = (await request(t.http).get('/docs/json')).body as OpenApiDocument;
  });
  afterAll(() => t.close());

  describe('operations endpoints', () => {
    it('should report the database, Meilisearch and the outbox backlog as up on /health', async () => {
      const response = await request(t.http).get('/health');

      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.info.database).toEqual({ status: 'up' });
      expect(response.body.info.meilisearch).toEqual({ status: 'up' });
      expect(response.body.info.outbox).toMatchObject({
        status: 'up',
        pending: expect.any(Number),
        failing: expect.any(Number),
      });
      expect(response.body.error).toEqual({});
    });

    it('should serve the API docs as HTML on /docs', async () => {
      const response = await request(t.http).get('/docs');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger');
    });

    it('should serve an OpenAPI document with the real paths on /docs/json', async () => {
      const response = await request(t.http).get('/docs/json');

      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/auth/login',
          '/api/v1/auth/register',
          '/api/v1/me',
          '/api/v1/orgs',
          '/api/v1/orgs/{id}',
          '/api/v1/orgs/{id}/verify',
          '/api/v1/vocabulary',
          '/health',
        ]),
      );
      expect(response.body.paths['/api/v1/orgs/{id}']).toHaveProperty('get');
      expect(response.body.paths['/api/v1/orgs/{id}']).toHaveProperty('patch');
      expect(response.body.security).toEqual([{ bearer: [] }]);
    });

    it('should serve every vocabulary list with Chinese labels to anonymous callers', async () => {
      const response = await request(t.http).get('/api/v1/vocabulary');

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(Object.keys(VOCABULARY).sort());
      expect(response.body).toEqual(JSON.parse(JSON.stringify(VOCABULARY)));
      for (const [name, list] of Object.entries(
        response.body as Record<string, { code: string; label: string }[]>,
      )) {
        expect({ name, empty: list.length === 0 }).toEqual({ name, empty: false });
        for (const entry of list) {
          expect(entry.code).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(entry.label).toMatch(/[\u4e00-\u9fff]/);
        }
      }
      expect(response.body.districts).toContainEqual(
        expect.objectContaining({ code: 'laoshan', label: '崂山区' }),
      );
      expect(response.body.organizationKinds).toContainEqual(
        expect.objectContaining({ code: 'service_center' }),
      );
    });
  });

  describe('routes closed by default', () => {
    it('should mark exactly the expected operations as public in the OpenAPI document', () => {
      const open = operationsOf(document)
        .filter(({ method, path }) => document.paths[path][method]?.security?.length === 0)
        .map(({ method, path }) => label(method, path));

      expect(open.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
    });

    it('should answer 401 UNAUTHENTICATED to an anonymous caller on every other operation', async () => {
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(PUBLIC_OPERATIONS.length + 5);

      const wrong: string[] = [];
      for (const { method, path } of operations) {
        const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
        const call = request(t.http)[method](url);
        const response = method === 'get' ? await call : await call.send({});
        const name = label(method, path);
        const code = (response.body as { error?: { code?: string } }).error?.code;
        if (LEAK.test(JSON.stringify(response.body))) wrong.push(`${name} leaked internals`);
        if (PUBLIC_OPERATIONS.includes(name)) {
          if (response.status >= 500 || code === 'UNAUTHENTICATED') {
            wrong.push(`${name} (public) answered ${response.status} ${code}`);
          }
        } else if (response.status !== 401 || code !== 'UNAUTHENTICATED') {
          wrong.push(`${name} answered ${response.status} ${code}`);
        }
      }

      expect(wrong).toEqual([]);
    });

    it('should reject a forged bearer token on a closed route', async () => {
      const response = await request(t.http)
        .get('/api/v1/me')
        .auth('not.a.jwt', { type: 'bearer' });

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_INVALID');
    });
  });

  describe('error envelope', () => {
    it('should answer an unknown route with 404 ROUTE_NOT_FOUND', async () => {
      const response = await request(t.http).get('/api/v1/no-such-endpoint');

      expect(response.status).toBe(404);
      expectCleanError(response.body, 'ROUTE_NOT_FOUND');
    });

    it('should answer malformed JSON with 400 MALFORMED_JSON and no parser message', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.example", "password": ');

      expect(response.status).toBe(400);
      expectCleanError(response.body, 'MALFORMED_JSON');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    });

    it('should answer a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) }));

      expect(response.status).toBe(413);
      expectCleanError(response.body, 'PAYLOAD_TOO_LARGE');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    });

    it('should keep validation errors free of internals', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/register')
        .send({ ...registerBody(), isAdmin: true });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(
        expect.objectContaining({ field: 'isAdmin' }),
      );
      expect(JSON.stringify(response.body)).not.toMatch(LEAK);
    });

    it('should echo a sane X-Request-Id back', async () => {
      const id = `req-${randomUUID()}`;
      const response = await request(t.http).get('/api/v1/vocabulary').set('X-Request-Id', id);

      expect(response.status).toBe(200);
      expect(response.headers['x-request-id']).toBe(id);
    });

    it('should replace an absurd X-Request-Id with a fresh one', async () => {
      const absurd = `${'x'.repeat(300)}<script>`;
      const response = await request(t.http).get('/api/v1/vocabulary').set('X-Request-Id', absurd);

      expect(response.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    });

    it('should give a request id to an error response too', async () => {
      const response = await request(t.http).get('/api/v1/me');

      expect(response.status).toBe(401);
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    });

    it('should send the helmet security headers', async () => {
      const response = await request(t.http).get('/api/v1/vocabulary');

      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('CORS', () => {
    let cors: TestApp;
    beforeAll(async () => {
      cors = await startApp({ CORS_ORIGINS: 'https://portal.example' });
    });
    afterAll(() => cors.close());

    const preflight = (origin: string) =>
      request(cors.http)
        .options('/api/v1/me')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');

    it('should allow a configured origin in a preflight', async () => {
      const response = await preflight('https://portal.example');

      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://portal.example');
      expect(response.headers['access-control-allow-methods']).toContain('GET');
    });

    it('should not allow any other origin', async () => {
      const response = await preflight('https://evil.example');

      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('should not allow cross-origin calls at all when no origin is configured', async () => {
      const response = await request(t.http)
        .options('/api/v1/me')
        .set('Origin', 'https://portal.example')
        .set('Access-Control-Request-Method', 'GET');

      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('API rate limit', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await startApp({ API_RATE_LIMIT: '5' });
    });
    afterAll(() => limited.close());

    it('should answer the 6th request in a window with 429 RATE_LIMITED and Retry-After', async () => {
      for (let i = 1; i <= 5; i++) {
        const ok = await request(limited.http).get('/api/v1/vocabulary');
        expect({ request: i, status: ok.status }).toEqual({ request: i, status: 200 });
      }

      const response = await request(limited.http).get('/api/v1/vocabulary');

      expect(response.status).toBe(429);
      expectCleanError(response.body, 'RATE_LIMITED');
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
    });
  });
});
