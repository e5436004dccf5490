import { randomInt, randomUUID } from 'node:crypto';
import { User } from '@app/identity';
import {
  MATCH_NOTIFY_MIN_SCORE,
  MatchRecomputer,
  NEED_MATCHES_TOPIC,
  PRODUCT_MATCHES_TOPIC,
  StoredMatch,
  StoredMatchesService,
} from '@app/matching';
import { Notification } from '@app/notifications';
import { Product } from '@app/products';
import { SearchIndexRegistry } from '@app/search';
import request from 'supertest';
import { DataSource, In } from 'typeorm';
import {
  createCommissioner,
  createNeed,
  createProduct,
  loginAdmin,
  NeedBody,
  ProductBody,
  publishedNeed,
  publishedProduct,
  SessionBody,
  uniqueEmail,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

interface MatchItem {
  id: string;
  needId: string;
  productId: string;
  score: number;
  reasons: { code: string; label: string }[];
  status: string;
  need: { id: string; title: string };
  product: { id: string; name: string; institution: { id: string; name: string } };
  createdAt: string;
  updatedAt: string;
}

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: { needId?: string; productId?: string; score?: number };
  readAt: string | null;
}

/**
 * Amounts of one test: far above what any other suite asks for (20–90 billion yuan) and narrow,
 * so the needs and products a test makes match each other and nothing else in the database.
 */
interface Band {
  amount: number;
  amountMin: number;
  amountMax: number;
}

/**
 * Bands follow each other from a random start, 20 million apart: two tests' ranges never
 * overlap, even when a test moves a need just past its own band's end (random bands did, now
 * and then, and a product of one test then matched another test's need).
 */
const BAND_STEP = 20_000_000;
let nextBand = randomInt(2_000);

function band(): Band {
  const base = 20_000_000_000 + nextBand++ * BAND_STEP;
  return { amount: base + 1_000_000, amountMin: base, amountMax: base + 10_000_000 };
}

function needIn(b: Band, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: b.amount,
    termMonths: 24,
    guarantees: ['credit', 'mortgage'],
    fundingTypes: ['loan'],
    maxRateBps: 450,
    ...overrides,
  };
}

/** Cheap, fast, credit only, aimed at the enterprise's district: scores well above the bar. */
function strongProduct(b: Band, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amountMin: b.amountMin,
    amountMax: b.amountMax,
    termMinMonths: 6,
    termMaxMonths: 60,
    rateMinBps: 200,
    rateMaxBps: 400,
    guarantees: ['credit'],
    fundingTypes: ['loan'],
    approvalDays: 3,
    eligibility: {
      requiresWhitelist: false,
      qualificationsAny: [],
      districts: ['laoshan'],
      industries: [],
    },
    ...overrides,
  };
}

/** Dear, slow, mortgage only: passes every rule but scores far below the bar. */
function weakProduct(b: Band): Record<string, unknown> {
  return strongProduct(b, {
    rateMinBps: 440,
    rateMaxBps: 500,
    guarantees: ['mortgage'],
    approvalDays: 45,
    eligibility: { requiresWhitelist: false, qualificationsAny: [], districts: [], industries: [] },
  });
}

/** Each test waits for the worker, through the search index and back. */
const WORKER_MS = 30_000;
jest.setTimeout(2 * WORKER_MS);

