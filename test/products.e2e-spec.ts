import { Product } from '@app/products';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createProduct,
  loginAdmin,
  ProductBody,
  productBody,
  publishedProduct,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '7d1c3a52-9b0e-4f6a-8c2d-5e4f3a2b1c0d';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

interface Detail {
  field: string;
  code: string;
}

describe('products', () => {
  let t: TestApp;
  let admin: SessionBody;
  let bank: SessionBody;
  let otherBank: SessionBody;
  let pendingBank: SessionBody;
  let enterprise: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    [bank, otherBank, pendingBank, enterprise] = await Promise.all([
      verifiedOrg(t.http, admin.accessToken, 'bank'),
      verifiedOrg(t.http, admin.accessToken, 'investor'),
      register(t.http, 'bank'),
      verifiedOrg(t.http, admin.accessToken, 'enterprise'),
    ]);
  });
  afterAll(() => t.close());

  const as = (session: SessionBody | undefined) => ({
    get: (path: string) => auth(request(t.http).get(`/api/v1${path}`), session),
    post: (path: string, body?: object) =>
      auth(request(t.http).post(`/api/v1${path}`), session).send(body),
    patch: (path: string, body: object) =>
      auth(request(t.http).patch(`/api/v1${path}`), session).send(body),
  });
  const auth = (test: request.Test, session: SessionBody | undefined) =>
    session ? test.auth(session.accessToken, { type: 'bearer' }) : test;
  const stored = (id: string) => t.app.get(DataSource).getRepository(Product).findOneBy({ id });
  const countByName = (name: string) =>
    t.app.get(DataSource).getRepository(Product).countBy({ name });
  const detailsOf = (body: ErrorBody) => body.error.details as Detail[];
  const fieldsOf = (body: ErrorBody) => detailsOf(body).map((d) => d.field);

  describe('POST /products', () => {
    it('should create a draft with nested eligibility for a verified institution', async () => {
      const body = productBody({
        kind: 'ip_pledge_loan',
        guarantees: ['ip_pledge', 'guarantor'],
        fundingTypes: ['loan', 'insured_loan'],
        eligibility: {
          requiresWhitelist: true,
          qualificationsAny: ['high_tech', 'specialized'],
          districts: ['laoshan', 'shinan'],
          industries: ['ai'],
          minYearsFounded: 2,
          minAnnualRevenue: 5_000_000,
        },
      });

      const response = await as(bank).post('/products', body);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        orgId: bank.organization.id,
        institution: { id: bank.organization.id, name: bank.organization.name, kind: 'bank' },
        name: body.name,
        kind: 'ip_pledge_loan',
        amountMin: 100_000,
        amountMax: 10_000_000,
        termMinMonths: 6,
        termMaxMonths: 36,
        rateMinBps: 350,
        rateMaxBps: 600,
        guarantees: ['ip_pledge', 'guarantor'],
        fundingTypes: ['loan', 'insured_loan'],
        eligibility: body.eligibility,
        approvalDays: 7,
        status: 'draft',
        publishedAt: null,
      });
      const row = await stored(response.body.id);
      expect(row).toMatchObject({ status: 'draft', requiresWhitelist: true, minYearsFounded: 2 });
    });

    it('should default eligibility to any enterprise when it is left out', async () => {
      const { eligibility: _omitted, ...body } = productBody();

      const response = await as(bank).post('/products', body);

      expect(response.status).toBe(201);
      expect(response.body.eligibility).toEqual({
        requiresWhitelist: false,
        qualificationsAny: [],
        districts: [],
        industries: [],
        minYearsFounded: null,
        minAnnualRevenue: null,
      });
    });

    it('should let a pending institution draft a product', async () => {
      const response = await as(pendingBank).post('/products', productBody());

      expect(response.status).toBe(201);
      expect(response.body.status).toBe('draft');
    });

    it('should answer 403 FORBIDDEN to an enterprise and write nothing', async () => {
      const body = productBody();

      const response = await as(enterprise).post('/products', body);

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
      expect(await countByName(body.name as string)).toBe(0);
    });

    it('should answer 403 FORBIDDEN to an admin', async () => {
      const response = await as(admin).post('/products', productBody());

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    });

    it('should answer 401 UNAUTHENTICATED to an anonymous caller', async () => {
      const response = await as(undefined).post('/products', productBody());

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('should refuse every range whose min is above its max, naming the field, and write nothing', async () => {
      const body = productBody({
        amountMin: 20_000_000,
        amountMax: 10_000_000,
        termMinMonths: 48,
        termMaxMonths: 12,
        rateMinBps: 800,
        rateMaxBps: 400,
      });

      const response = await as(bank).post('/products', body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(detailsOf(response.body)).toEqual([
        expect.objectContaining({ field: 'amountMin', code: 'min_above_max' }),
        expect.objectContaining({ field: 'termMinMonths', code: 'min_above_max' }),
        expect.objectContaining({ field: 'rateMinBps', code: 'min_above_max' }),
      ]);
      expect(await countByName(body.name as string)).toBe(0);
    });

    it('should accept a range whose ends are equal', async () => {
      const response = await as(bank).post(
        '/products',
        productBody({
          amountMin: 500_000,
          amountMax: 500_000,
          termMinMonths: 12,
          termMaxMonths: 12,
        }),
      );

      expect(response.status).toBe(201);
    });

    it.each([
      ['a huge amount', { amountMax: 1e20 }, 'amountMax'],
      ['an amount beyond the ceiling', { amountMax: 100_000_000_001 }, 'amountMax'],
      ['an amount below 10,000 yuan', { amountMin: 9_999 }, 'amountMin'],
      ['a fractional amount', { amountMin: 100_000.5 }, 'amountMin'],
      ['an amount as a string', { amountMin: '100000' }, 'amountMin'],
      ['a negative rate', { rateMinBps: -1 }, 'rateMinBps'],
      ['a rate above 3,600 bp', { rateMaxBps: 3_601 }, 'rateMaxBps'],
      ['a fractional rate', { rateMinBps: 3.85 }, 'rateMinBps'],
      ['a term of 0 months', { termMinMonths: 0 }, 'termMinMonths'],
      ['a term above 360 months', { termMaxMonths: 361 }, 'termMaxMonths'],
      ['zero approval days', { approvalDays: 0 }, 'approvalDays'],
      ['approval above 365 days', { approvalDays: 366 }, 'approvalDays'],
      ['an unknown kind', { kind: 'payday_loan' }, 'kind'],
      ['an unknown guarantee', { guarantees: ['credit', 'gold'] }, 'guarantees'],
      ['no guarantee', { guarantees: [] }, 'guarantees'],
      ['a repeated guarantee', { guarantees: ['credit', 'credit'] }, 'guarantees'],
      ['no funding type', { fundingTypes: [] }, 'fundingTypes'],
      ['an unknown funding type', { fundingTypes: ['crypto'] }, 'fundingTypes'],
      ['a name of 101 characters', { name: '贷'.repeat(101) }, 'name'],
      ['a name of 51 emoji with variation selectors', { name: '❤️'.repeat(51) }, 'name'],
      ['a one-character name', { name: '贷' }, 'name'],
      ['a description of 5,001 characters', { description: '款'.repeat(5_001) }, 'description'],
      ['an empty description', { description: '   ' }, 'description'],
      ['eligibility that is not an object', { eligibility: 'anyone' }, 'eligibility'],
      ['an unknown district', { eligibility: { districts: ['beijing'] } }, 'eligibility.districts'],
      [
        'an unknown qualification',
        { eligibility: { qualificationsAny: ['famous'] } },
        'eligibility.qualificationsAny',
      ],
      [
        'minYearsFounded above 100',
        { eligibility: { minYearsFounded: 101 } },
        'eligibility.minYearsFounded',
      ],
      [
        'a fractional minAnnualRevenue',
        { eligibility: { minAnnualRevenue: 1.5 } },
        'eligibility.minAnnualRevenue',
      ],
      [
        'requiresWhitelist as a string',
        { eligibility: { requiresWhitelist: 'yes' } },
        'eligibility.requiresWhitelist',
      ],
      ['an unknown eligibility field', { eligibility: { vip: true } }, 'eligibility.vip'],
      ['an unknown field', { status: 'published' }, 'status'],
    ])(
      'should refuse %s with 400 VALIDATION_FAILED naming the field',
      async (_, override, field) => {
        const body = productBody(override);

        const response = await as(bank).post('/products', body);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(response.body)).toContain(field);
        if (typeof body.name === 'string') expect(await countByName(body.name)).toBe(0);
      },
    );

    it('should list every missing required field', async () => {
      const response = await as(bank).post('/products', {});

      expect(response.status).toBe(400);
      expect(new Set(fieldsOf(response.body))).toEqual(
        new Set([
          'name',
          'kind',
          'description',
          'amountMin',
          'amountMax',
          'termMinMonths',
          'termMaxMonths',
          'rateMinBps',
          'rateMaxBps',
          'guarantees',
          'fundingTypes',
          'approvalDays',
        ]),
      );
    });

    it('should store HTML, SQL and emoji in text exactly as typed', async () => {
      const name = `<b>贷</b>'; DROP TABLE products; -- 🚀`;
      const description = `<script>alert("x")</script> ' OR 1=1 -- 科技🚀❤️ \u0007`;

      const response = await as(bank).post('/products', productBody({ name, description }));

      expect(response.status).toBe(201);
      expect(response.body.name).toBe(name);
      // Control characters are stripped; everything else is kept for clients to escape.
      expect(response.body.description).toBe(description.replace('\u0007', '').trim());
      const read = await as(bank).get(`/products/${response.body.id}`);
      expect(read.body.name).toBe(name);
    });

    it('should answer 400 MALFORMED_JSON to a broken body', async () => {
      const response = await request(t.http)
        .post('/api/v1/products')
        .auth(bank.accessToken, { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send('{"name": ');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('MALFORMED_JSON');
    });
  });

  describe('GET /products/:id', () => {
    let draft: ProductBody;

    beforeAll(async () => {
      draft = await createProduct(t.http, bank.accessToken);
    });

    it('should show the owner its draft', async () => {
      const response = await as(bank).get(`/products/${draft.id}`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: draft.id, status: 'draft' });
    });

    it('should show an admin a draft', async () => {
      const response = await as(admin).get(`/products/${draft.id}`);

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(draft.id);
    });

    it.each([
      ['another institution', () => otherBank],
      ['an enterprise', () => enterprise],
      ['an anonymous caller', () => undefined],
    ])('should answer 404 PRODUCT_NOT_FOUND to %s for a draft', async (_, who) => {
      const response = await as(who()).get(`/products/${draft.id}`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });

    it('should show a published product to anyone, even without a login', async () => {
      const product = await publishedProduct(t.http, bank.accessToken);

      const anonymous = await as(undefined).get(`/products/${product.id}`);
      const other = await as(otherBank).get(`/products/${product.id}`);

      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toMatchObject({
        id: product.id,
        status: 'published',
        institution: { name: bank.organization.name },
      });
      expect(other.status).toBe(200);
    });

    it('should hide a suspended product from everyone but its owner', async () => {
      const product = await publishedProduct(t.http, bank.accessToken);
      await as(bank).post(`/products/${product.id}/suspend`).expect(200);

      expect((await as(undefined).get(`/products/${product.id}`)).status).toBe(404);
      expect((await as(enterprise).get(`/products/${product.id}`)).status).toBe(404);
      expect((await as(bank).get(`/products/${product.id}`)).status).toBe(200);
    });

    it('should answer 404 for an unknown id and 400 for one that is not a UUID', async () => {
      const unknown = await as(undefined).get(`/products/${UNKNOWN_ID}`);
      const bad = await as(undefined).get('/products/not-a-uuid');

      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('PRODUCT_NOT_FOUND');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
    });
  });

  describe('PATCH /products/:id', () => {
    it('should change the fields sent and merge eligibility, keeping the rest', async () => {
      const product = await createProduct(t.http, bank.accessToken, {
        eligibility: { districts: ['laoshan'], minYearsFounded: 3, minAnnualRevenue: 1_000_000 },
      });

      const response = await as(bank).patch(`/products/${product.id}`, {
        name: '崂山科创贷（升级版）',
        rateMaxBps: 650,
        eligibility: { industries: ['ic', 'ai'], minYearsFounded: null },
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: '崂山科创贷（升级版）',
        rateMinBps: 350,
        rateMaxBps: 650,
        eligibility: {
          requiresWhitelist: false,
          districts: ['laoshan'],
          industries: ['ic', 'ai'],
          minYearsFounded: null,
          minAnnualRevenue: 1_000_000,
        },
      });
      expect(await stored(product.id)).toMatchObject({ rateMaxBps: 650, minYearsFounded: null });
    });

    it('should hold a one-sided range change against the stored other end', async () => {
      const product = await createProduct(t.http, bank.accessToken);

      const response = await as(bank).patch(`/products/${product.id}`, { amountMin: 20_000_000 });

      expect(response.status).toBe(400);
      expect(detailsOf(response.body)).toEqual([
        expect.objectContaining({ field: 'amountMin', code: 'min_above_max' }),
      ]);
      expect((await stored(product.id))?.amountMin).toBe(100_000);
    });

    it.each([
      ['name', { name: null }],
      ['guarantees', { guarantees: null }],
      ['eligibility.districts', { eligibility: { districts: null } }],
    ])('should refuse to clear %s with null', async (field, body) => {
      const product = await createProduct(t.http, bank.accessToken);

      const response = await as(bank).patch(`/products/${product.id}`, body);

      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('should answer an empty change with the product unchanged', async () => {
      const product = await createProduct(t.http, bank.accessToken);

      const response = await as(bank).patch(`/products/${product.id}`, {});

      expect(response.status).toBe(200);
      expect(response.body.name).toBe(product.name);
    });

    it('should answer 404 to another institution editing a product and leave it unchanged', async () => {
      const draft = await createProduct(t.http, bank.accessToken);
      const published = await publishedProduct(t.http, bank.accessToken);

      for (const product of [draft, published]) {
        const response = await as(otherBank).patch(`/products/${product.id}`, {
          name: '被别人改过',
        });
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
        expect((await stored(product.id))?.name).toBe(product.name);
      }
    });

    it('should answer 403 FORBIDDEN to an enterprise', async () => {
      const product = await createProduct(t.http, bank.accessToken);

      const response = await as(enterprise).patch(`/products/${product.id}`, { name: '企业改的' });

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    });

    it('should answer 409 PRODUCT_STATUS_CONFLICT for a retired product', async () => {
      const product = await publishedProduct(t.http, bank.accessToken);
      await as(bank).post(`/products/${product.id}/retire`).expect(200);

      const response = await as(bank).patch(`/products/${product.id}`, { name: '复活的产品' });

      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('PRODUCT_STATUS_CONFLICT');
      expect((await stored(product.id))?.name).toBe(product.name);
    });

    it('should answer 404 for an unknown id', async () => {
      const response = await as(bank).patch(`/products/${UNKNOWN_ID}`, { name: '不存在的' });

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('status machine', () => {
    it('should walk draft -> published -> suspended -> published -> retired', async () => {
      const product = await createProduct(t.http, bank.accessToken);

      const published = await as(bank).post(`/products/${product.id}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      expect(Date.parse(published.body.publishedAt as string)).not.toBeNaN();

      const suspended = await as(bank).post(`/products/${product.id}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');

      const again = await as(bank).post(`/products/${product.id}/publish`);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('published');

      const retired = await as(bank).post(`/products/${product.id}/retire`);
      expect(retired.status).toBe(200);
      expect(retired.body.status).toBe('retired');
      expect((await stored(product.id))?.status).toBe('retired');
    });

    it('should retire a suspended product', async () => {
      const product = await publishedProduct(t.http, bank.accessToken);
      await as(bank).post(`/products/${product.id}/suspend`).expect(200);

      const response = await as(bank).post(`/products/${product.id}/retire`);

      expect(response.status).toBe(200);
      expect(response.body.status).toBe('retired');
    });

    it('should keep retired final: every move answers 409 naming from and to', async () => {
      const product = await publishedProduct(t.http, bank.accessToken);
      await as(bank).post(`/products/${product.id}/retire`).expect(200);

      for (const [action, to] of [
        ['publish', 'published'],
        ['suspend', 'suspended'],
        ['retire', 'retired'],
      ]) {
        const response = await as(bank).post(`/products/${product.id}/${action}`);
        expect(response.status).toBe(409);
        expect(response.body.error.code).toBe('PRODUCT_STATUS_CONFLICT');
        expect(response.body.error.details).toEqual({ from: 'retired', to });
      }
      expect((await stored(product.id))?.status).toBe('retired');
    });

    it.each([
      ['suspend', 'draft', 'suspended'],
      ['retire', 'draft', 'retired'],
    ])('should refuse to %s a draft with 409', async (action, from, to) => {
      const product = await createProduct(t.http, bank.accessToken);

      const response = await as(bank).post(`/products/${product.id}/${action}`);

      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'PRODUCT_STATUS_CONFLICT',
        details: { from, to },
      });
      expect((await stored(product.id))?.status).toBe('draft');
    });

    it('should refuse to publish a published product and to suspend a suspended one', async () => {
      const product = await publishedProduct(t.http, bank.accessToken);

      const twice = await as(bank).post(`/products/${product.id}/publish`);
      await as(bank).post(`/products/${product.id}/suspend`).expect(200);
      const suspendTwice = await as(bank).post(`/products/${product.id}/suspend`);

      expect(twice.status).toBe(409);
      expect(twice.body.error.details).toEqual({ from: 'published', to: 'published' });
      expect(suspendTwice.status).toBe(409);
      expect(suspendTwice.body.error.details).toEqual({ from: 'suspended', to: 'suspended' });
    });

    it('should answer 403 ORGANIZATION_NOT_VERIFIED to a pending institution publishing', async () => {
      const product = await createProduct(t.http, pendingBank.accessToken);

      const response = await as(pendingBank).post(`/products/${product.id}/publish`);

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('ORGANIZATION_NOT_VERIFIED');
      expect(await stored(product.id)).toMatchObject({ status: 'draft', publishedAt: null });
    });

    it('should let an institution publish once an admin has verified it', async () => {
      const fresh = await register(t.http, 'insurer');
      const product = await createProduct(t.http, fresh.accessToken, { kind: 'insured_loan' });
      await as(admin).post(`/orgs/${fresh.organization.id}/verify`).expect(200);

      const response = await as(fresh).post(`/products/${product.id}/publish`);

      expect(response.status).toBe(200);
      expect(response.body.status).toBe('published');
    });

    it('should answer 404 to another institution publishing, suspending or retiring a product', async () => {
      const draft = await createProduct(t.http, bank.accessToken);
      const published = await publishedProduct(t.http, bank.accessToken);

      const publish = await as(otherBank).post(`/products/${draft.id}/publish`);
      const suspend = await as(otherBank).post(`/products/${published.id}/suspend`);
      const retire = await as(otherBank).post(`/products/${published.id}/retire`);

      for (const response of [publish, suspend, retire]) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
      }
      expect((await stored(draft.id))?.status).toBe('draft');
      expect((await stored(published.id))?.status).toBe('published');
    });

    it('should answer 403 FORBIDDEN to an enterprise and 401 to an anonymous caller', async () => {
      const product = await createProduct(t.http, bank.accessToken);

      const byEnterprise = await as(enterprise).post(`/products/${product.id}/publish`);
      const anonymous = await as(undefined).post(`/products/${product.id}/publish`);

      expect(byEnterprise.status).toBe(403);
      expect(byEnterprise.body.error.code).toBe('FORBIDDEN');
      expect(anonymous.status).toBe(401);
      expect((await stored(product.id))?.status).toBe('draft');
    });

    it('should answer 404 for an unknown product', async () => {
      const response = await as(bank).post(`/products/${UNKNOWN_ID}/publish`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('GET /products?mine=true', () => {
    it("should list the institution's own products in every status, and no one else's", async () => {
      const own = await register(t.http, 'leasing');
      await as(admin).post(`/orgs/${own.organization.id}/verify`).expect(200);
      const draft = await createProduct(t.http, own.accessToken, { kind: 'leasing' });
      const published = await publishedProduct(t.http, own.accessToken, { kind: 'leasing' });
      const retired = await publishedProduct(t.http, own.accessToken, { kind: 'leasing' });
      await as(own).post(`/products/${retired.id}/retire`).expect(200);
      await createProduct(t.http, bank.accessToken);

      const all = await as(own).get('/products').query({ mine: 'true' });
      const onlyRetired = await as(own).get('/products').query({ mine: 'true', status: 'retired' });
      const paged = await as(own).get('/products').query({ mine: 'true', pageSize: 2, page: 2 });

      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(all.body.items.map((p: ProductBody) => p.id).sort()).toEqual(
        [draft.id, published.id, retired.id].sort(),
      );
      expect(all.body.facets).toBeUndefined();
      expect(onlyRetired.body.items.map((p: ProductBody) => p.id)).toEqual([retired.id]);
      expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(paged.body.items).toHaveLength(1);
    });

    it('should answer 403 FORBIDDEN to an enterprise and 401 to an anonymous caller', async () => {
      const byEnterprise = await as(enterprise).get('/products').query({ mine: 'true' });
      const anonymous = await as(undefined).get('/products').query({ mine: 'true' });

      expect(byEnterprise.status).toBe(403);
      expect(byEnterprise.body.error.code).toBe('FORBIDDEN');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('should refuse catalog filters with mine=true, status without it, and a bad mine', async () => {
      const withFilter = await as(bank).get('/products').query({ mine: 'true', kind: 'leasing' });
      const statusAlone = await as(bank).get('/products').query({ status: 'draft' });
      const badMine = await as(bank).get('/products').query({ mine: 'maybe' });

      expect(withFilter.status).toBe(400);
      expect(detailsOf(withFilter.body)).toEqual([
        expect.objectContaining({ field: 'kind', code: 'catalog_only' }),
      ]);
      expect(statusAlone.status).toBe(400);
      expect(fieldsOf(statusAlone.body)).toEqual(['status']);
      expect(badMine.status).toBe(400);
      expect(fieldsOf(badMine.body)).toEqual(['mine']);
    });
  });
});
