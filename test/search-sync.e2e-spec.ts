import { randomBytes } from 'node:crypto';
import { OutboxEntry, OutboxService } from '@app/database';
import { ORGANIZATIONS_INDEX, Organization } from '@app/identity';
import { OutboxConsumer, ReindexService } from '@app/search';
import { Meilisearch } from 'meilisearch';
import request from 'supertest';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { loginAdmin, register, registerBody, SessionBody } from './helpers/factories';
import { TcpProxy } from './helpers/tcp-proxy';
import { eventually, startApp, TestApp } from './helpers/test-app';

const meili = new Meilisearch({
  host: process.env.MEILI_URL!,
  apiKey: process.env.MEILI_MASTER_KEY,
});
const indexUid = `${process.env.MEILI_INDEX_PREFIX}${ORGANIZATIONS_INDEX}`;
const organizationsIndex = meili.index(indexUid);

/** Backoff after a few failed pushes reaches several seconds; give recovery room for it. */
const RECOVERY_MS = 45_000;

async function indexedIds(): Promise<Set<string>> {
  const page = await organizationsIndex.getDocuments<{ id: string }>({
    fields: ['id'],
    limit: 10_000,
  });
  return new Set(page.results.map((doc) => doc.id));
}

async function expectIndexed(...ids: string[]): Promise<void> {
  const indexed = await indexedIds();
  expect(ids.filter((id) => !indexed.has(id))).toEqual([]);
}

async function searchIds(q: string): Promise<string[]> {
  const result = await organizationsIndex.search<{ id: string }>(q);
  return result.hits.map((hit) => hit.id);
}

function outboxRows(t: TestApp, documentIds: string[]): Promise<OutboxEntry[]> {
  return t.app
    .get(DataSource)
    .getRepository(OutboxEntry)
    .findBy({ topic: ORGANIZATIONS_INDEX, documentId: In(documentIds) });
}

function adminSearch(t: TestApp, token: string, q: string): request.Test {
  return request(t.http).get('/api/v1/orgs').query({ q }).auth(token, { type: 'bearer' });
}

