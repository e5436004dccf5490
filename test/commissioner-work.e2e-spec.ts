import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockingSession } from '@app/docking';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createCommissioner,
  createNeed,
  createWhitelistBatch,
  csvText,
  importWhitelistFile,
  loginAdmin,
  productBody,
  publishedNeed,
  publishedProduct,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { amountBand, publishedEvent, signUp } from './helpers/event-factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

type Who = { accessToken: string } | { token: string };

interface Entry {
  enterprise: { id: string; name: string };
  whitelist: { whitelisted: boolean; qualifications: string[] };
  needs: { id: string; status: string }[];
  matches: { total: number; byStatus: Record<string, number>; top: { productId: string }[] };
  dockingSessions: { id: string; status: string; overdue: boolean; institution: { id: string } }[];
  overdueSessions: number;
  lastContactOn: string | null;
}

/** The commissioners' portfolio and service logs, through HTTP on the real database. */
describe("commissioners' work", () => {
  let t: TestApp;
  let admin: SessionBody;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    dir = await mkdtemp(join(tmpdir(), 'techfin-portfolio-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  const token = (who: Who) => ('token' in who ? who.token : who.accessToken);
  const api = (who: Who) => ({
    get: (path: string) =>
      request(t.http).get(`/api/v1${path}`).auth(token(who), { type: 'bearer' }),
    post: (path: string, body: object = {}) =>
      request(t.http).post(`/api/v1${path}`).auth(token(who), { type: 'bearer' }).send(body),
  });
  const assign = (commissionerId: string, orgIds: string[]) =>
    api(admin).post(`/commissioners/${commissionerId}/assignments`, { orgIds }).expect(200);
  const portfolio = async (who: Who): Promise<Entry[]> => {
    const response = await api(who).get('/commissioners/me/portfolio?pageSize=100');
    expect(response.status).toBe(200);
    return response.body.items as Entry[];
  };

  /** A published batch whitelisting one enterprise for this year and next. */
  const whitelist = async (enterprise: SessionBody): Promise<void> => {
    const batch = await createWhitelistBatch(t.http, admin.accessToken);
    const code = (enterprise.organization as unknown as { creditCode: string }).creditCode;
    const file = join(dir, `${batch.id}.csv`);
    const year = new Date().getUTCFullYear();
    await writeFile(
      file,
      csvText([
        ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'],
        [
          code,
          enterprise.organization.name,
          '高新技术企业',
          `${year - 1}-01-01`,
          `${year + 1}-12-31`,
        ],
      ]),
    );
    await importWhitelistFile(t.http, admin.accessToken, batch.id, file).expect(200);
    await api(admin).post(`/whitelist/batches/${batch.id}/publish`).expect(200);
  };

  describe('GET /commissioners/me/portfolio', () => {
    it("should show only the commissioner's own enterprises, by name", async () => {
      const mine = await createCommissioner(t.http, admin.accessToken);
      const theirs = await createCommissioner(t.http, admin.accessToken);
      const [a, b, c] = await Promise.all(
        ['甲', '乙', '丙'].map((name) =>
          verifiedOrg(t.http, admin.accessToken, 'enterprise', {
            organization: { name: `${name}${randomInt(1e9)}科技有限公司` },
          }),
        ),
      );
      await assign(mine.id, [b.organization.id, a.organization.id]);
      await assign(theirs.id, [c.organization.id]);

      expect((await portfolio(mine)).map((e) => e.enterprise.id)).toEqual(
        [a, b]
          .sort((x, y) => (x.organization.name < y.organization.name ? -1 : 1))
          .map((x) => x.organization.id),
      );
      expect((await portfolio(theirs)).map((e) => e.enterprise.id)).toEqual([c.organization.id]);
      const named = await api(mine).get(
        `/commissioners/me/portfolio?name=${encodeURIComponent(a.organization.name.slice(0, 4))}`,
      );
      expect(named.body.items.map((e: Entry) => e.enterprise.id)).toEqual([a.organization.id]);
      expect((await api(a).get('/commissioners/me/portfolio')).status).toBe(403);
      expect((await api(admin).get('/commissioners/me/portfolio')).status).toBe(403);
    });

    it('should show each enterprise with its needs, matches, sessions overdue first, whitelist and last contact', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      await assign(commissioner.id, [enterprise.organization.id]);
      await whitelist(enterprise);
      const [bank, otherBank] = await Promise.all([
        verifiedOrg(t.http, admin.accessToken, 'bank'),
        verifiedOrg(t.http, admin.accessToken, 'bank'),
      ]);
      const base = amountBand();
      const terms = productBody({ amountMin: base, amountMax: base + 3_000_000 });
      const product = await publishedProduct(t.http, bank.accessToken, terms);
      const otherProduct = await publishedProduct(t.http, otherBank.accessToken, terms);
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      const draft = await createNeed(t.http, enterprise.accessToken, { amount: base + 2_000 });
      // The worker stores the need's matches once both documents are indexed.
      await eventually(async () => {
        const [entry] = await portfolio(commissioner);
        expect(entry.matches.byStatus.new).toBe(2);
        expect(entry.matches.top.map((m) => m.productId).sort()).toEqual(
          [product.id, otherProduct.id].sort(),
        );
      }, 30_000);

      const accepted = await api(enterprise)
        .post('/docking-sessions', { needId: need.id, productId: product.id })
        .expect(201);
      await api(bank)
        .post(`/docking-sessions/${accepted.body.id}/transitions`, { action: 'accept' })
        .expect(200);
      const late = await api(enterprise)
        .post('/docking-sessions', { needId: need.id, productId: otherProduct.id })
        .expect(201);
      // The later request ran out of time (its deadline is set back rather than the clock moved).
      await t.app
        .get(DataSource)
        .getRepository(DockingSession)
        .update({ id: late.body.id }, { respondBy: new Date(Date.now() - 86_400_000) });
      const today = new Date().toISOString().slice(0, 10);
      await api(commissioner)
        .post('/service-logs', {
          enterpriseOrgId: enterprise.organization.id,
          kind: 'visit',
          occurredOn: today,
          notes: '上门走访，核实设备采购合同。',
        })
        .expect(201);

      const [entry] = await portfolio(commissioner);

      expect(entry.enterprise).toMatchObject({
        id: enterprise.organization.id,
        name: enterprise.organization.name,
      });
      expect(entry.whitelist).toEqual({ whitelisted: true, qualifications: ['high_tech'] });
      expect(entry.needs.map((n) => [n.id, n.status]).sort()).toEqual(
        [
          [need.id, 'docking'],
          [draft.id, 'draft'],
        ].sort(),
      );
      // Applying marks the stored match applied (the worker may have dropped the other one
      // meanwhile, the need being in docking now).
      expect(entry.matches.byStatus.applied).toBeGreaterThanOrEqual(1);
      expect(Object.values(entry.matches.byStatus).reduce((a, b) => a + b)).toBe(
        entry.matches.total,
      );
      expect(entry.dockingSessions.map((s) => [s.id, s.status, s.overdue])).toEqual([
        [late.body.id, 'requested', true],
        [accepted.body.id, 'accepted', false],
      ]);
      expect(entry.overdueSessions).toBe(1);
      expect(entry.lastContactOn).toBe(today);
    });
  });

  describe('/service-logs', () => {
    it('should log services about portfolio enterprises, linked to an event and a session, traced to the loan', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const stranger = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      await assign(commissioner.id, [enterprise.organization.id]);
      const event = await publishedEvent(t.http, commissioner.token, { kind: 'counseling' });
      await signUp(t.http, enterprise.accessToken, event.id);
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      const base = amountBand();
      const product = await publishedProduct(
        t.http,
        bank.accessToken,
        productBody({ amountMin: base, amountMax: base + 3_000_000 }),
      );
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1 });
      const session = await api(enterprise)
        .post('/docking-sessions', { needId: need.id, productId: product.id })
        .expect(201);
      const log = {
        enterpriseOrgId: enterprise.organization.id,
        kind: 'referral',
        occurredOn: new Date().toISOString().slice(0, 10),
        notes: '辅导会后推荐至科技支行。',
        outcome: '已发起对接申请',
        eventId: event.id,
        dockingSessionId: session.body.id,
      };

      const created = await api(commissioner).post('/service-logs', log);

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        kind: 'referral',
        enterprise: { id: enterprise.organization.id, name: enterprise.organization.name },
        commissioner: { id: commissioner.id },
        event: { id: event.id, title: event.title, kind: 'counseling' },
        dockingSession: { id: session.body.id, status: 'requested', disbursedAmount: null },
      });

      for (const [action, amount] of [
        ['accept', undefined],
        ['approve_credit', 2_000_000],
        ['disburse', 2_000_000],
      ] as const) {
        await api(bank)
          .post(`/docking-sessions/${session.body.id}/transitions`, { action, amount })
          .expect(200);
      }
      const traced = await api(commissioner).get(`/service-logs?eventId=${event.id}`);
      expect(traced.body.items).toEqual([
        expect.objectContaining({
          id: created.body.id,
          dockingSession: expect.objectContaining({
            status: 'disbursed',
            disbursedAmount: 2_000_000,
          }),
        }),
      ]);
      expect(
        (await api(admin).get(`/service-logs?enterpriseOrgId=${enterprise.organization.id}`)).body
          .total,
      ).toBe(1);
      const other = await createCommissioner(t.http, admin.accessToken);
      expect((await api(other).get(`/service-logs?eventId=${event.id}`)).body.total).toBe(0);
      // Handed to another commissioner, the enterprise brings its history along.
      await assign(other.id, [enterprise.organization.id]);
      expect((await api(other).get(`/service-logs?eventId=${event.id}`)).body.total).toBe(1);

      const foreign = await api(other).post('/service-logs', {
        ...log,
        enterpriseOrgId: stranger.organization.id,
        eventId: undefined,
        dockingSessionId: undefined,
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    });

    it('should refuse a future day, another enterprise’s session, an unknown event, and non-staff', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      await assign(commissioner.id, [enterprise.organization.id]);
      const base = {
        enterpriseOrgId: enterprise.organization.id,
        kind: 'visit',
        occurredOn: new Date().toISOString().slice(0, 10),
        notes: '走访',
      };
      const future = await api(commissioner).post('/service-logs', {
        ...base,
        occurredOn: '2999-01-01',
      });
      expect(future.status).toBe(400);
      expect(future.body.error.details[0]).toMatchObject({ field: 'occurredOn' });
      const session = await api(commissioner).post('/service-logs', {
        ...base,
        dockingSessionId: crypto.randomUUID(),
      });
      expect(session.body.error.code).toBe('DOCKING_SESSION_NOT_FOUND');
      const event = await api(commissioner).post('/service-logs', {
        ...base,
        eventId: crypto.randomUUID(),
      });
      expect(event.body.error.code).toBe('EVENT_NOT_FOUND');
      const bad = await api(commissioner).post('/service-logs', {
        ...base,
        kind: 'party',
        notes: '',
      });
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'kind',
        'notes',
      ]);
      expect((await api(enterprise).post('/service-logs', base)).status).toBe(403);
      expect((await api(enterprise).get('/service-logs')).status).toBe(403);
    });
  });
});
