import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Product } from '@app/products';
import { chinaDate } from '@app/whitelist';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createCommissioner,
  createNeed,
  createProduct,
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
import { eventually, startApp, TestApp } from './helpers/test-app';

interface Reason {
  code: string;
  label: string;
}
interface ProductMatch {
  rank: number;
  score: number;
  reasons: Reason[];
  item: { id: string; name: string; institution: { id: string; name: string } };
}
interface NearMiss {
  product: { id: string };
  rule: { code: string; label: string };
  fix: string;
}
interface NeedMatches {
  needId: string;
  total: number;
  items: ProductMatch[];
  nearMisses: NearMiss[];
}
interface NeedMatch {
  rank: number;
  score: number;
  reasons: Reason[];
  item: { id: string; title: string; enterprise: { id: string; whitelisted: boolean } };
}
interface ProductMatches {
  productId: string;
  total: number;
  items: NeedMatch[];
}
interface Reach {
  before: number;
  after: number;
  gained: number;
  lost: number;
  byRule: { rule: { code: string; label: string }; gained: number; lost: number }[];
}

/**
 * The matching engine through HTTP, against the real database and Meilisearch. Other suites
 * share the indexes, so each test works in its own band of amounts (tens of billions of yuan)
 * that nothing else uses.
 */
describe('matching', () => {
  let t: TestApp;
  let admin: SessionBody;
  let bank: SessionBody;
  let otherBank: SessionBody;
  let enterprise: SessionBody;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    otherBank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
      organization: { district: 'laoshan', industry: 'ai', qualifications: ['high_tech'] },
    });
    dir = await mkdtemp(join(tmpdir(), 'techfin-matching-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A band of amounts for one test: [base, base + 10,000,000). */
  const band = (): number => 20_000_000_000 + randomInt(7_000) * 10_000_000;

  const needMatches = (who: SessionBody | string, needId: string, query: object = {}) =>
    request(t.http)
      .get(`/api/v1/needs/${needId}/matches`)
      .query({ limit: 50, ...query })
      .auth(typeof who === 'string' ? who : who.accessToken, { type: 'bearer' });

  const productMatches = (who: SessionBody, productId: string, query: object = {}) =>
    request(t.http)
      .get(`/api/v1/products/${productId}/matches`)
      .query({ limit: 50, ...query })
      .auth(who.accessToken, { type: 'bearer' });

  const whatIf = (who: SessionBody, productId: string, body: object) =>
    request(t.http)
      .post(`/api/v1/products/${productId}/what-if`)
      .auth(who.accessToken, { type: 'bearer' })
      .send(body);

  /** Waits until the products index gives exactly these ids for the need. */
  const productsFor = async (
    needId: string,
    ids: string[],
    who: SessionBody = enterprise,
  ): Promise<NeedMatches> =>
    eventually(async () => {
      const response = await needMatches(who, needId);
      expect(response.status).toBe(200);
      const body = response.body as NeedMatches;
      expect(body.items.map((m) => m.item.id).sort()).toEqual([...ids].sort());
      return body;
    });

  const product = (base: number, overrides: Record<string, unknown> = {}) =>
    productBody({ amountMin: base, amountMax: base + 5_000_000, ...overrides });

  const eligibility = (overrides: Record<string, unknown>) => ({
    requiresWhitelist: false,
    qualificationsAny: [],
    districts: [],
    industries: [],
    ...overrides,
  });

  /** A published whitelist batch holding the enterprise, valid today. */
  const whitelist = async (who: SessionBody): Promise<void> => {
    const batch = await createWhitelistBatch(t.http, admin.accessToken);
    const code = (who.organization as unknown as { creditCode: string }).creditCode;
    const file = join(dir, `${batch.id}.csv`);
    await writeFile(
      file,
      csvText([
        ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'],
        [code, who.organization.name, '高新技术企业', chinaDate(new Date()), '2099-12-31'],
      ]),
    );
    expect((await importWhitelistFile(t.http, admin.accessToken, batch.id, file)).status).toBe(200);
    const published = await request(t.http)
      .post(`/api/v1/whitelist/batches/${batch.id}/publish`)
      .auth(admin.accessToken, { type: 'bearer' });
    expect(published.status).toBe(200);
  };

  describe('GET /needs/:id/matches', () => {
    it('should rank the products that pass every hard rule, with reasons, and leave out the rest', async () => {
      const base = band();
      const need = await publishedNeed(t.http, enterprise.accessToken, {
        amount: base + 1_000_000,
        termMonths: 24,
        guarantees: ['ip_pledge'],
        fundingTypes: ['loan'],
        maxRateBps: 500,
      });
      const cheap = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { guarantees: ['ip_pledge', 'mortgage'], rateMinBps: 300, approvalDays: 3 }),
      );
      const dear = await publishedProduct(
        t.http,
        otherBank.accessToken,
        product(base, { guarantees: ['ip_pledge'], rateMinBps: 480, approvalDays: 30 }),
      );
      // Each fails at least one rule.
      const draft = await createProduct(t.http, bank.accessToken, product(base));
      await publishedProduct(t.http, bank.accessToken, product(base, { guarantees: ['mortgage'] }));
      await publishedProduct(t.http, bank.accessToken, product(base, { termMaxMonths: 12 }));
      await publishedProduct(t.http, bank.accessToken, product(base, { rateMinBps: 510 }));
      await publishedProduct(t.http, bank.accessToken, product(base, { fundingTypes: ['equity'] }));
      await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ districts: ['jimo'] }) }),
      );
      await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ industries: ['biomed'] }) }),
      );
      await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ qualificationsAny: ['unicorn'] }) }),
      );
      await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ requiresWhitelist: true }) }),
      );
      await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ minAnnualRevenue: 500_000_000 }) }),
      );
      await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { amountMin: base + 2_000_000, amountMax: base + 3_000_000 }),
      );

      const body = await productsFor(need.id, [cheap.id, dear.id]);

      expect(body.needId).toBe(need.id);
      expect(body.total).toBe(2);
      expect(body.items.map((m) => [m.rank, m.item.id])).toEqual([
        [1, cheap.id],
        [2, dear.id],
      ]);
      for (const match of body.items) {
        expect(Number.isInteger(match.score)).toBe(true);
        expect(match.score).toBeGreaterThanOrEqual(0);
        expect(match.score).toBeLessThanOrEqual(100);
      }
      expect(body.items[0].score).toBeGreaterThan(body.items[1].score);
      expect(body.items[0].reasons).toEqual(
        expect.arrayContaining([
          { code: 'amount_in_range', label: '金额在产品范围内' },
          { code: 'guarantee_accepted', label: '接受知识产权质押' },
          { code: 'fast_approval', label: '最快3天审批' },
        ]),
      );
      expect(body.items[0].item.institution.id).toBe(bank.organization.id);
      expect(body.items.map((m) => m.item.id)).not.toContain(draft.id);
    });

    it('should offer near misses that fail exactly one rule, each with what would fix it', async () => {
      const base = band();
      const need = await publishedNeed(t.http, enterprise.accessToken, {
        amount: base + 6_000_000,
        guarantees: ['credit'],
        maxRateBps: 500,
      });
      const tooSmall = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { amountMax: base + 5_000_000 }),
      );
      const whitelistOnly = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, {
          amountMax: base + 9_000_000,
          eligibility: eligibility({ requiresWhitelist: true }),
        }),
      );
      const twoRules = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { amountMax: base + 5_000_000, rateMinBps: 800, rateMaxBps: 900 }),
      );

      const body = await eventually(async () => {
        const response = await needMatches(enterprise, need.id);
        const misses = (response.body as NeedMatches).nearMisses;
        // Products of other suites may miss on the amount too; the newest come first.
        expect(misses.map((m) => m.product.id)).toEqual(
          expect.arrayContaining([tooSmall.id, whitelistOnly.id]),
        );
        return response.body as NeedMatches;
      });

      expect(body.items).toEqual([]);
      expect(body.nearMisses.length).toBeLessThanOrEqual(5);
      const byId = new Map(body.nearMisses.map((m) => [m.product.id, m]));
      expect(byId.get(tooSmall.id)).toMatchObject({
        rule: { code: 'amount', label: '金额' },
        fix: `金额超出产品上限${(base + 5_000_000) / 100_000_000}亿元`,
      });
      expect(byId.get(whitelistOnly.id)).toMatchObject({
        rule: { code: 'whitelist', label: '白名单' },
        fix: '需列入科技型企业白名单',
      });
      expect(byId.has(twoRules.id)).toBe(false);
    });

    it('should let a whitelisted enterprise match a whitelist-only product, saying so', async () => {
      const base = band();
      const listed = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: { qualifications: [] },
      });
      const need = await publishedNeed(t.http, listed.accessToken, {
        amount: base + 1_000_000,
        guarantees: ['credit'],
      });
      const only = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, {
          eligibility: eligibility({ requiresWhitelist: true, qualificationsAny: ['high_tech'] }),
        }),
      );
      const miss = await needMatches(listed, need.id);
      expect(miss.status).toBe(200);
      expect((miss.body as NeedMatches).items).toEqual([]);

      await whitelist(listed);

      const body = await eventually(async () => {
        const response = await needMatches(listed, need.id);
        expect((response.body as NeedMatches).items.map((m) => m.item.id)).toEqual([only.id]);
        return response.body as NeedMatches;
      });
      expect(body.items[0].reasons).toEqual(
        expect.arrayContaining([
          { code: 'whitelist_eligible', label: '白名单企业可申请' },
          { code: 'qualification_fit', label: '符合高新技术企业资质要求' },
          { code: 'guarantee_accepted', label: '纯信用，无需抵押担保' },
        ]),
      );
    });

    it('should drop a product once it is suspended, and take it back when republished', async () => {
      const base = band();
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      const offer = await publishedProduct(t.http, bank.accessToken, product(base));
      await productsFor(need.id, [offer.id]);

      const suspended = await request(t.http)
        .post(`/api/v1/products/${offer.id}/suspend`)
        .auth(bank.accessToken, { type: 'bearer' });
      expect(suspended.status).toBe(200);
      await productsFor(need.id, []);

      const republished = await request(t.http)
        .post(`/api/v1/products/${offer.id}/publish`)
        .auth(bank.accessToken, { type: 'bearer' });
      expect(republished.status).toBe(200);
      await productsFor(need.id, [offer.id]);
    });

    it('should show a draft need its matches before it is published', async () => {
      const base = band();
      const offer = await publishedProduct(t.http, bank.accessToken, product(base));
      const draft = await createNeed(t.http, enterprise.accessToken, { amount: base + 10_000 });
      await productsFor(draft.id, [offer.id]);
    });

    it("should answer only the need's enterprise, its commissioner and admins", async () => {
      const base = band();
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base });
      const stranger = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const otherCommissioner = await createCommissioner(t.http, admin.accessToken);
      const assigned = await request(t.http)
        .post(`/api/v1/commissioners/${commissioner.id}/assignments`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ orgIds: [enterprise.organization.id] });
      expect(assigned.status).toBe(200);

      expect((await needMatches(enterprise, need.id)).status).toBe(200);
      expect((await needMatches(admin, need.id)).status).toBe(200);
      expect((await needMatches(commissioner.token, need.id)).status).toBe(200);

      const strangers = await needMatches(stranger, need.id);
      expect(strangers.status).toBe(404);
      expect(strangers.body.error.code).toBe('NEED_NOT_FOUND');
      expect((await needMatches(otherCommissioner.token, need.id)).body.error.code).toBe(
        'NEED_NOT_FOUND',
      );
      expect((await needMatches(bank, need.id)).status).toBe(403);
    });

    it('should refuse bad ids and limits with clear errors', async () => {
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: band() });
      const unknown = await needMatches(enterprise, '00000000-0000-4000-8000-00000000beef');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('NEED_NOT_FOUND');
      const notUuid = await needMatches(enterprise, "1' OR '1'='1");
      expect(notUuid.status).toBe(400);
      expect(notUuid.body.error.code).toBe('VALIDATION_FAILED');
      for (const limit of [0, 51, 'ten', 1e20]) {
        const bad = await needMatches(enterprise, need.id, { limit });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].field).toBe('limit');
      }
      const anonymous = await request(t.http).get(`/api/v1/needs/${need.id}/matches`);
      expect(anonymous.status).toBe(401);
    });

    it('should return at most `limit` matches and count them all', async () => {
      const base = band();
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      const offers = [];
      for (let i = 0; i < 3; i++) {
        offers.push(await publishedProduct(t.http, bank.accessToken, product(base)));
      }
      await productsFor(
        need.id,
        offers.map((o) => o.id),
      );
      const one = await needMatches(enterprise, need.id, { limit: 1 });
      expect(one.body).toMatchObject({ total: 3 });
      expect((one.body as NeedMatches).items).toHaveLength(1);
    });
  });

  describe('minimums of 0 and figures an enterprise has not given', () => {
    const YEARS_FIX = '需成立满3年，请在企业资料中补充成立日期';
    const REVENUE_FIX = '需年营业收入不低于500万元，请在企业资料中补充年营业收入';

    /** A newly registered enterprise: no founding date, no annual revenue. */
    const freshEnterprise = async (): Promise<SessionBody> => {
      const fresh = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const profile = await request(t.http)
        .get(`/api/v1/orgs/${fresh.organization.id}`)
        .auth(fresh.accessToken, { type: 'bearer' });
      expect(profile.body).toMatchObject({ foundedOn: null, annualRevenue: null });
      return fresh;
    };

    it('should read minimums of 0 as none and match them with a fresh enterprise both ways; a real minimum is a near miss asking for the profile', async () => {
      const base = band();
      const fresh = await freshEnterprise();
      const none = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ minYearsFounded: 0, minAnnualRevenue: 0 }) }),
      );
      expect(none.eligibility).toMatchObject({ minYearsFounded: null, minAnnualRevenue: null });
      // A product whose row, and so its document, holds the 0s as stored before 0 was kept as
      // "none".
      const draft = await createProduct(t.http, otherBank.accessToken, product(base));
      await t.app
        .get(DataSource)
        .getRepository(Product)
        .update(draft.id, { minYearsFounded: 0, minAnnualRevenue: 0 });
      const published = await request(t.http)
        .post(`/api/v1/products/${draft.id}/publish`)
        .auth(otherBank.accessToken, { type: 'bearer' });
      expect(published.status).toBe(200);
      const stored = published.body as { id: string };
      const aged = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ minYearsFounded: 3, minAnnualRevenue: 0 }) }),
      );
      const earning = await publishedProduct(
        t.http,
        otherBank.accessToken,
        product(base, { eligibility: eligibility({ minAnnualRevenue: 5_000_000 }) }),
      );
      const need = await publishedNeed(t.http, fresh.accessToken, {
        amount: base + 1_000_000,
        guarantees: ['credit'],
      });

      const body = await eventually(async () => {
        const response = await needMatches(fresh, need.id);
        expect(response.status).toBe(200);
        const found = response.body as NeedMatches;
        expect(found.items.map((m) => m.item.id).sort()).toEqual([none.id, stored.id].sort());
        expect(found.nearMisses.map((m) => m.product.id)).toEqual(
          expect.arrayContaining([aged.id, earning.id]),
        );
        return found;
      });
      const misses = new Map(body.nearMisses.map((m) => [m.product.id, m]));
      expect(misses.get(aged.id)).toMatchObject({
        rule: { code: 'years_founded', label: '成立年限' },
        fix: YEARS_FIX,
      });
      expect(misses.get(earning.id)).toMatchObject({
        rule: { code: 'annual_revenue', label: '年营业收入' },
        fix: REVENUE_FIX,
      });

      await eventually(async () => {
        for (const [who, offer] of [
          [bank, none],
          [otherBank, stored],
        ] as const) {
          const found = (await productMatches(who, offer.id)).body as ProductMatches;
          expect(found.items.map((m) => m.item.id)).toEqual([need.id]);
        }
      });
      expect(((await productMatches(bank, aged.id)).body as ProductMatches).total).toBe(0);
      expect(((await productMatches(otherBank, earning.id)).body as ProductMatches).total).toBe(0);

      // Completing the profile as the fixes ask turns both near misses into matches, both ways.
      const completed = await request(t.http)
        .patch(`/api/v1/orgs/${fresh.organization.id}`)
        .auth(fresh.accessToken, { type: 'bearer' })
        .send({ foundedOn: '2015-03-01', annualRevenue: 8_000_000 });
      expect(completed.status).toBe(200);
      await productsFor(need.id, [none.id, stored.id, aged.id, earning.id], fresh);
      await eventually(async () => {
        for (const [who, offer] of [
          [bank, aged],
          [otherBank, earning],
        ] as const) {
          const found = (await productMatches(who, offer.id)).body as ProductMatches;
          expect(found.items.map((m) => m.item.id)).toEqual([need.id]);
        }
      });
    });

    it('should store a minimum of 0 sent in a PATCH as none, and match as the what-if counted', async () => {
      const base = band();
      const fresh = await freshEnterprise();
      await whitelist(fresh);
      const offer = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, {
          eligibility: eligibility({ minYearsFounded: 3, minAnnualRevenue: 5_000_000 }),
        }),
      );
      const need = await publishedNeed(t.http, fresh.accessToken, {
        amount: base + 1_000_000,
        guarantees: ['credit'],
      });
      // The need is in the index (the what-if counts it there), and the product misses it.
      await eventually(async () => {
        const found = await request(t.http)
          .get('/api/v1/needs')
          .query({ amountMin: base, amountMax: base + 5_000_000 })
          .auth(bank.accessToken, { type: 'bearer' });
        expect(found.body.total).toBe(1);
      });
      expect(((await productMatches(bank, offer.id)).body as ProductMatches).total).toBe(0);

      const zero = await whatIf(bank, offer.id, {
        eligibility: { minYearsFounded: 0, minAnnualRevenue: 0 },
      });
      expect(zero.status).toBe(200);
      expect(zero.body.changedRules).toEqual([
        { code: 'years_founded', label: '成立年限' },
        { code: 'annual_revenue', label: '年营业收入' },
      ]);
      expect(zero.body.needs).toEqual({
        before: 0,
        after: 1,
        gained: 1,
        lost: 0,
        byRule: [
          { rule: { code: 'years_founded', label: '成立年限' }, gained: 1, lost: 0 },
          { rule: { code: 'annual_revenue', label: '年营业收入' }, gained: 1, lost: 0 },
        ],
      });
      // Other suites' whitelisted enterprises without these figures are gained too.
      const enterprises = zero.body.whitelistedEnterprises as Reach;
      expect(enterprises.gained).toBeGreaterThanOrEqual(1);
      expect(enterprises).toMatchObject({ lost: 0 });
      expect(enterprises.after - enterprises.before).toBe(enterprises.gained);
      // 0 and null say the same.
      const none = await whatIf(bank, offer.id, {
        eligibility: { minYearsFounded: null, minAnnualRevenue: null },
      });
      expect(none.body).toEqual(zero.body);

      const patched = await request(t.http)
        .patch(`/api/v1/products/${offer.id}`)
        .auth(bank.accessToken, { type: 'bearer' })
        .send({ eligibility: { minYearsFounded: 0, minAnnualRevenue: 0 } });
      expect(patched.status).toBe(200);
      expect(patched.body.eligibility).toMatchObject({
        minYearsFounded: null,
        minAnnualRevenue: null,
      });
      await eventually(async () => {
        const found = (await productMatches(bank, offer.id)).body as ProductMatches;
        expect(found.total).toBe((zero.body.needs as Reach).after);
        expect(found.items.map((m) => m.item.id)).toEqual([need.id]);
      });
      await productsFor(need.id, [offer.id], fresh);
      const again = await whatIf(bank, offer.id, {
        eligibility: { minYearsFounded: 0, minAnnualRevenue: 0 },
      });
      expect(again.body.changedRules).toEqual([]);
      expect(again.body.needs).toMatchObject({ before: 1, after: 1, gained: 0, lost: 0 });
    });
  });

  describe('GET /products/:id/matches', () => {
    it('should rank published needs that pass every rule, without any contact', async () => {
      const base = band();
      const offer = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { eligibility: eligibility({ districts: ['laoshan'] }) }),
      );
      const fits = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      const elsewhere = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: { district: 'jimo' },
      });
      await publishedNeed(t.http, elsewhere.accessToken, { amount: base + 2_000 });
      await createNeed(t.http, enterprise.accessToken, { amount: base + 3_000 });
      const withdrawn = await publishedNeed(t.http, enterprise.accessToken, {
        amount: base + 4_000,
      });
      await request(t.http)
        .post(`/api/v1/needs/${withdrawn.id}/withdraw`)
        .auth(enterprise.accessToken, { type: 'bearer' })
        .expect(200);

      const body = await eventually(async () => {
        const response = await productMatches(bank, offer.id);
        expect(response.status).toBe(200);
        expect((response.body as ProductMatches).items.map((m) => m.item.id)).toEqual([fits.id]);
        return response.body as ProductMatches;
      });

      expect(body).toMatchObject({ productId: offer.id, total: 1 });
      expect(body.items[0]).toMatchObject({
        rank: 1,
        item: { id: fits.id, enterprise: { id: enterprise.organization.id, whitelisted: false } },
      });
      expect(body.items[0].reasons).toEqual(
        expect.arrayContaining([{ code: 'district_focus', label: '面向崂山区企业' }]),
      );
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/contact|phone|1391234/i);
    });

    it('should narrow on district, industry, whitelisted and amount', async () => {
      const base = band();
      const offer = await publishedProduct(t.http, bank.accessToken, product(base));
      const small = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      const big = await publishedNeed(t.http, enterprise.accessToken, {
        amount: base + 4_000_000,
      });
      await eventually(async () =>
        expect((await productMatches(bank, offer.id)).body.total).toBe(2),
      );
      const ids = async (query: object) =>
        ((await productMatches(bank, offer.id, query)).body as ProductMatches).items
          .map((m) => m.item.id)
          .sort();

      expect(await ids({ district: 'laoshan' })).toEqual([small.id, big.id].sort());
      expect(await ids({ district: 'jimo' })).toEqual([]);
      expect(await ids({ industry: 'ai' })).toEqual([small.id, big.id].sort());
      expect(await ids({ industry: 'biomed' })).toEqual([]);
      expect(await ids({ whitelisted: true })).toEqual([]);
      expect(await ids({ whitelisted: false })).toEqual([small.id, big.id].sort());
      expect(await ids({ amountMin: base + 2_000_000 })).toEqual([big.id]);
      expect(await ids({ amountMax: base + 2_000_000 })).toEqual([small.id]);

      for (const query of [
        { district: 'atlantis' },
        { whitelisted: 'yes' },
        { amountMin: -1 },
        { amountMin: 5, amountMax: 4 },
        { limit: 500 },
      ]) {
        const bad = await productMatches(bank, offer.id, query);
        expect(bad.status).toBe(400);
        expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it("should hide another institution's product and refuse enterprises", async () => {
      const offer = await publishedProduct(t.http, bank.accessToken, product(band()));
      const theirs = await productMatches(otherBank, offer.id);
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe('PRODUCT_NOT_FOUND');
      expect((await productMatches(admin, offer.id)).status).toBe(200);
      expect((await productMatches(enterprise, offer.id)).status).toBe(403);
      const unknown = await productMatches(bank, '00000000-0000-4000-8000-00000000beef');
      expect(unknown.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('POST /products/:id/what-if', () => {
    it('should count the needs a wider amount range would gain, by rule, and save nothing', async () => {
      const base = band();
      const offer = await publishedProduct(
        t.http,
        bank.accessToken,
        product(base, { amountMax: base + 1_000_000 }),
      );
      await publishedNeed(t.http, enterprise.accessToken, { amount: base + 500_000 });
      const outside = await publishedNeed(t.http, enterprise.accessToken, {
        amount: base + 3_000_000,
      });
      await eventually(async () =>
        expect((await productMatches(bank, offer.id)).body.total).toBe(1),
      );
      await eventually(async () => {
        const found = await request(t.http)
          .get('/api/v1/needs')
          .query({ amountMin: outside.amount as number, amountMax: outside.amount as number })
          .auth(bank.accessToken, { type: 'bearer' });
        expect(found.body.total).toBe(1);
      });

      const response = await whatIf(bank, offer.id, { amountMax: base + 4_000_000 });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        productId: offer.id,
        changedRules: [{ code: 'amount', label: '金额' }],
      });
      const needs = response.body.needs as Reach;
      expect(needs.after - needs.before).toBe(1);
      expect(needs).toMatchObject({ gained: 1, lost: 0 });
      expect(needs.byRule).toEqual([
        { rule: { code: 'amount', label: '金额' }, gained: 1, lost: 0 },
      ]);

      const narrower = (await whatIf(bank, offer.id, { amountMin: base + 600_000 })).body.needs;
      expect(narrower).toMatchObject({ gained: 0, lost: 1 });

      const stored = await request(t.http)
        .get(`/api/v1/products/${offer.id}`)
        .auth(bank.accessToken, { type: 'bearer' });
      expect(stored.body.amountMax).toBe(base + 1_000_000);
    });

    it('should count whitelisted enterprises a lower revenue floor would reach', async () => {
      const revenue = 900_000_000_000 + randomInt(1_000_000) * 1_000;
      const rich = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: { annualRevenue: revenue, foundedOn: '2010-05-01' },
      });
      await whitelist(rich);
      const offer = await publishedProduct(
        t.http,
        bank.accessToken,
        product(band(), { eligibility: eligibility({ minAnnualRevenue: revenue + 1 }) }),
      );

      const response = await whatIf(bank, offer.id, {
        eligibility: { minAnnualRevenue: revenue },
      });

      expect(response.status).toBe(200);
      const reach = response.body.whitelistedEnterprises as Reach;
      expect(reach).toMatchObject({ gained: 1, lost: 0 });
      expect(reach.after - reach.before).toBe(1);
      expect(reach.byRule).toEqual([
        { rule: { code: 'annual_revenue', label: '年营业收入' }, gained: 1, lost: 0 },
      ]);

      const same = (await whatIf(bank, offer.id, {})).body;
      expect(same.changedRules).toEqual([]);
      expect(same.needs).toMatchObject({ gained: 0, lost: 0 });
      expect(same.whitelistedEnterprises).toMatchObject({ gained: 0, lost: 0 });
    });

    it('should refuse bad terms and other tenants', async () => {
      const offer = await publishedProduct(t.http, bank.accessToken, product(band()));
      const inverted = await whatIf(bank, offer.id, { amountMin: 99_000_000_000 });
      expect(inverted.status).toBe(400);
      const huge = await whatIf(bank, offer.id, { amountMax: 1e30 });
      expect(huge.status).toBe(400);
      expect(huge.body.error.code).toBe('VALIDATION_FAILED');
      const unknownCode = await whatIf(bank, offer.id, {
        eligibility: { districts: ['<script>'] },
      });
      expect(unknownCode.status).toBe(400);
      expect((await whatIf(otherBank, offer.id, {})).body.error.code).toBe('PRODUCT_NOT_FOUND');
      expect((await whatIf(enterprise, offer.id, {})).status).toBe(403);
    });
  });
});