describe('search sync (outbox -> Meilisearch)', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  describe('with Meilisearch up', () => {
    it("should push a registered organization's document and mark its outbox row processed", async () => {
      const session = await register(t.http);
      const orgId = session.organization.id;

      await eventually(() => expectIndexed(orgId));
      await eventually(async () => {
        const rows = await outboxRows(t, [orgId]);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ processedAt: expect.any(Date), lastError: null });
      });
      const creditCode = (
        await t.app.get(DataSource).getRepository(Organization).findOneByOrFail({
          id: orgId,
        })
      ).creditCode!;
      expect(await searchIds(creditCode)).toEqual([orgId]);
    });

    it('should update the document when an admin renames the organization', async () => {
      const session = await register(t.http);
      const orgId = session.organization.id;
      const word = `renamed${randomBytes(4).toString('hex')}`;
      await eventually(() => expectIndexed(orgId));

      const patch = await request(t.http)
        .patch(`/api/v1/orgs/${orgId}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ name: `青岛更名科技有限公司 ${word}` });
      expect(patch.status).toBe(200);

      await eventually(async () => expect(await searchIds(word)).toEqual([orgId]));
      const found = await adminSearch(t, admin.accessToken, word);
      expect(found.status).toBe(200);
      expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([orgId]);
      expect(found.body.items[0].name).toBe(`青岛更名科技有限公司 ${word}`);
    });
  });

  describe('with Meilisearch unreachable', () => {
    let proxy: TcpProxy;
    let cut: TestApp;
    let cutAdmin: SessionBody;

    beforeAll(async () => {
      proxy = await TcpProxy.start(process.env.MEILI_URL!);
      cut = await startApp({ MEILI_URL: proxy.url });
      cutAdmin = await loginAdmin(cut.http);
      // Only the app behind the proxy may drain the outbox while Meilisearch is "down".
      await t.app.get(OutboxConsumer).stop();
    });
    afterAll(async () => {
      t.app.get(OutboxConsumer).start();
      await cut?.close();
      await proxy?.down();
    });

    it('should keep accepting writes, answer searches and health with 503, and catch up when it returns', async () => {
      const before = await adminSearch(cut, cutAdmin.accessToken, 'anything');
      expect(before.status).toBe(200);

      await proxy.down();

      const sessions: SessionBody[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await request(cut.http).post('/api/v1/auth/register').send(registerBody());
        expect(response.status).toBe(201);
        sessions.push(response.body as SessionBody);
      }
      const orgIds = sessions.map((s) => s.organization.id);

      const search = await adminSearch(cut, cutAdmin.accessToken, '青岛');
      expect(search.status).toBe(503);
      expect(search.body.error.code).toBe('SEARCH_UNAVAILABLE');
      expect(search.headers['retry-after']).toMatch(/^\d+$/);

      await eventually(async () => {
        const rows = await outboxRows(cut, orgIds);
        expect(rows).toHaveLength(orgIds.length);
        for (const row of rows) {
          expect(row.processedAt).toBeNull();
          expect(row.attempts).toBeGreaterThan(0);
          expect(row.lastError).toEqual(expect.any(String));
        }
      });
      const backlog = await cut.app.get(OutboxService).backlog();
      expect(backlog.pending).toBeGreaterThanOrEqual(orgIds.length);
      expect(backlog.failing).toBeGreaterThanOrEqual(orgIds.length);

      const unhealthy = await request(cut.http).get('/health');
      expect(unhealthy.status).toBe(503);
      expect(unhealthy.body.status).toBe('error');
      expect(unhealthy.body.error.meilisearch.status).toBe('down');
      expect(unhealthy.body.info.database.status).toBe('up');
      const indexedWhileDown = await indexedIds();
      expect(orgIds.filter((id) => indexedWhileDown.has(id))).toEqual([]);

      await proxy.up();

      await eventually(() => expectIndexed(...orgIds), RECOVERY_MS);
      await eventually(async () => {
        const rows = await outboxRows(cut, orgIds);
        expect(rows.every((row) => row.processedAt !== null && row.lastError === null)).toBe(true);
      });
      await eventually(async () => {
        const healthy = await request(cut.http).get('/health');
        expect(healthy.status).toBe(200);
        expect(healthy.body.info.meilisearch.status).toBe('up');
      });
      const after = await adminSearch(cut, cutAdmin.accessToken, sessions[0].organization.name);
      expect(after.status).toBe(200);
    });
  });

  describe('reindex', () => {
    it('should rebuild the index from the database under the same uid, leaving no copy behind', async () => {
      const sessions = await Promise.all([register(t.http), register(t.http), register(t.http)]);
      const orgIds = sessions.map((s) => s.organization.id);
      await eventually(() => expectIndexed(...orgIds));
      await eventually(async () =>
        expect((await t.app.get(OutboxService).backlog()).pending).toBe(0),
      );
      const task = await organizationsIndex.deleteDocuments(orgIds.slice(0, 2)).waitTask();
      expect(task.status).toBe('succeeded');
      expect((await indexedIds()).has(orgIds[0])).toBe(false);
      const kept = sessions[2];
      const keptCode = (
        await t.app.get(DataSource).getRepository(Organization).findOneByOrFail({
          id: kept.organization.id,
        })
      ).creditCode!;

      const reindexing = t.app.get(ReindexService).reindex(ORGANIZATIONS_INDEX);
      let done = false;
      const settled = reindexing.then(
        () => (done = true),
        () => (done = true),
      );
      const during: { status: number; ids: string[] | undefined }[] = [];
      while (!done) {
        const response = await adminSearch(t, admin.accessToken, keptCode);
        during.push({
          status: response.status,
          ids: response.body.items?.map((o: { id: string }) => o.id),
        });
      }
      await settled;
      const result = await reindexing;

      expect(during.length).toBeGreaterThan(0);
      expect(
        during.filter((r) => r.status !== 200 || r.ids?.join() !== kept.organization.id),
      ).toEqual([]);
      const allIds = (await t.app.get(DataSource).getRepository(Organization).find()).map(
        (o) => o.id,
      );
      expect(result).toMatchObject({ index: ORGANIZATIONS_INDEX, documents: allIds.length });
      expect([...(await indexedIds())].sort()).toEqual([...allIds].sort());
      const uids = (await meili.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
      expect(uids).toContain(indexUid);
      expect(uids.filter((uid) => uid.includes('__rebuild_'))).toEqual([]);
      const settings = await organizationsIndex.getSettings();
      expect(settings.filterableAttributes).toEqual(
        expect.arrayContaining(['kind', 'status', 'district']),
      );
      const after = await adminSearch(t, admin.accessToken, keptCode);
      expect(after.status).toBe(200);
      expect(after.body.items.map((o: { id: string }) => o.id)).toEqual([kept.organization.id]);
    });
  });

  describe('two consumers on one outbox', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      [first, second] = await Promise.all([
        startApp({ WORKER_IN_PROCESS: 'false', OUTBOX_BATCH_SIZE: '3' }),
        startApp({ WORKER_IN_PROCESS: 'false', OUTBOX_BATCH_SIZE: '3' }),
      ]);
    });
    afterAll(async () => {
      t.app.get(OutboxConsumer).start();
      await Promise.all([first?.close(), second?.close()]);
    });

    it('should take every row exactly once and lose no document', async () => {
      await eventually(async () =>
        expect((await t.app.get(OutboxService).backlog()).pending).toBe(0),
      );
      await t.app.get(OutboxConsumer).stop();
      const lastId = await t.app.get(OutboxService).lastId();
      const sessions = await Promise.all(Array.from({ length: 24 }, () => register(t.http)));
      const orgIds = sessions.map((s) => s.organization.id);
      const rows = await t.app
        .get(DataSource)
        .getRepository(OutboxEntry)
        .findBy({ id: MoreThan(lastId) });
      expect(rows.length).toBeGreaterThanOrEqual(orgIds.length);

      const outbox = t.app.get(DataSource).getRepository(OutboxEntry);
      const allProcessed = async () =>
        (await outbox.countBy({ id: MoreThan(lastId), processedAt: IsNull() })) === 0;
      // Like the worker loop: claim, and when nothing is free right now, poll again shortly.
      const drain = async (app: TestApp): Promise<number> => {
        const consumer = app.app.get(OutboxConsumer);
        let taken = 0;
        while (!(await allProcessed())) {
          const n = await consumer.drainOnce();
          taken += n;
          if (n === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return taken;
      };
      const [takenByFirst, takenBySecond] = await Promise.all([drain(first), drain(second)]);

      expect(takenByFirst + takenBySecond).toBe(rows.length);
      expect(takenByFirst).toBeGreaterThan(0);
      expect(takenBySecond).toBeGreaterThan(0);
      const after = await t.app
        .get(DataSource)
        .getRepository(OutboxEntry)
        .findBy({ id: MoreThan(lastId) });
      expect(after.filter((row) => row.processedAt === null || row.attempts > 0)).toEqual([]);
      await expectIndexed(...orgIds);
    });
  });
});
