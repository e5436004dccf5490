import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxEntry, OutboxService } from '@app/database';
import { ORGANIZATIONS_INDEX } from '@app/identity';
import { chinaDate, WhitelistEntry, WhitelistService } from '@app/whitelist';
import request from 'supertest';
import { DataSource, In, MoreThan } from 'typeorm';
import {
  createCommissioner,
  createWhitelistBatch,
  creditCode,
  csvText,
  importWhitelistFile,
  loginAdmin,
  register,
  SessionBody,
  verifiedOrg,
  WhitelistBatchBody,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];
const UNKNOWN_ID = '7d1c3a52-9b0e-4f6a-8c2d-5e4f3a2b1c0d';

interface EntryBody {
  id: string;
  batchId: string;
  creditCode: string;
  enterpriseName: string;
  status: string;
  orgId: string | null;
}

interface PageBody<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('whitelist batches, entries and status', () => {
  let t: TestApp;
  let admin: SessionBody;
  let dir: string;
  const today = () => chinaDate(new Date());

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    dir = await mkdtemp(join(tmpdir(), 'techfin-whitelist-e2e-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  const get = (token: string, path: string) =>
    request(t.http).get(`/api/v1${path}`).auth(token, { type: 'bearer' });
  const post = (token: string, path: string) =>
    request(t.http).post(`/api/v1${path}`).auth(token, { type: 'bearer' });

  /** A batch holding these rows (code, name, qualifications, from, to), moved through `actions`. */
  async function batchWith(
    rows: string[][],
    ...actions: ('publish' | 'revoke')[]
  ): Promise<WhitelistBatchBody> {
    const batch = await createWhitelistBatch(t.http, admin.accessToken);
    const path = join(dir, `${randomBytes(4).toString('hex')}.csv`);
    await writeFile(path, csvText([HEADER, ...rows]));
    const imported = await importWhitelistFile(t.http, admin.accessToken, batch.id, path);
    expect(imported.status).toBe(200);
    expect(imported.body.rejected).toBe(0);
    for (const action of actions) {
      expect(
        (await post(admin.accessToken, `/whitelist/batches/${batch.id}/${action}`)).status,
      ).toBe(200);
    }
    return batch;
  }

  const row = (
    code: string,
    qualifications = 'high_tech',
    from = '2020-01-01',
    to = '2099-12-31',
  ) => [code, `白名单企业${code.slice(-6)}`, qualifications, from, to];

  async function entries(
    token: string,
    query: Record<string, string> = {},
  ): Promise<PageBody<EntryBody>> {
    const response = await get(token, '/whitelist/entries').query({ pageSize: 100, ...query });
    expect(response.status).toBe(200);
    return response.body as PageBody<EntryBody>;
  }

  async function me(token: string) {
    const response = await get(token, '/whitelist/me');
    expect(response.status).toBe(200);
    return response.body as {
      orgId: string;
      today: string;
      whitelisted: boolean;
      qualifications: string[];
      validTo: string | null;
      batchId: string | null;
    };
  }

  describe('batches', () => {
    it('should create a draft batch and list it with its entry count', async () => {
      const batch = await batchWith([row(creditCode()), row(creditCode())]);

      expect(batch).toMatchObject({ year: 2026, status: 'draft', entryCount: 0 });
      const listed = await get(admin.accessToken, '/whitelist/batches').query({
        status: 'draft',
        year: 2026,
        pageSize: 100,
      });
      expect(listed.status).toBe(200);
      expect(listed.body.items.find((b: WhitelistBatchBody) => b.id === batch.id)).toMatchObject({
        entryCount: 2,
        status: 'draft',
        publishedAt: null,
      });
      expect((await get(admin.accessToken, `/whitelist/batches/${batch.id}`)).body).toMatchObject({
        entryCount: 2,
      });
    });

    it('should reject a batch without a name or with a year out of range', async () => {
      const response = await post(admin.accessToken, '/whitelist/batches').send({
        year: 1999,
        name: '  ',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'name',
        'year',
      ]);
    });

    it('should publish a draft and revoke a published batch, and refuse every other move with 409', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const conflict = async (action: string) => {
        const response = await post(admin.accessToken, `/whitelist/batches/${batch.id}/${action}`);
        expect({ status: response.status, code: response.body.error?.code }).toEqual({
          status: 409,
          code: 'WHITELIST_BATCH_STATUS_CONFLICT',
        });
      };

      await conflict('revoke');
      const published = await post(admin.accessToken, `/whitelist/batches/${batch.id}/publish`);
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ status: 'published', revokedAt: null });
      expect(published.body.publishedAt).toEqual(expect.any(String));
      await conflict('publish');
      const revoked = await post(admin.accessToken, `/whitelist/batches/${batch.id}/revoke`);
      expect(revoked.body).toMatchObject({ status: 'revoked' });
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      await conflict('publish');
      await conflict('revoke');
    });

    it('should answer 404 for an unknown batch', async () => {
      for (const path of [
        `/whitelist/batches/${UNKNOWN_ID}/publish`,
        `/whitelist/batches/${UNKNOWN_ID}/revoke`,
      ]) {
        const response = await post(admin.accessToken, path);
        expect({ status: response.status, code: response.body.error.code }).toEqual({
          status: 404,
          code: 'WHITELIST_BATCH_NOT_FOUND',
        });
      }
      expect((await get(admin.accessToken, `/whitelist/batches/${UNKNOWN_ID}`)).status).toBe(404);
    });

    it('should keep batches to admins: 403 for others, 401 for anonymous callers', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      for (const token of [enterprise.accessToken, bank.accessToken, commissioner.token]) {
        expect((await get(token, '/whitelist/batches')).status).toBe(403);
        expect(
          (await post(token, '/whitelist/batches').send({ year: 2026, name: 'x' })).status,
        ).toBe(403);
        expect((await post(token, `/whitelist/batches/${batch.id}/publish`)).status).toBe(403);
        expect((await post(token, `/whitelist/batches/${batch.id}/revoke`)).status).toBe(403);
      }
      expect((await request(t.http).get('/api/v1/whitelist/batches')).status).toBe(401);
      expect((await request(t.http).get('/api/v1/whitelist/entries')).status).toBe(401);
      expect((await request(t.http).get('/api/v1/whitelist/me')).status).toBe(401);
      expect((await get(admin.accessToken, `/whitelist/batches/${batch.id}`)).body.status).toBe(
        'draft',
      );
    });
  });

  describe('GET /whitelist/entries', () => {
    it('should show an institution and a commissioner entries of published batches only', async () => {
      const [draftCode, publishedCode, revokedCode] = [creditCode(), creditCode(), creditCode()];
      const draft = await batchWith([row(draftCode)]);
      const published = await batchWith([row(publishedCode)], 'publish');
      const revoked = await batchWith([row(revokedCode)], 'publish', 'revoke');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      const commissioner = await createCommissioner(t.http, admin.accessToken);

      for (const token of [bank.accessToken, commissioner.token]) {
        expect(
          (await entries(token, { creditCode: publishedCode })).items.map((e) => e.batchId),
        ).toEqual([published.id]);
        expect((await entries(token, { creditCode: draftCode })).total).toBe(0);
        expect((await entries(token, { batchId: draft.id })).total).toBe(0);
        expect((await entries(token, { batchId: revoked.id })).total).toBe(0);
      }
      expect(
        (await entries(admin.accessToken, { batchId: draft.id })).items.map((e) => e.creditCode),
      ).toEqual([draftCode]);
      expect((await entries(admin.accessToken, { creditCode: revokedCode })).total).toBe(1);
    });

    it('should show an enterprise only its own entries', async () => {
      const mine = creditCode();
      const theirs = creditCode();
      const enterprise = await register(t.http, 'enterprise', {
        organization: { creditCode: mine },
      });
      await register(t.http, 'enterprise', { organization: { creditCode: theirs } });
      const batch = await batchWith([row(mine), row(theirs)], 'publish');
      const hidden = await batchWith([row(mine)]);

      const own = await entries(enterprise.accessToken);
      expect(own.items.map((e) => [e.creditCode, e.batchId, e.orgId])).toEqual([
        [mine, batch.id, enterprise.organization.id],
      ]);
      expect((await entries(enterprise.accessToken, { creditCode: theirs })).total).toBe(0);
      expect((await entries(enterprise.accessToken, { batchId: hidden.id })).total).toBe(0);
    });

    it('should filter by credit code in any case, batch and status for admins', async () => {
      const code = creditCode();
      const batch = await batchWith([row(code), row(creditCode())]);
      const byCode = await entries(admin.accessToken, { creditCode: code.toLowerCase() });
      expect(byCode.items.map((e) => e.creditCode)).toEqual([code]);
      expect(
        (await entries(admin.accessToken, { batchId: batch.id, status: 'active' })).total,
      ).toBe(2);
      expect(
        (await entries(admin.accessToken, { batchId: batch.id, status: 'suspended' })).total,
      ).toBe(0);
      const page = await entries(admin.accessToken, {
        batchId: batch.id,
        pageSize: '1',
        page: '2',
      });
      expect({ n: page.items.length, total: page.total, page: page.page }).toEqual({
        n: 1,
        total: 2,
        page: 2,
      });
    });

    it('should reject bad filters with 400', async () => {
      for (const query of [{ batchId: 'nope' }, { status: 'gone' }, { creditCode: 'short' }]) {
        const response = await get(admin.accessToken, '/whitelist/entries').query(query);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('linking by credit code', () => {
    it('should link an enterprise that registers after the import and report it whitelisted', async () => {
      const code = creditCode();
      const batch = await batchWith([row(code, '高新技术企业、瞪羚企业')], 'publish');
      expect((await entries(admin.accessToken, { creditCode: code })).items[0].orgId).toBeNull();

      const enterprise = await register(t.http, 'enterprise', {
        organization: { creditCode: code },
      });

      expect((await entries(admin.accessToken, { creditCode: code })).items[0].orgId).toBe(
        enterprise.organization.id,
      );
      expect(await me(enterprise.accessToken)).toEqual({
        orgId: enterprise.organization.id,
        today: today(),
        whitelisted: true,
        qualifications: ['high_tech', 'gazelle'],
        validTo: '2099-12-31',
        batchId: batch.id,
      });
    });

    it('should no longer count an enterprise whitelisted once its batch is revoked', async () => {
      const code = creditCode();
      const enterprise = await register(t.http, 'enterprise', {
        organization: { creditCode: code },
      });
      const batch = await batchWith([row(code)], 'publish');
      expect((await me(enterprise.accessToken)).whitelisted).toBe(true);

      await post(admin.accessToken, `/whitelist/batches/${batch.id}/revoke`).expect(200);

      expect(await me(enterprise.accessToken)).toMatchObject({
        whitelisted: false,
        qualifications: [],
        validTo: null,
        batchId: null,
      });
      expect((await entries(enterprise.accessToken)).total).toBe(0);
    });

    it('should not count entries of a draft batch', async () => {
      const code = creditCode();
      const enterprise = await register(t.http, 'enterprise', {
        organization: { creditCode: code },
      });
      await batchWith([row(code)]);
      expect((await me(enterprise.accessToken)).whitelisted).toBe(false);
    });

    it('should answer GET /whitelist/me for enterprises only', async () => {
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      expect((await get(bank.accessToken, '/whitelist/me')).status).toBe(403);
      expect((await get(admin.accessToken, '/whitelist/me')).status).toBe(403);
    });
  });

  describe('statusFor', () => {
    const statusFor = (orgIds: string[], day: string) =>
      t.app.get(WhitelistService).statusFor(orgIds, day);

    it('should count validity dates inclusively at both ends', async () => {
      const codes = Array.from({ length: 4 }, () => creditCode());
      const orgs = await Promise.all(
        codes.map((code) => register(t.http, 'enterprise', { organization: { creditCode: code } })),
      );
      const day = today();
      await batchWith(
        [
          row(codes[0], 'high_tech', addDays(day, -30), day),
          row(codes[1], 'tech_sme', day, addDays(day, 30)),
          row(codes[2], 'gazelle', addDays(day, -30), addDays(day, -1)),
          row(codes[3], 'unicorn', addDays(day, 1), addDays(day, 30)),
        ],
        'publish',
      );
      const ids = orgs.map((org) => org.organization.id);

      const status = await statusFor(ids, day);

      expect(ids.map((id) => status.get(id)?.whitelisted)).toEqual([true, true, false, false]);
      expect(status.get(ids[0])).toMatchObject({ qualifications: ['high_tech'], validTo: day });
      expect(status.get(ids[2])).toEqual({
        whitelisted: false,
        qualifications: [],
        validTo: null,
        batchId: null,
      });
      expect((await statusFor([ids[3]], addDays(day, 1))).get(ids[3])?.whitelisted).toBe(true);
      expect((await statusFor([ids[0]], addDays(day, 1))).get(ids[0])?.whitelisted).toBe(false);
      expect((await me(orgs[0].accessToken)).whitelisted).toBe(true);
    });

    it('should merge qualifications of several published batches and name the batch valid longest', async () => {
      const code = creditCode();
      const org = await register(t.http, 'enterprise', { organization: { creditCode: code } });
      await batchWith([row(code, 'gazelle', '2020-01-01', '2090-12-31')], 'publish');
      const longer = await batchWith(
        [row(code, 'high_tech', '2020-01-01', '2095-12-31')],
        'publish',
      );
      await batchWith([row(code, 'unicorn', '2020-01-01', '2099-12-31')], 'publish', 'revoke');

      const status = (await statusFor([org.organization.id], today())).get(org.organization.id);

      expect(status).toEqual({
        whitelisted: true,
        qualifications: ['high_tech', 'gazelle'],
        validTo: '2095-12-31',
        batchId: longer.id,
      });
    });

    it('should not count a suspended entry', async () => {
      const code = creditCode();
      const org = await register(t.http, 'enterprise', { organization: { creditCode: code } });
      const batch = await batchWith([row(code)], 'publish');
      await t.app
        .get(DataSource)
        .getRepository(WhitelistEntry)
        .update({ batchId: batch.id, creditCode: code }, { status: 'suspended' });

      expect(
        (await statusFor([org.organization.id], today())).get(org.organization.id)?.whitelisted,
      ).toBe(false);
    });

    it('should answer every id asked for, also unknown ones', async () => {
      const status = await statusFor([UNKNOWN_ID, UNKNOWN_ID], today());
      expect([...status.entries()]).toEqual([
        [UNKNOWN_ID, { whitelisted: false, qualifications: [], validTo: null, batchId: null }],
      ]);
      expect((await statusFor([], today())).size).toBe(0);
    });
  });

  describe('outbox', () => {
    const outboxSince = async (afterId: number, orgIds: string[]) =>
      (
        await t.app
          .get(DataSource)
          .getRepository(OutboxEntry)
          .findBy({
            id: MoreThan(afterId),
            topic: ORGANIZATIONS_INDEX,
            documentId: In(orgIds),
          })
      ).map((entry) => entry.documentId);

    it('should queue the registered organizations of a batch when it is published and revoked', async () => {
      const [registered, unregistered] = [creditCode(), creditCode()];
      const org = await register(t.http, 'enterprise', {
        organization: { creditCode: registered },
      });
      const batch = await batchWith([row(registered), row(unregistered)]);
      const outbox = t.app.get(OutboxService);

      let mark = await outbox.lastId();
      await post(admin.accessToken, `/whitelist/batches/${batch.id}/publish`).expect(200);
      expect(await outboxSince(mark, [org.organization.id])).toEqual([org.organization.id]);

      mark = await outbox.lastId();
      await post(admin.accessToken, `/whitelist/batches/${batch.id}/revoke`).expect(200);
      expect(await outboxSince(mark, [org.organization.id])).toEqual([org.organization.id]);
    });

    it('should queue organizations changed by an import into a published batch, not unchanged ones', async () => {
      const [a, b] = [creditCode(), creditCode()];
      const orgA = await register(t.http, 'enterprise', { organization: { creditCode: a } });
      const orgB = await register(t.http, 'enterprise', { organization: { creditCode: b } });
      const batch = await batchWith([row(a)], 'publish');
      const outbox = t.app.get(OutboxService);
      const mark = await outbox.lastId();
      const path = join(dir, `${randomBytes(4).toString('hex')}.csv`);
      await writeFile(path, csvText([HEADER, row(a), row(b)]));

      const response = await importWhitelistFile(t.http, admin.accessToken, batch.id, path);

      expect(response.body).toMatchObject({ imported: 1, unchanged: 1 });
      expect(await outboxSince(mark, [orgA.organization.id, orgB.organization.id])).toEqual([
        orgB.organization.id,
      ]);
      expect((await me(orgB.accessToken)).whitelisted).toBe(true);
    });

    it('should queue nothing for an import into a draft batch', async () => {
      const code = creditCode();
      const org = await register(t.http, 'enterprise', { organization: { creditCode: code } });
      const mark = await t.app.get(OutboxService).lastId();
      await batchWith([row(code)]);
      expect(await outboxSince(mark, [org.organization.id])).toEqual([]);
    });
  });
});
