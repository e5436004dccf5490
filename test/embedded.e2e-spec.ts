import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@app/core';
import type { AppConfig } from '@app/core';
import { OutboxEntry } from '@app/database';
import { DemoDataSeeder } from '@app/demo';
import { DEMO_PASSWORD, ORGANIZATIONS_INDEX, Organization, User } from '@app/identity';
import { MeilisearchConnection } from '@app/search';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource, IsNull } from 'typeorm';
import { createApp } from '../apps/api/src/create-app';
import { ChatClient, listen } from './helpers/chat-client';
import {
  login,
  productBody,
  publishedNeed,
  publishedProduct,
  register,
  verifiedOrg,
} from './helpers/factories';
import { eventually } from './helpers/test-app';

const DEMO_ADMIN_EMAIL = 'admin@kejinqiao.example';
/** The demo seed queues the stored matches of every demo need and product behind it. */
const DRAIN_MS = 60_000;
jest.setTimeout(2 * DRAIN_MS);

/**
 * The zero-configuration default: no DB_URL and no MEILI_URL, so the app keeps a SQLite file
 * under DATA_DIR and runs Meilisearch from the shipped binary, with the worker in-process.
 */
describe('embedded default', () => {
  let dataDir: string;
  let config: AppConfig;
  let app: INestApplication;
  let http: App;
  let closed = false;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'techfin-embedded-e2e-'));
    config = parseConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'true',
      OUTBOX_POLL_MS: '50',
    });
    app = await createApp(config);
    await app.init();
    http = app.getHttpServer() as App;
  });

  afterAll(async () => {
    if (!closed) await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should run embedded: no database or Meilisearch URL, worker in-process, demo seeding on', () => {
    expect(config).toMatchObject({
      EMBEDDED: true,
      WORKER_IN_PROCESS: true,
      SEED_DEMO: true,
      DATA_DIR: dataDir,
    });
    expect(config.DB_URL).toBeUndefined();
    expect(config.MEILI_URL).toBeUndefined();
    expect(app.get(DataSource).options.type).toBe('better-sqlite3');
    expect(app.get(MeilisearchConnection).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('should sign access tokens with a key of its own, kept owner-only in DATA_DIR', async () => {
    const file = join(dataDir, 'jwt-secret');
    const key = readFileSync(file, 'utf8').trim();
    const session = await register(http);
    const [header, payload, signature] = session.accessToken.split('.');

    expect(config.JWT_SECRET).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.byteLength(key)).toBeGreaterThanOrEqual(32);
    expect(createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url')).toBe(
      signature,
    );
  });

  it('should seed the demo data once and create nothing the second time', async () => {
    const users = app.get(DataSource).getRepository(User);
    const orgs = app.get(DataSource).getRepository(Organization);

    const first = await app.get(DemoDataSeeder).seed();
    const counts = { users: await users.count(), orgs: await orgs.count() };
    const second = await app.get(DemoDataSeeder).seed();

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect({ users: await users.count(), orgs: await orgs.count() }).toEqual(counts);
    expect(counts.orgs).toBeGreaterThan(1);
    expect(first.logins.map((l) => l.email)).toContain(DEMO_ADMIN_EMAIL);
    expect(first.password).toBe(DEMO_PASSWORD);
  });

  it('should sign the demo admin in with the demo password', async () => {
    const session = await login(http, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);

    expect(session.user.role).toBe('admin');
    const orgs = await request(http).get('/api/v1/orgs').auth(session.accessToken, {
      type: 'bearer',
    });
    expect(orgs.status).toBe(200);
    expect(orgs.body.total).toBeGreaterThan(1);
  });

  it('should register, sign in and read /me on SQLite', async () => {
    const registered = await register(http);
    const session = await login(http, registered.user.email);

    const me = await request(http).get('/api/v1/me').auth(session.accessToken, {
      type: 'bearer',
    });

    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(registered.user.email);
    expect(me.body.organization.id).toBe(registered.organization.id);
  });

  it('should push organizations registered at the same time into the embedded Meilisearch', async () => {
    // Concurrent writes share SQLite's single connection; none may fail or be lost.
    const sessions = await Promise.all(Array.from({ length: 6 }, () => register(http)));
    const orgIds = sessions.map((s) => s.organization.id);
    const index = app.get(MeilisearchConnection).client.index(ORGANIZATIONS_INDEX);

    await eventually(async () => {
      const documents = await index.getDocuments<{ id: string }>({ fields: ['id'], limit: 1000 });
      const indexed = new Set(documents.results.map((d) => d.id));
      expect(orgIds.filter((id) => !indexed.has(id))).toEqual([]);
    });
    await eventually(async () => {
      const pending = await app
        .get(DataSource)
        .getRepository(OutboxEntry)
        .countBy({ processedAt: IsNull() });
      expect(pending).toBe(0);
    }, DRAIN_MS);
    const admin = await login(http, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const creditCode = (
      await app.get(DataSource).getRepository(Organization).findOneByOrFail({
        id: orgIds[0],
      })
    ).creditCode!;
    const found = await request(http)
      .get('/api/v1/orgs')
      .query({ q: creditCode })
      .auth(admin.accessToken, { type: 'bearer' });
    expect(found.status).toBe(200);
    expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([orgIds[0]]);
  });

  it('should run docking chat on SQLite: seqs without gaps, resends found, the offline side told', async () => {
    const url = await listen({ app });
    const admin = await login(http, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const bank = await verifiedOrg(http, admin.accessToken, 'bank');
    const enterprise = await verifiedOrg(http, admin.accessToken, 'enterprise');
    const product = await publishedProduct(http, bank.accessToken, productBody());
    const need = await publishedNeed(http, enterprise.accessToken);
    const opened = await request(http)
      .post('/api/v1/docking-sessions')
      .auth(enterprise.accessToken, { type: 'bearer' })
      .send({ needId: need.id, productId: product.id });
    expect(opened.status).toBe(201);
    const sessionId = opened.body.id as string;

    const client = await ChatClient.connect(url, enterprise.accessToken);
    try {
      expect(await client.join(sessionId)).toMatchObject({ ok: true, lastSeq: 0 });
      const sent = await Promise.all(
        ['您好', '想了解一下贷款流程', '谢谢'].map((body) => client.sent(sessionId, body)),
      );
      expect(sent.map((m) => m.seq).sort()).toEqual([1, 2, 3]);
      expect(await client.sent(sessionId, '您好', sent[0].clientId)).toEqual(sent[0]);

      // The bank has no socket open: it is told of the messages, once for the unread stretch.
      await eventually(async () => {
        const told = await request(http)
          .get('/api/v1/notifications')
          .auth(bank.accessToken, { type: 'bearer' });
        const chat = (told.body.items as { kind: string; data: { sessionId?: string } }[]).filter(
          (n) => n.kind === 'chat_message' && n.data.sessionId === sessionId,
        );
        expect(chat).toHaveLength(1);
      });
    } finally {
      client.close();
    }
  });

  it('should answer /health with SQLite and the embedded Meilisearch up', async () => {
    const health = await request(http).get('/health');

    expect(health.status).toBe(200);
    expect(health.body.info).toMatchObject({
      database: { status: 'up' },
      meilisearch: { status: 'up' },
      outbox: { status: 'up' },
    });
  });

  it('should stop Meilisearch on close and leave the SQLite file under DATA_DIR', async () => {
    const meiliUrl = app.get(MeilisearchConnection).url;
    expect((await fetch(`${meiliUrl}/health`)).status).toBe(200);

    await app.close();
    closed = true;

    await expect(fetch(`${meiliUrl}/health`)).rejects.toThrow();
    expect(existsSync(join(dataDir, 'techfin.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'meili', 'data.ms'))).toBe(true);
  });
});
