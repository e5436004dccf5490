import { randomInt } from 'node:crypto';
import { Clock } from '@app/core';
import { DockingSlaJob } from '@app/docking';
import { Product } from '@app/products';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createCommissioner,
  createNeed,
  createProduct,
  loginAdmin,
  productBody,
  publishedNeed,
  publishedProduct,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

interface TimelineLine {
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string;
  data: Record<string, unknown>;
}
interface Session {
  id: string;
  status: string;
  initiatedBy: string;
  need: { id: string; status: string };
  product: { id: string };
  enterprise: { id: string; contactName?: string | null; contactPhone?: string | null };
  institution: { id: string };
  commissionerId: string | null;
  respondBy: string | null;
  overdue: boolean;
  approvedAmount: number | null;
  disbursedAmount: number | null;
  rejectReason: string | null;
  suggestions?: { productId: string; name: string; score: number }[] | null;
  version: number;
  timeline?: TimelineLine[];
}

const DAY_MS = 86_400_000;

/**
 * Docking sessions through HTTP against the real database and Meilisearch. Each test works in
 * its own band of amounts (tens of billions of yuan) so other suites' products stay out.
 */
describe('docking sessions', () => {
  let t: TestApp;
  let admin: SessionBody;
  let bank: SessionBody;
  let otherBank: SessionBody;
  let enterprise: SessionBody;
  let commissioner: { id: string; token: string };

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    otherBank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
      organization: { contactName: '王经理', contactPhone: '13700001111' },
    });
    commissioner = await createCommissioner(t.http, admin.accessToken);
    await request(t.http)
      .post(`/api/v1/commissioners/${commissioner.id}/assignments`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({ orgIds: [enterprise.organization.id] })
      .expect(200);
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
  });

  const band = (): number => 20_000_000_000 + randomInt(7_000) * 10_000_000;
  const token = (who: SessionBody | { token: string }) =>
    'token' in who ? who.token : who.accessToken;

  const open = (who: SessionBody, needId: string, productId: string, note?: string) =>
    request(t.http)
      .post('/api/v1/docking-sessions')
      .auth(who.accessToken, { type: 'bearer' })
      .send({ needId, productId, ...(note ? { note } : {}) });

  const move = (who: SessionBody | { token: string }, id: string, body: object) =>
    request(t.http)
      .post(`/api/v1/docking-sessions/${id}/transitions`)
      .auth(token(who), { type: 'bearer' })
      .send(body);

  const read = (who: SessionBody | { token: string }, id: string) =>
    request(t.http).get(`/api/v1/docking-sessions/${id}`).auth(token(who), { type: 'bearer' });

  /** The caller's notifications about one session. */
  const toldAbout = async (who: SessionBody | { token: string }, sessionId: string) =>
    (
      (
        await request(t.http)
          .get('/api/v1/notifications')
          .query({ pageSize: 100 })
          .auth(token(who), { type: 'bearer' })
      ).body.items as { kind: string; title: string; data: { sessionId?: string } }[]
    ).filter((n) => n.data.sessionId === sessionId);

  const needStatus = async (id: string): Promise<string> =>
    (
      await request(t.http)
        .get(`/api/v1/needs/${id}`)
        .auth(enterprise.accessToken, { type: 'bearer' })
    ).body.status as string;

  /** A published need of `enterprise` and a published product of `bank` that match. */
  const pair = async (owner = bank) => {
    const base = band();
    const product = await publishedProduct(
      t.http,
      owner.accessToken,
      productBody({ amountMin: base, amountMax: base + 5_000_000 }),
    );
    const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
    return { need, product, base };
  };

  /** A session the enterprise applied for. */
  const applied = async () => {
    const { need, product, base } = await pair();
    const response = await open(enterprise, need.id, product.id, '希望尽快对接');
    expect(response.status).toBe(201);
    return { session: response.body as Session, need, product, base };
  };

  describe('POST /docking-sessions', () => {
    it('should open an application with a deadline in working days and move the need to docking', async () => {
      const { session, need, product } = await applied();

      expect(session).toMatchObject({
        status: 'requested',
        initiatedBy: 'enterprise',
        need: { id: need.id, status: 'docking' },
        product: { id: product.id },
        enterprise: { id: enterprise.organization.id },
        institution: { id: bank.organization.id },
        commissionerId: commissioner.id,
        overdue: false,
        version: 1,
      });
      const respondBy = new Date(session.respondBy ?? 0).getTime();
      // Three working days: at least three calendar days ahead, at most five (a weekend).
      expect(respondBy - Date.now()).toBeGreaterThan(3 * DAY_MS - DAY_MS);
      expect(respondBy - Date.now()).toBeLessThan(6 * DAY_MS);
      expect(session.timeline).toEqual([
        expect.objectContaining({
          seq: 1,
          action: 'request',
          fromStatus: null,
          toStatus: 'requested',
          actorId: enterprise.user.id,
          actorRole: 'enterprise',
          data: { note: '希望尽快对接' },
        }),
      ]);
      expect(await needStatus(need.id)).toBe('docking');
    });

    it('should allow one open session per need and product, naming the one that exists', async () => {
      const { session, need, product } = await applied();
      const again = await open(enterprise, need.id, product.id);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'DOCKING_SESSION_EXISTS',
        details: { sessionId: session.id },
      });
      const invite = await open(bank, need.id, product.id);
      expect(invite.body.error.code).toBe('DOCKING_SESSION_EXISTS');
    });

    it('should let only one of many simultaneous applications through', async () => {
      const { need, product } = await pair();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => open(enterprise, need.id, product.id)),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('should refuse a pair that fails the product rules, saying what fails', async () => {
      const base = band();
      const product = await publishedProduct(
        t.http,
        bank.accessToken,
        productBody({ amountMin: base, amountMax: base + 1_000_000 }),
      );
      const need = await publishedNeed(t.http, enterprise.accessToken, {
        amount: base + 2_000_000,
      });
      const response = await open(enterprise, need.id, product.id);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('DOCKING_NOT_ELIGIBLE');
      expect(response.body.error.details).toEqual([
        expect.objectContaining({ rule: 'amount', label: '金额' }),
      ]);
      expect(await needStatus(need.id)).toBe('published');
    });

    // The suite's enterprise registered with contacts only: no founding date, no annual revenue.
    it('should let an enterprise that has given neither founding date nor revenue apply where the minimums are 0', async () => {
      const base = band();
      const zero = await publishedProduct(
        t.http,
        bank.accessToken,
        productBody({
          amountMin: base,
          amountMax: base + 5_000_000,
          eligibility: { minYearsFounded: 0, minAnnualRevenue: 0 },
        }),
      );
      // A product whose row holds the 0s as they were stored before 0 was kept as "none".
      const draft = await createProduct(
        t.http,
        bank.accessToken,
        productBody({ amountMin: base, amountMax: base + 5_000_000 }),
      );
      await t.app
        .get(DataSource)
        .getRepository(Product)
        .update(draft.id, { minYearsFounded: 0, minAnnualRevenue: 0 });
      const stored = await request(t.http)
        .post(`/api/v1/products/${draft.id}/publish`)
        .auth(bank.accessToken, { type: 'bearer' });
      expect(stored.status).toBe(200);

      for (const product of [zero, stored.body as { id: string }]) {
        const need = await publishedNeed(t.http, enterprise.accessToken, {
          amount: base + 1_000,
        });
        const response = await open(enterprise, need.id, product.id);
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ status: 'requested', product: { id: product.id } });
      }
    });

    it('should refuse a real minimum the enterprise has given no figure for, asking it to complete its profile', async () => {
      const base = band();
      const product = await publishedProduct(
        t.http,
        bank.accessToken,
        productBody({
          amountMin: base,
          amountMax: base + 5_000_000,
          eligibility: { minYearsFounded: 2, minAnnualRevenue: 1_000_000 },
        }),
      );
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      const response = await open(enterprise, need.id, product.id);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('DOCKING_NOT_ELIGIBLE');
      expect(response.body.error.details).toEqual([
        {
          rule: 'years_founded',
          label: '成立年限',
          message: '需成立满2年，请在企业资料中补充成立日期',
        },
        {
          rule: 'annual_revenue',
          label: '年营业收入',
          message: '需年营业收入不低于100万元，请在企业资料中补充年营业收入',
        },
      ]);
      expect(await needStatus(need.id)).toBe('published');
    });

    it("should refuse drafts, other tenants' needs and unknown products", async () => {
      const base = band();
      const product = await publishedProduct(
        t.http,
        bank.accessToken,
        productBody({ amountMin: base, amountMax: base + 5_000_000 }),
      );
      const draftNeed = await createNeed(t.http, enterprise.accessToken, { amount: base + 1 });
      const draft = await open(enterprise, draftNeed.id, product.id);
      expect(draft.body.error.code).toBe('DOCKING_NEED_NOT_OPEN');

      const stranger = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const theirs = await open(stranger, draftNeed.id, product.id);
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe('NEED_NOT_FOUND');
      // An institution cannot invite a draft need either: it does not see it.
      expect((await open(bank, draftNeed.id, product.id)).body.error.code).toBe('NEED_NOT_FOUND');

      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1 });
      const draftProduct = await createProduct(
        t.http,
        bank.accessToken,
        productBody({ amountMin: base, amountMax: base + 5_000_000 }),
      );
      expect((await open(enterprise, need.id, draftProduct.id)).body.error.code).toBe(
        'PRODUCT_NOT_FOUND',
      );
      // Another bank cannot invite to a product that is not its own.
      expect((await open(otherBank, need.id, product.id)).body.error.code).toBe(
        'PRODUCT_NOT_FOUND',
      );

      const bad = await request(t.http)
        .post('/api/v1/docking-sessions')
        .auth(enterprise.accessToken, { type: 'bearer' })
        .send({ needId: "1' OR 1=1 --", productId: product.id, note: 'x'.repeat(501) });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'needId',
        'note',
      ]);
      const asCommissioner = await request(t.http)
        .post('/api/v1/docking-sessions')
        .auth(commissioner.token, { type: 'bearer' })
        .send({ needId: need.id, productId: product.id });
      expect(asCommissioner.status).toBe(403);
    });
  });

  describe('POST /docking-sessions/:id/transitions', () => {
    it('should carry an application from acceptance to disbursement, revealing contacts on acceptance', async () => {
      const { session, need } = await applied();
      const hidden = (await read(bank, session.id)).body as Session;
      expect(hidden.enterprise).not.toHaveProperty('contactPhone');
      expect((await read(enterprise, session.id)).body.enterprise.contactPhone).toBe('13700001111');

      expect((await move(bank, session.id, { action: 'accept' })).status).toBe(200);
      const shown = (await read(bank, session.id)).body as Session;
      expect(shown.enterprise).toMatchObject({
        contactName: '王经理',
        contactPhone: '13700001111',
      });

      await move(bank, session.id, { action: 'request_info', note: '请补充近三年财报' }).expect(
        200,
      );
      await move(enterprise, session.id, { action: 'provide_info', note: '已上传' }).expect(200);
      const approved = await move(bank, session.id, { action: 'approve_credit', amount: 800_000 });
      expect(approved.body).toMatchObject({ status: 'credit_approved', approvedAmount: 800_000 });
      const over = await move(bank, session.id, { action: 'disburse', amount: 900_000 });
      expect(over.status).toBe(400);
      expect(over.body.error.details[0]).toMatchObject({
        field: 'amount',
        code: 'exceedsApproved',
      });
      const paid = await move(bank, session.id, { action: 'disburse', amount: 800_000 });
      expect(paid.status).toBe(200);

      const done = paid.body as Session;
      expect(done).toMatchObject({ status: 'disbursed', disbursedAmount: 800_000, version: 6 });
      expect(done.timeline?.map((l) => [l.seq, l.action, l.toStatus, l.actorRole])).toEqual([
        [1, 'request', 'requested', 'enterprise'],
        [2, 'accept', 'accepted', 'institution'],
        [3, 'request_info', 'info_requested', 'institution'],
        [4, 'provide_info', 'accepted', 'enterprise'],
        [5, 'approve_credit', 'credit_approved', 'institution'],
        [6, 'disburse', 'disbursed', 'institution'],
      ]);
      expect(done.timeline?.[4].data).toEqual({ amount: 800_000 });
      expect(await needStatus(need.id)).toBe('satisfied');

      // The bank heard of the request; the enterprise of every move the bank made, never its own.
      expect((await toldAbout(bank, session.id)).map((n) => n.kind)).toEqual(
        expect.arrayContaining(['docking_request', 'docking_update']),
      );
      const enterpriseHeard = await toldAbout(enterprise, session.id);
      expect(enterpriseHeard.map((n) => n.kind).sort()).toEqual(
        Array<string>(4).fill('docking_update'),
      );
      expect(enterpriseHeard.map((n) => n.title)).toEqual(
        expect.arrayContaining(['对接进展：放款（已放款）', '对接进展：受理（已受理）']),
      );
      expect((await toldAbout(commissioner, session.id)).length).toBe(6);
    });

    it('should refuse moves that are not this side’s or not from this status', async () => {
      const { session } = await applied();
      const selfAccept = await move(enterprise, session.id, { action: 'accept' });
      expect(selfAccept.status).toBe(403);
      expect(selfAccept.body.error).toMatchObject({
        code: 'DOCKING_ACTION_FORBIDDEN',
        details: { action: 'accept', party: 'enterprise' },
      });
      const early = await move(bank, session.id, { action: 'disburse', amount: 1 });
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({
        code: 'DOCKING_STATUS_CONFLICT',
        details: { status: 'requested', action: 'disburse' },
      });
      expect((await move(bank, session.id, { action: 'approve_credit' })).status).toBe(409);
      expect((await move(bank, session.id, { action: 'fly' })).status).toBe(400);
      expect(
        (await move(bank, session.id, { action: 'reject' })).body.error.details[0],
      ).toMatchObject({ field: 'reason', code: 'required' });
      const other = await move(bank, session.id, { action: 'reject', reason: 'other' });
      expect(other.body.error.details[0]).toMatchObject({ field: 'note', code: 'required' });
      const badAmount = await move(bank, session.id, { action: 'accept', amount: 1e30 });
      expect(badAmount.status).toBe(400);
      expect((await move(commissioner, session.id, { action: 'accept' })).status).toBe(403);
    });

    it('should let exactly one of two simultaneous moves win', async () => {
      const { session } = await applied();
      const [a, b] = await Promise.all([
        move(bank, session.id, { action: 'accept' }),
        move(bank, session.id, { action: 'reject', reason: 'pricing' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(['DOCKING_SESSION_CHANGED', 'DOCKING_STATUS_CONFLICT']).toContain(
        loser.body.error.code,
      );
      const final = (await read(enterprise, session.id)).body as Session;
      expect(final.timeline).toHaveLength(2);
      expect(final.version).toBe(2);
    });

    it('should suggest the next best products elsewhere after a rejection, and reopen the need', async () => {
      const { session, need, base } = await applied();
      const elsewhere = await publishedProduct(
        t.http,
        otherBank.accessToken,
        productBody({ amountMin: base, amountMax: base + 5_000_000, rateMinBps: 300 }),
      );
      await eventually(async () => {
        const matches = await request(t.http)
          .get(`/api/v1/needs/${need.id}/matches`)
          .auth(enterprise.accessToken, { type: 'bearer' });
        expect(matches.body.total).toBe(2);
      });

      const rejected = await move(bank, session.id, {
        action: 'reject',
        reason: 'insufficient_revenue',
        note: '营收规模暂不满足',
      });

      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejectReason: 'insufficient_revenue',
      });
      const seen = (await read(enterprise, session.id)).body as Session;
      expect(seen.suggestions?.map((s) => s.productId)).toEqual([elsewhere.id]);
      expect((await read(bank, session.id)).body).not.toHaveProperty('suggestions');
      expect(await needStatus(need.id)).toBe('published');
      expect((await move(bank, session.id, { action: 'accept' })).status).toBe(409);
    });

    it('should let the enterprise withdraw and apply again, and keep the need docking while another session is open', async () => {
      const { session, need, base } = await applied();
      const second = await publishedProduct(
        t.http,
        otherBank.accessToken,
        productBody({ amountMin: base, amountMax: base + 5_000_000 }),
      );
      const other = await open(enterprise, need.id, second.id);
      expect(other.status).toBe(201);

      await move(enterprise, session.id, { action: 'withdraw' }).expect(200);
      expect(await needStatus(need.id)).toBe('docking');
      await move(enterprise, other.body.id as string, { action: 'withdraw' }).expect(200);
      expect(await needStatus(need.id)).toBe('published');

      const again = await open(enterprise, need.id, session.product.id);
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(session.id);
    });

    it('should let an institution invite and the enterprise accept, not the other way round', async () => {
      const { need, product } = await pair();
      const invited = await open(bank, need.id, product.id);
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({ initiatedBy: 'institution', respondBy: null });
      expect(invited.body.timeline[0]).toMatchObject({
        action: 'invite',
        actorRole: 'institution',
      });
      expect((await move(bank, invited.body.id as string, { action: 'accept' })).status).toBe(403);
      await move(enterprise, invited.body.id as string, { action: 'accept' }).expect(200);
      expect((await read(bank, invited.body.id as string)).body.enterprise.contactPhone).toBe(
        '13700001111',
      );
    });

    it('should let the commissioner reassign and close, and hide the session from outsiders', async () => {
      const { session } = await applied();
      const next = await createCommissioner(t.http, admin.accessToken);
      const stranger = await verifiedOrg(t.http, admin.accessToken, 'enterprise');

      for (const outsider of [stranger, otherBank, next]) {
        const response = await read(outsider, session.id);
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('DOCKING_SESSION_NOT_FOUND');
        expect((await move(outsider, session.id, { action: 'withdraw' })).status).toBe(404);
      }
      const notCommissioner = await move(commissioner, session.id, {
        action: 'reassign',
        commissionerId: bank.user.id,
      });
      expect(notCommissioner.body.error.details[0]).toMatchObject({
        field: 'commissionerId',
        code: 'notCommissioner',
      });
      const reassigned = await move(commissioner, session.id, {
        action: 'reassign',
        commissionerId: next.id,
      });
      expect(reassigned.body).toMatchObject({ status: 'requested', commissionerId: next.id });
      expect((await read(commissioner, session.id)).status).toBe(404);
      const closed = await move(next, session.id, { action: 'close', note: '企业已另行融资' });
      expect(closed.body.status).toBe('closed');
      expect((await read(admin, session.id)).status).toBe(200);
    });
  });

  describe('SLA', () => {
    it('should mark an unanswered request overdue once, then expire it and reopen the need', async () => {
      const { session, need } = await applied();
      const clock = t.app.get(Clock);
      const job = t.app.get(DockingSlaJob);
      try {
        clock.advance(new Date(session.respondBy ?? 0).getTime() - Date.now() + 60_000);
        const round = await job.runOnce();
        expect(round.overdue).toContain(session.id);
        expect((await job.runOnce()).overdue).not.toContain(session.id);

        expect(
          (await toldAbout(commissioner, session.id)).filter((n) => n.kind === 'docking_overdue'),
        ).toHaveLength(1);
        expect(
          (await toldAbout(bank, session.id)).filter((n) => n.kind === 'docking_overdue'),
        ).toHaveLength(1);
        const late = (await read(enterprise, session.id)).body as Session;
        expect(late).toMatchObject({ status: 'requested', overdue: true });
        const listed = await request(t.http)
          .get('/api/v1/docking-sessions')
          .query({ overdue: true, needId: need.id })
          .auth(commissioner.token, { type: 'bearer' });
        expect(listed.body.items.map((s: Session) => s.id)).toEqual([session.id]);

        clock.advance(20 * DAY_MS);
        expect((await job.runOnce()).expired).toContain(session.id);
        const expired = (await read(enterprise, session.id)).body as Session;
        expect(expired.status).toBe('expired');
        expect(expired.timeline?.at(-1)).toMatchObject({
          action: 'expire',
          actorId: null,
          actorRole: 'system',
        });
      } finally {
        clock.reset();
      }
      expect(await needStatus(need.id)).toBe('published');
    });
  });

  describe('GET /docking-sessions', () => {
    it("should list each side's own sessions, filtered by status", async () => {
      const { session } = await applied();
      const list = async (who: SessionBody | { token: string }, query: object = {}) =>
        (
          await request(t.http)
            .get('/api/v1/docking-sessions')
            .query({ pageSize: 100, ...query })
            .auth(token(who), { type: 'bearer' })
        ).body as { items: Session[]; total: number };

      expect((await list(enterprise)).items.map((s) => s.id)).toContain(session.id);
      expect((await list(bank)).items.map((s) => s.id)).toContain(session.id);
      expect((await list(commissioner)).items.map((s) => s.id)).toContain(session.id);
      expect((await list(otherBank)).items.map((s) => s.id)).not.toContain(session.id);
      const disbursed = await list(bank, { status: 'disbursed' });
      expect(disbursed.items.every((s) => s.status === 'disbursed')).toBe(true);
      const bad = await request(t.http)
        .get('/api/v1/docking-sessions')
        .query({ status: 'finished' })
        .auth(bank.accessToken, { type: 'bearer' });
      expect(bad.status).toBe(400);
    });
  });
});
