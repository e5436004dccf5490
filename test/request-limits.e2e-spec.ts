import { randomUUID } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { ERROR_CODES, MAX_JSON_DEPTH } from '@app/core';
import type { ErrorCode } from '@app/core';
import { encode } from 'iconv-lite';
import request from 'supertest';
import { createNeed, loginAdmin, register, registerBody, SessionBody } from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

/** `{"a":{"a":...{"a":1}...}}` with `depth` objects. */
function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A body of `depth` levels in all, the outer object included, under `field`. */
function bodyOfDepth(field: string, depth: number): string {
  return `{"${field}":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

const THOUSANDS_DEEP = 10_000;

function expectError(response: request.Response, status: number, code: ErrorCode): void {
  expect({ status: response.status, body: response.body as unknown }).toEqual({
    status,
    body: { error: { code, message: ERROR_CODES[code].message, details: [] } },
  });
}

type OpenApiParameter = { name: string; in: string };
type OpenApiDocument = {
  paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }>;
};

describe('request limits', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const postJson = (path: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    const call = request(t.http).post(`/api/v1${path}`).set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(headers)) call.set(name, value);
    // Bytes go out as they are: superagent would serialise a Buffer as JSON.
    return call.serialize((bytes: string | Buffer) => bytes as string).send(body);
  };

  describe('JSON nested too deep', () => {
    it('should answer 400 BODY_TOO_DEEP on an anonymous route', async () => {
      const response = await postJson('/auth/logout', bodyOfDepth('refreshToken', THOUSANDS_DEEP));

      expectError(response, 400, 'BODY_TOO_DEEP');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    });

    it('should answer 400 BODY_TOO_DEEP on registration, objects or arrays alike', async () => {
      const { organization, user } = registerBody();
      const deepObject = JSON.stringify({ organization, user }).replace(
        '"user":',
        `"extra":${nestedObject(THOUSANDS_DEEP)},"user":`,
      );

      expectError(await postJson('/auth/register', deepObject), 400, 'BODY_TOO_DEEP');
      expectError(
        await postJson('/auth/register', bodyOfDepth('organization', THOUSANDS_DEEP)),
        400,
        'BODY_TOO_DEEP',
      );
    });

    it('should answer 400 BODY_TOO_DEEP to PATCH /needs/:id and leave the need as it was', async () => {
      const enterprise = await register(t.http, 'enterprise');
      const need = await createNeed(t.http, enterprise.accessToken);

      const response = await request(t.http)
        .patch(`/api/v1/needs/${need.id}`)
        .auth(enterprise.accessToken, { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send(
          `{"title":"新标题","fundingTypes":${'['.repeat(THOUSANDS_DEEP)}${']'.repeat(THOUSANDS_DEEP)}}`,
        );

      expectError(response, 400, 'BODY_TOO_DEEP');
      const after = await request(t.http)
        .get(`/api/v1/needs/${need.id}`)
        .auth(enterprise.accessToken, { type: 'bearer' });
      expect(after.body.title).toBe(need.title);
    });

    it('should let a body at the limit reach validation and refuse one level more', async () => {
      const atLimit = await postJson('/auth/register', bodyOfDepth('organization', MAX_JSON_DEPTH));
      const beyond = await postJson(
        '/auth/register',
        bodyOfDepth('organization', MAX_JSON_DEPTH + 1),
      );

      expect(atLimit.status).toBe(400);
      expect(atLimit.body.error.code).toBe('VALIDATION_FAILED');
      expectError(beyond, 400, 'BODY_TOO_DEEP');
    });

    it('should not count brackets inside strings', async () => {
      const response = await postJson(
        '/auth/login',
        JSON.stringify({ email: 'nobody@e2e.kejinqiao.example', password: '[{'.repeat(200) }),
      );

      expectError(response, 401, 'INVALID_CREDENTIALS');
    });

    it('should see the depth through compression and UTF-16 too', async () => {
      const deep = bodyOfDepth('refreshToken', THOUSANDS_DEEP);

      expectError(
        await postJson('/auth/logout', gzipSync(deep), { 'Content-Encoding': 'gzip' }),
        400,
        'BODY_TOO_DEEP',
      );
      expectError(
        await postJson('/auth/logout', encode(deep, 'utf-16'), {
          'Content-Type': 'application/json; charset=utf-16',
        }),
        400,
        'BODY_TOO_DEEP',
      );
    });
  });

  describe('compressed bodies', () => {
    const login = JSON.stringify({ email: 'nobody@e2e.kejinqiao.example', password: 'x' });

    it.each([
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ])('should read a %s body', async (encoding, compress) => {
      const response = await postJson('/auth/login', compress(login), {
        'Content-Encoding': encoding,
      });

      expectError(response, 401, 'INVALID_CREDENTIALS');
    });

    const gzipped = gzipSync(login);
    const flipped = Buffer.from(gzipped);
    flipped[flipped.length - 6] ^= 0xff;

    it.each([
      ['gzip', Buffer.from('not compressed at all')],
      ['gzip', gzipped.subarray(0, gzipped.length - 6)],
      ['gzip', flipped],
      ['deflate', Buffer.from('not compressed at all')],
      ['br', Buffer.from('not compressed at all')],
      ['br', brotliCompressSync(login).subarray(0, 10)],
    ])('should answer 400 BODY_ENCODING_INVALID to a corrupt %s body', async (encoding, body) => {
      const response = await postJson('/auth/login', body, { 'Content-Encoding': encoding });

      expectError(response, 400, 'BODY_ENCODING_INVALID');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    });

    it.each(['compress', 'x-zip', 'gzip, br'])(
      'should answer 415 UNSUPPORTED_MEDIA_TYPE to the encoding %p',
      async (encoding) => {
        const response = await postJson('/auth/login', gzipped, { 'Content-Encoding': encoding });

        expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      },
    );

    it('should answer 413 PAYLOAD_TOO_LARGE to a body that inflates past the limit', async () => {
      const padding = JSON.stringify({ email: 'a@b.example', password: ' '.repeat(8_000_000) });

      const response = await postJson('/auth/login', gzipSync(padding), {
        'Content-Encoding': 'gzip',
      });

      expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('query strings', () => {
    const deepKey = `a${'[b]'.repeat(2000)}`;

    /** Every way a query could try to nest, repeat or multiply its parameters. */
    function hostileQueries(names: string[]): string[] {
      const queries = [
        `${deepKey}=1`,
        Array.from({ length: 2000 }, (_, i) => `p${i}=${i}`).join('&'),
        `${'['.repeat(3000)}=${']'.repeat(3000)}`,
      ];
      for (const name of names) {
        queries.push(
          `${name}[a][b][c]=1`,
          `${name}[]=1&${name}[]=2`,
          `${name}=1&${name}=2&${name}=x`,
          `${name}[__proto__][polluted]=1`,
          `${name}=${'%5B'.repeat(2000)}`,
        );
      }
      return queries;
    }

    it('should answer no GET operation with a 5xx, whatever its query', async () => {
      const document = (await request(t.http).get('/docs/json')).body as OpenApiDocument;
      const failures: string[] = [];
      let calls = 0;
      for (const [path, item] of Object.entries(document.paths)) {
        if (!item.get) continue;
        const names = (item.get.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => parameter.name);
        const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
        for (const query of hostileQueries(names)) {
          const response = await request(t.http)
            .get(`${url}?${query}`)
            .auth(admin.accessToken, { type: 'bearer' });
          calls++;
          if (response.status >= 500) {
            failures.push(`${path}?${query.slice(0, 80)} answered ${response.status}`);
          } else if (response.status >= 400 && response.type === 'application/json') {
            expect(response.body.error.code).toEqual(expect.any(String));
          }
        }
      }

      expect(calls).toBeGreaterThan(100);
      expect(failures).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
