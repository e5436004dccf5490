import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApp, TestApp } from './helpers/test-app';

const INDEX_HTML = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <script type="module" src="/assets/index-abc123.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

/** A built portal as Vite lays it out: index.html, hashed assets, and files of public/. */
async function builtPortal(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'techfin-portal-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), INDEX_HTML);
  await writeFile(join(dir, 'assets/index-abc123.js'), 'console.log("portal");\n');
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the portal on the api origin', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = await builtPortal();
    t = await startApp({ WEB_DIR: webDir });
  });
  afterAll(async () => {
    await t.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it("should serve index.html at / and at every route of the portal's own", async () => {
    for (const path of [
      '/',
      '/products',
      '/products/7a1c6f3e-0000-4000-8000-000000000000',
      '/sign-in',
    ]) {
      const response = await request(t.http).get(path).set('Accept', 'text/html');

      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root"></div>');
    }
  });

  it('should give each page a fresh nonce that its CSP lets styles carry, and scripts only from itself', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await request(t.http).get('/');
      const nonce = /<meta name="csp-nonce" content="([^"]+)" \/>/.exec(response.text)?.[1];
      const csp = response.headers['content-security-policy'];

      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('should serve hashed assets to be kept for good, other files as they are', async () => {
    const asset = await request(t.http).get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const icon = await request(t.http).get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('should answer a missing file with a 404, not with the page', async () => {
    const response = await request(t.http).get('/assets/index-gone99.js');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('should leave /api, /docs, /health and /socket.io to the api', async () => {
    const unknownApi = await request(t.http)
      .get('/api/v1/no-such-thing')
      .set('Accept', 'text/html');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'There is no such endpoint.', details: [] },
    });
    const bareApi = await request(t.http).get('/api').set('Accept', 'text/html');
    expect(bareApi.status).toBe(404);
    expect(bareApi.body.error.code).toBe('ROUTE_NOT_FOUND');

    const docs = await request(t.http).get('/docs');
    expect(docs.text).toContain('swagger');
    expect((await request(t.http).get('/docs/yaml')).text).toMatch(/^openapi: 3\./);
    expect((await request(t.http).get('/health')).body.status).toBe('ok');
    const socket = await request(t.http)
      .get('/socket.io/')
      .query({ EIO: '4', transport: 'polling' });
    expect(socket.text).not.toContain('<div id="root">');
  });

  it('should serve as /docs/json exactly the checked-in document the portal is generated from', async () => {
    const checkedIn = JSON.parse(
      await readFile(join(__dirname, '../apps/api/openapi.json'), 'utf8'),
    );

    const served = await request(t.http).get('/docs/json');

    expect(served.body).toEqual(checkedIn);
  });

  it('should not answer writes with the page', async () => {
    const response = await request(t.http).post('/products').send({});

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('the api without a built portal', () => {
  let t: TestApp;
  let emptyDir: string;

  beforeAll(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'techfin-no-portal-'));
    t = await startApp({ WEB_DIR: emptyDir });
  });
  afterAll(async () => {
    await t.close();
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('should answer / with the JSON 404 and keep its own paths', async () => {
    const root = await request(t.http).get('/').set('Accept', 'text/html');

    expect(root.status).toBe(404);
    expect(root.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect((await request(t.http).get('/api/v1/vocabulary')).status).toBe(200);
  });
});