describe('stored matches', () => {
  let t: TestApp;
  let admin: SessionBody;
  let data: DataSource;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    data = t.app.get(DataSource);
    // The first documents create the indexes of a fresh Meilisearch (settings, synonyms), which
    // takes a while: pay for it once, not in the first test.
    const b = band();
    const { enterprise, bank } = await parties();
    const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
    await publishedProduct(t.http, bank.accessToken, strongProduct(b));
    await storedOfNeed(enterprise.accessToken, need.id, 1, 3 * WORKER_MS);
  }, 4 * WORKER_MS);
  afterAll(() => t.close());

  const bearer = { type: 'bearer' } as const;

  async function matches(token: string, query: Record<string, string | number> = {}) {
    const response = await request(t.http).get('/api/v1/matches').query(query).auth(token, bearer);
    if (response.status !== 200) {
      throw new Error(`GET /matches: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as { items: MatchItem[]; total: number; page: number; pageSize: number };
  }

  async function notifications(token: string) {
    const response = await request(t.http).get('/api/v1/notifications').auth(token, bearer);
    expect(response.status).toBe(200);
    return response.body as { items: NotificationItem[]; total: number; unreadCount: number };
  }

  function patchMatch(token: string, id: string, body: unknown): request.Test {
    return request(t.http)
      .patch(`/api/v1/matches/${id}`)
      .auth(token, bearer)
      .send(body as object);
  }

  /** Waits for the worker to store exactly `count` matches of the need. */
  function storedOfNeed(
    token: string,
    needId: string,
    count: number,
    timeoutMs = WORKER_MS,
  ): Promise<MatchItem[]> {
    return eventually(async () => {
      const page = await matches(token, { needId });
      expect(page.items).toHaveLength(count);
      return page.items;
    }, timeoutMs);
  }

  function rowsOf(where: { needId?: string; productId?: string }): Promise<StoredMatch[]> {
    return data
      .getRepository(StoredMatch)
      .find({ where, order: { needId: 'ASC', productId: 'ASC' } });
  }

  function pairNotifications(needId: string, productId: string): Promise<Notification[]> {
    return data
      .getRepository(Notification)
      .find({ where: { dedupeKey: `match:${needId}:${productId}` }, order: { userId: 'ASC' } });
  }

  /** A verified enterprise in 崂山 (industry ai, 高新技术企业) and a verified bank. */
  async function parties(): Promise<{ enterprise: SessionBody; bank: SessionBody }> {
    const [enterprise, bank] = await Promise.all([
      verifiedOrg(t.http, admin.accessToken, 'enterprise'),
      verifiedOrg(t.http, admin.accessToken, 'bank'),
    ]);
    return { enterprise, bank };
  }

  async function colleague(orgId: string, status: 'active' | 'suspended'): Promise<string> {
    const id = randomUUID();
    await data.getRepository(User).insert({
      id,
      orgId,
      role: 'institution',
      name: '客户经理',
      email: uniqueEmail('colleague'),
      phone: null,
      passwordHash: 'not-a-hash',
      status,
    });
    return id;
  }

  describe('when a need or a product is published', () => {
    it('should store the match of a new product and tell the need’s creator and the bank’s active staff', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const active = await colleague(bank.organization.id, 'active');
      const suspended = await colleague(bank.organization.id, 'suspended');
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      const product = await publishedProduct(t.http, bank.accessToken, strongProduct(b));

      const [match] = await storedOfNeed(enterprise.accessToken, need.id, 1);

      expect(match).toEqual({
        id: expect.any(String),
        needId: need.id,
        productId: product.id,
        score: expect.any(Number),
        reasons: expect.arrayContaining([{ code: 'amount_in_range', label: '金额在产品范围内' }]),
        status: 'new',
        need: { id: need.id, title: need.title },
        product: {
          id: product.id,
          name: product.name,
          institution: { id: bank.organization.id, name: bank.organization.name },
        },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(match.score).toBeGreaterThanOrEqual(MATCH_NOTIFY_MIN_SCORE);
      expect(match.score).toBeLessThanOrEqual(100);

      const told = await eventually(async () => {
        const page = await notifications(enterprise.accessToken);
        expect(page.items).toHaveLength(1);
        return page;
      }, WORKER_MS);
      expect(told.unreadCount).toBe(1);
      expect(told.items[0]).toMatchObject({
        kind: 'match_new_product',
        title: `新的匹配产品：${product.name}`,
        data: { needId: need.id, productId: product.id, score: match.score },
        readAt: null,
      });
      expect(told.items[0].body).toContain(bank.organization.name);

      const bankTold = await notifications(bank.accessToken);
      expect(bankTold.items).toHaveLength(1);
      expect(bankTold.items[0]).toMatchObject({
        kind: 'match_new_need',
        title: `新的匹配需求：${need.title as string}`,
        data: { needId: need.id, productId: product.id, score: match.score },
      });
      expect(bankTold.items[0].body).not.toContain(enterprise.organization.name);
      const recipients = (await pairNotifications(need.id, product.id)).map((n) => n.userId);
      expect(recipients.sort()).toEqual([enterprise.user.id, bank.user.id, active].sort());
      expect(recipients).not.toContain(suspended);

      const seenByBank = await matches(bank.accessToken, { productId: product.id });
      expect(seenByBank.items.map((m) => m.id)).toEqual([match.id]);

      // The notification is the enterprise's: the bank cannot mark it, the enterprise can.
      const foreign = await request(t.http)
        .post(`/api/v1/notifications/${told.items[0].id}/read`)
        .auth(bank.accessToken, bearer);
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
      const read = await request(t.http)
        .post(`/api/v1/notifications/${told.items[0].id}/read`)
        .auth(enterprise.accessToken, bearer);
      expect(read.status).toBe(200);
      expect((await notifications(enterprise.accessToken)).unreadCount).toBe(0);
    });

    it('should store the matches of a new need with the products already published', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const product = await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));

      const [match] = await storedOfNeed(enterprise.accessToken, need.id, 1);

      expect(match).toMatchObject({ productId: product.id, status: 'new' });
      const told = await eventually(async () => {
        const page = await notifications(enterprise.accessToken);
        expect(page.items).toHaveLength(1);
        return page;
      }, WORKER_MS);
      expect(told.items[0]).toMatchObject({
        kind: 'match_new_product',
        data: { needId: need.id, productId: product.id },
      });
      expect((await notifications(bank.accessToken)).items[0]).toMatchObject({
        kind: 'match_new_need',
        data: { needId: need.id, productId: product.id },
      });
    });

    it('should store a weak match without telling anyone', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      const product = await publishedProduct(t.http, bank.accessToken, weakProduct(b));

      const [match] = await storedOfNeed(enterprise.accessToken, need.id, 1);

      expect(match.productId).toBe(product.id);
      expect(match.score).toBeLessThan(MATCH_NOTIFY_MIN_SCORE);
      expect(await pairNotifications(need.id, product.id)).toEqual([]);
      expect((await notifications(enterprise.accessToken)).total).toBe(0);
    });

    it('should store the matches of an enterprise that has given neither founding date nor revenue with products whose minimums are 0', async () => {
      const b = band();
      // Freshly registered: no founding date, no annual revenue.
      const { enterprise, bank } = await parties();
      const eligibility = (minimums: Record<string, number>) => ({
        eligibility: {
          requiresWhitelist: false,
          qualificationsAny: [],
          districts: [],
          industries: [],
          ...minimums,
        },
      });
      const zero = await publishedProduct(
        t.http,
        bank.accessToken,
        strongProduct(b, eligibility({ minYearsFounded: 0, minAnnualRevenue: 0 })),
      );
      // A row holding the 0s as stored before 0 was kept as "none".
      const draft = await createProduct(t.http, bank.accessToken, strongProduct(b));
      await data
        .getRepository(Product)
        .update(draft.id, { minYearsFounded: 0, minAnnualRevenue: 0 });
      await request(t.http)
        .post(`/api/v1/products/${draft.id}/publish`)
        .auth(bank.accessToken, bearer)
        .expect(200);
      const aged = await publishedProduct(
        t.http,
        bank.accessToken,
        strongProduct(b, eligibility({ minYearsFounded: 2 })),
      );
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));

      const stored = await storedOfNeed(enterprise.accessToken, need.id, 2);

      expect(stored.map((m) => m.productId).sort()).toEqual([zero.id, draft.id].sort());
      // From the products' side too: the pairs hold, and a real minimum stores nothing.
      const recomputer = t.app.get(MatchRecomputer);
      for (const product of [zero, draft, aged]) await recomputer.recomputeProduct(product.id);
      expect((await rowsOf({ needId: need.id })).map((row) => row.productId).sort()).toEqual(
        [zero.id, draft.id].sort(),
      );
      expect(await rowsOf({ productId: aged.id })).toEqual([]);
    });

    it('should store nothing for a draft need', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const draft = await createNeed(t.http, enterprise.accessToken, needIn(b));
      const product = await publishedProduct(t.http, bank.accessToken, strongProduct(b));

      await t.app.get(MatchRecomputer).recomputeProduct(product.id);
      await t.app.get(MatchRecomputer).recomputeNeed(draft.id);

      expect(await rowsOf({ productId: product.id })).toEqual([]);
      expect(await rowsOf({ needId: draft.id })).toEqual([]);
    });
  });

  describe('recomputing', () => {
    let enterprise: SessionBody;
    let bank: SessionBody;
    let need: NeedBody;
    let strong: ProductBody;
    let weak: ProductBody;

    beforeAll(async () => {
      const b = band();
      ({ enterprise, bank } = await parties());
      need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      strong = await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      weak = await publishedProduct(t.http, bank.accessToken, weakProduct(b));
      await storedOfNeed(enterprise.accessToken, need.id, 2);
    });

    it('should change nothing and tell no one again, from either side, however often', async () => {
      const recomputer = t.app.get(MatchRecomputer);
      const before = await rowsOf({ needId: need.id });
      const toldBefore = await data.getRepository(Notification).countBy({
        dedupeKey: In([`match:${need.id}:${strong.id}`, `match:${need.id}:${weak.id}`]),
      });

      for (let round = 0; round < 2; round++) {
        await recomputer.recomputeNeed(need.id);
        await recomputer.recomputeProduct(strong.id);
        await recomputer.recomputeProduct(weak.id);
      }

      expect(await rowsOf({ needId: need.id })).toEqual(before);
      expect(
        await data.getRepository(Notification).countBy({
          dedupeKey: In([`match:${need.id}:${strong.id}`, `match:${need.id}:${weak.id}`]),
        }),
      ).toBe(toldBefore);
      expect(toldBefore).toBe(2);
    });

    it('should give a pair the same score from the need’s side as from the product’s', async () => {
      const recomputer = t.app.get(MatchRecomputer);
      await data.getRepository(StoredMatch).delete({ needId: need.id });
      await recomputer.recomputeProduct(strong.id);
      await recomputer.recomputeProduct(weak.id);
      const fromProducts = await rowsOf({ needId: need.id });
      await data.getRepository(StoredMatch).delete({ needId: need.id });
      await recomputer.recomputeNeed(need.id);
      const fromNeed = await rowsOf({ needId: need.id });

      const scores = (rows: StoredMatch[]) =>
        rows.map((row) => ({ productId: row.productId, score: row.score, reasons: row.reasons }));
      expect(fromNeed).toHaveLength(2);
      expect(scores(fromNeed)).toEqual(scores(fromProducts));
    });

    it('should store each pair once and tell each user once when workers recompute at once', async () => {
      const registry = t.app.get(SearchIndexRegistry);
      const byNeed = registry.handlerOf(NEED_MATCHES_TOPIC)!;
      const byProduct = registry.handlerOf(PRODUCT_MATCHES_TOPIC)!;
      const keys = [`match:${need.id}:${strong.id}`, `match:${need.id}:${weak.id}`];
      // As if nothing had been computed yet, so every worker sees new pairs to tell about.
      await data.getRepository(StoredMatch).delete({ needId: need.id });
      await data.getRepository(Notification).delete({ dedupeKey: In(keys) });

      await Promise.all([
        byNeed([need.id]),
        byNeed([need.id]),
        byProduct([strong.id, weak.id]),
        byProduct([weak.id, strong.id]),
      ]);

      const rows = await rowsOf({ needId: need.id });
      expect(rows.map((row) => row.productId).sort()).toEqual([strong.id, weak.id].sort());
      const told = await data.getRepository(Notification).findBy({ dedupeKey: In(keys) });
      // Only the strong pair is worth telling: the need's creator and the bank's one user.
      expect(told.map((n) => n.dedupeKey)).toEqual([keys[0], keys[0]]);
      expect(told.map((n) => n.userId).sort()).toEqual([enterprise.user.id, bank.user.id].sort());
    });
  });

  describe('when a side stops matching', () => {
    it('should drop the new and viewed matches of a suspended product and keep the dismissed and applied ones', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const needs: NeedBody[] = [];
      for (let i = 0; i < 4; i++) {
        needs.push(await publishedNeed(t.http, enterprise.accessToken, needIn(b)));
      }
      const product = await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      const stored = await eventually(async () => {
        const page = await matches(bank.accessToken, { productId: product.id });
        expect(page.items).toHaveLength(4);
        return new Map(page.items.map((m) => [m.needId, m]));
      }, WORKER_MS);
      const [viewed, dismissed, applied, untouched] = needs.map((n) => stored.get(n.id)!);
      expect(
        (await patchMatch(enterprise.accessToken, viewed.id, { status: 'viewed' })).status,
      ).toBe(200);
      expect(
        (await patchMatch(bank.accessToken, dismissed.id, { status: 'dismissed' })).status,
      ).toBe(200);
      expect(await t.app.get(StoredMatchesService).markApplied(applied.needId, product.id)).toBe(
        true,
      );
      const toldBefore = (await notifications(enterprise.accessToken)).total;

      const suspend = await request(t.http)
        .post(`/api/v1/products/${product.id}/suspend`)
        .auth(bank.accessToken, bearer);
      expect(suspend.status).toBe(200);

      const left = await eventually(async () => {
        const rows = await rowsOf({ productId: product.id });
        expect(rows).toHaveLength(2);
        return rows;
      }, WORKER_MS);
      expect(left.map((row) => [row.id, row.status]).sort()).toEqual(
        [
          [dismissed.id, 'dismissed'],
          [applied.id, 'applied'],
        ].sort(),
      );
      expect(left.map((row) => row.needId)).not.toContain(untouched.needId);

      const republish = await request(t.http)
        .post(`/api/v1/products/${product.id}/publish`)
        .auth(bank.accessToken, bearer);
      expect(republish.status).toBe(200);
      const back = await eventually(async () => {
        const rows = await rowsOf({ productId: product.id });
        expect(rows).toHaveLength(4);
        return new Map(rows.map((row) => [row.needId, row]));
      }, WORKER_MS);
      expect(back.get(dismissed.needId)).toMatchObject({ id: dismissed.id, status: 'dismissed' });
      expect(back.get(applied.needId)).toMatchObject({ id: applied.id, status: 'applied' });
      expect(back.get(viewed.needId)!.status).toBe('new');
      // Each pair was told about once, the first time it matched.
      expect((await notifications(enterprise.accessToken)).total).toBe(toldBefore);
    });

    it('should drop the open matches of a withdrawn need', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      await storedOfNeed(enterprise.accessToken, need.id, 1);

      const withdraw = await request(t.http)
        .post(`/api/v1/needs/${need.id}/withdraw`)
        .auth(enterprise.accessToken, bearer);
      expect(withdraw.status).toBe(200);

      await eventually(
        async () => expect(await rowsOf({ needId: need.id })).toEqual([]),
        WORKER_MS,
      );
    });

    it('should drop the match of a need edited out of the product’s amounts', async () => {
      const b = band();
      const { enterprise, bank } = await parties();
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      const product = await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      await storedOfNeed(enterprise.accessToken, need.id, 1);

      const edit = await request(t.http)
        .patch(`/api/v1/needs/${need.id}`)
        .auth(enterprise.accessToken, bearer)
        .send({ amount: b.amountMax + 1_000_000 });
      expect(edit.status).toBe(200);

      await eventually(
        async () => expect(await rowsOf({ productId: product.id })).toEqual([]),
        WORKER_MS,
      );
    });
  });

  describe('GET /matches', () => {
    let enterprise: SessionBody;
    let bank: SessionBody;
    let need: NeedBody;
    let items: MatchItem[];

    beforeAll(async () => {
      const b = band();
      ({ enterprise, bank } = await parties());
      need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      await publishedProduct(t.http, bank.accessToken, weakProduct(b));
      await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      items = await storedOfNeed(enterprise.accessToken, need.id, 2);
    });

    it('should list the best score first and page', async () => {
      expect(items[0].score).toBeGreaterThan(items[1].score);

      const second = await matches(enterprise.accessToken, {
        needId: need.id,
        pageSize: 1,
        page: 2,
      });

      expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(second.items.map((m) => m.id)).toEqual([items[1].id]);
    });

    it('should filter by status', async () => {
      await patchMatch(enterprise.accessToken, items[1].id, { status: 'dismissed' }).expect(200);

      const dismissed = await matches(enterprise.accessToken, {
        needId: need.id,
        status: 'dismissed',
      });
      const fresh = await matches(enterprise.accessToken, { needId: need.id, status: 'new' });

      expect(dismissed.items.map((m) => m.id)).toEqual([items[1].id]);
      expect(fresh.items.map((m) => m.id)).toEqual([items[0].id]);
    });

    it('should show an institution the matches of its products only', async () => {
      const page = await matches(bank.accessToken, { needId: need.id });

      expect(page.items.map((m) => m.id).sort()).toEqual(items.map((m) => m.id).sort());
      const otherBank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      expect((await matches(otherBank.accessToken, { needId: need.id })).total).toBe(0);
      expect((await matches(otherBank.accessToken)).total).toBe(0);
    });

    it('should show another enterprise none of them', async () => {
      const other = await verifiedOrg(t.http, admin.accessToken, 'enterprise');

      expect((await matches(other.accessToken, { needId: need.id })).total).toBe(0);
      expect((await matches(other.accessToken)).total).toBe(0);
    });

    it('should show admins every match and a commissioner those of the portfolio', async () => {
      expect((await matches(admin.accessToken, { needId: need.id })).total).toBe(2);
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      expect((await matches(commissioner.token, { needId: need.id })).total).toBe(0);

      await request(t.http)
        .post(`/api/v1/commissioners/${commissioner.id}/assignments`)
        .auth(admin.accessToken, bearer)
        .send({ orgIds: [enterprise.organization.id] })
        .expect(200);

      expect((await matches(commissioner.token, { needId: need.id })).total).toBe(2);
    });

    it.each([
      ['needId', 'not-a-uuid'],
      ['productId', '12345'],
      ['status', 'archived'],
      ['pageSize', '101'],
    ])('should answer 400 for %s=%s', async (field, value) => {
      const response = await request(t.http)
        .get('/api/v1/matches')
        .query({ [field]: value })
        .auth(enterprise.accessToken, bearer);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field }));
    });
  });

  describe('PATCH /matches/:id', () => {
    let enterprise: SessionBody;
    let bank: SessionBody;
    let match: MatchItem;

    beforeAll(async () => {
      const b = band();
      ({ enterprise, bank } = await parties());
      const need = await publishedNeed(t.http, enterprise.accessToken, needIn(b));
      await publishedProduct(t.http, bank.accessToken, strongProduct(b));
      [match] = await storedOfNeed(enterprise.accessToken, need.id, 1);
    });

    it('should let either party mark it viewed or dismissed, and again', async () => {
      const viewed = await patchMatch(enterprise.accessToken, match.id, { status: 'viewed' });
      expect(viewed.status).toBe(200);
      expect(viewed.body).toMatchObject({ id: match.id, status: 'viewed', score: match.score });
      expect(viewed.body.product.name).toBe(match.product.name);

      const again = await patchMatch(enterprise.accessToken, match.id, { status: 'viewed' });
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('viewed');

      const dismissed = await patchMatch(bank.accessToken, match.id, { status: 'dismissed' });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body.status).toBe('dismissed');

      const restored = await patchMatch(enterprise.accessToken, match.id, { status: 'viewed' });
      expect(restored.status).toBe(200);
      expect(restored.body.status).toBe('viewed');
    });

    it('should answer 404 MATCH_NOT_FOUND to another enterprise and another institution', async () => {
      const otherEnterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const otherBank = await verifiedOrg(t.http, admin.accessToken, 'bank');

      for (const token of [otherEnterprise.accessToken, otherBank.accessToken]) {
        const response = await patchMatch(token, match.id, { status: 'dismissed' });
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('MATCH_NOT_FOUND');
      }
      const unknown = await patchMatch(enterprise.accessToken, randomUUID(), { status: 'viewed' });
      expect(unknown.status).toBe(404);
      expect((await rowsOf({ needId: match.needId }))[0].status).not.toBe('dismissed');
    });

    it('should refuse admins and commissioners, who are not parties, with 403', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);

      for (const token of [admin.accessToken, commissioner.token]) {
        const response = await patchMatch(token, match.id, { status: 'viewed' });
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
    });

    it.each([
      ['applied', { status: 'applied' }],
      ['new', { status: 'new' }],
      ['unknown', { status: 'archived' }],
      ['missing', {}],
      ['extra field', { status: 'viewed', score: 100 }],
    ])('should answer 400 VALIDATION_FAILED to a %s status', async (_name, body) => {
      const response = await patchMatch(enterprise.accessToken, match.id, body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('should answer 400 to an id that is not a UUID', async () => {
      const response = await patchMatch(enterprise.accessToken, 'abc', { status: 'viewed' });

      expect(response.status).toBe(400);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field: 'id' }));
    });

    it('should keep an applied match applied: 409 MATCH_STATUS_CONFLICT', async () => {
      const service = t.app.get(StoredMatchesService);
      expect(await service.markApplied(match.needId, match.productId)).toBe(true);
      expect(await service.markApplied(match.needId, match.productId)).toBe(false);

      const response = await patchMatch(bank.accessToken, match.id, { status: 'dismissed' });

      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'MATCH_STATUS_CONFLICT',
        details: { from: 'applied', to: 'dismissed' },
      });
    });
  });
});
