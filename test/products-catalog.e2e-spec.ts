import { randomInt } from 'node:crypto';
import { PRODUCTS_INDEX } from '@app/products';
import { Meilisearch } from 'meilisearch';
import request from 'supertest';
import {
  createProduct,
  loginAdmin,
  ProductBody,
  productBody,
  publishedProduct,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { TcpProxy } from './helpers/tcp-proxy';
import { eventually, startApp, TestApp } from './helpers/test-app';

const meili = new Meilisearch({
  host: process.env.MEILI_URL!,
  apiKey: process.env.MEILI_MASTER_KEY,
});
const productsIndex = meili.index(`${process.env.MEILI_INDEX_PREFIX}${PRODUCTS_INDEX}`);

interface CatalogBody {
  items: ProductBody[];
  total: number;
  page: number;
  pageSize: number;
  facets: {
    distribution: Record<string, Record<string, number>>;
    stats: Record<string, { min: number; max: number }>;
    institutions: { id: string; name: string; kind: string; count: number }[];
  };
}

/** A lowercase Latin word no other product has: Meilisearch keeps it as one token. */
function searchWord(): string {
  const letters = 'bcdfghjkmnpqrstvwxz';
  let word = '';
  while (word.length < 10) word += letters[randomInt(letters.length)];
  return word;
}

describe('product catalog (产品超市)', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const catalog = (query: Record<string, string | number | string[]>, token?: string) => {
    const call = request(t.http).get('/api/v1/products').query(query);
    return token ? call.auth(token, { type: 'bearer' }) : call;
  };
  const idsOf = (body: CatalogBody) => body.items.map((item) => item.id);
  /** Waits until the catalog answers exactly `ids` (in this order) for the query. */
  const expectCatalog = (query: Record<string, string | number | string[]>, ids: string[]) =>
    eventually(async () => {
      const response = await catalog(query);
      expect(response.status).toBe(200);
      expect(idsOf(response.body as CatalogBody)).toEqual(ids);
      // The total comes from the index itself: it proves the index caught up, not just the rows.
      expect((response.body as CatalogBody).total).toBe(ids.length);
      return response.body as CatalogBody;
    });
  const sorted = (ids: string[]) => [...ids].sort();
  const institution = () => verifiedOrg(t.http, admin.accessToken, 'bank');

  describe('search', () => {
    it('should find a published product by a Chinese keyword without a login, and never a draft', async () => {
      const bank = await institution();
      const orgId = bank.organization.id;
      const published = await publishedProduct(t.http, bank.accessToken, {
        name: '青岛崂山人工智能企业研发贷款',
        kind: 'other',
      });
      await createProduct(t.http, bank.accessToken, { name: '青岛崂山人工智能企业研发贷款草稿' });

      const body = await expectCatalog({ q: '人工智能', orgId }, [published.id]);

      expect(body.items[0]).toMatchObject({
        name: '青岛崂山人工智能企业研发贷款',
        status: 'published',
        institution: { id: orgId, name: bank.organization.name, kind: 'bank' },
        eligibility: expect.objectContaining({ requiresWhitelist: false }),
      });
      expect(body.total).toBe(1);
    });

    it('should find a product by a finance synonym (知产贷 finds 知识产权质押贷款)', async () => {
      const bank = await institution();
      const orgId = bank.organization.id;
      const ipLoan = await publishedProduct(t.http, bank.accessToken, {
        name: '知识产权质押贷款',
        kind: 'other',
        guarantees: ['mortgage'],
        description: '以专利、商标等无形资产作为担保的融资产品。',
      });
      const leasing = await publishedProduct(t.http, bank.accessToken, {
        name: '设备融资租赁',
        kind: 'leasing',
        guarantees: ['mortgage'],
        fundingTypes: ['leasing'],
        description: '设备租赁，按月付租。',
      });
      await expectCatalog({ orgId, sort: 'newest' }, [leasing.id, ipLoan.id]);

      for (const q of ['知产贷', 'IP质押', '知识产权贷']) {
        const response = await catalog({ q, orgId });
        expect({ q, ids: idsOf(response.body as CatalogBody) }).toEqual({ q, ids: [ipLoan.id] });
      }
    });

    it('should find products by the Chinese label of their kind and by synonyms of it', async () => {
      const bank = await institution();
      const orgId = bank.organization.id;
      const credit = await publishedProduct(t.http, bank.accessToken, {
        name: '科技企业快贷',
        description: '线上申请，随借随还。',
        kind: 'credit_loan',
        guarantees: ['guarantor'],
      });
      const linked = await publishedProduct(t.http, bank.accessToken, {
        name: '成长伙伴计划',
        description: '银行与基金协同支持。',
        kind: 'loan_equity_linked',
        guarantees: ['equity_pledge'],
        fundingTypes: ['loan_equity_linked'],
      });
      await expectCatalog({ orgId, sort: 'newest' }, [linked.id, credit.id]);

      expect(idsOf((await catalog({ q: '信用贷', orgId })).body)).toEqual([credit.id]);
      expect(idsOf((await catalog({ q: '纯信用贷', orgId })).body)).toEqual([credit.id]);
      expect(idsOf((await catalog({ q: '投贷', orgId })).body)).toEqual([linked.id]);
    });

    it('should find a product by its institution name', async () => {
      const word = searchWord();
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank', {
        organization: { name: `测试银行 ${word}` },
      });
      const product = await publishedProduct(t.http, bank.accessToken, { name: '普惠科技贷' });

      await expectCatalog({ q: word }, [product.id]);
    });

    it('should answer the catalog to a signed-in enterprise the same way', async () => {
      const bank = await institution();
      const ent = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const product = await publishedProduct(t.http, bank.accessToken);
      await expectCatalog({ orgId: bank.organization.id }, [product.id]);

      const response = await catalog({ orgId: bank.organization.id }, ent.accessToken);

      expect(response.status).toBe(200);
      expect(idsOf(response.body as CatalogBody)).toEqual([product.id]);
    });

    it('should keep a hostile q and filter values inert', async () => {
      const bank = await institution();
      const orgId = bank.organization.id;
      const published = await publishedProduct(t.http, bank.accessToken);
      await createProduct(t.http, bank.accessToken);
      await expectCatalog({ orgId }, [published.id]);

      const response = await catalog({ q: '" OR status = "draft', orgId });

      expect(response.status).toBe(200);
      expect(idsOf(response.body as CatalogBody).every((id) => id === published.id)).toBe(true);
    });
  });

  describe('filters, sorts and facets', () => {
    let orgId: string;
    let products: Record<string, ProductBody>;

    beforeAll(async () => {
      const bank = await institution();
      orgId = bank.organization.id;
      const make = (overrides: Record<string, unknown>) =>
        publishedProduct(t.http, bank.accessToken, overrides);
      products = {
        credit: await make({
          kind: 'credit_loan',
          guarantees: ['credit'],
          fundingTypes: ['loan'],
          amountMin: 100_000,
          amountMax: 3_000_000,
          termMinMonths: 6,
          termMaxMonths: 12,
          rateMinBps: 380,
          rateMaxBps: 550,
          approvalDays: 3,
          eligibility: { districts: [], industries: [] },
        }),
        ip: await make({
          kind: 'ip_pledge_loan',
          guarantees: ['ip_pledge', 'guarantor'],
          fundingTypes: ['loan', 'insured_loan'],
          amountMin: 1_000_000,
          amountMax: 20_000_000,
          termMinMonths: 12,
          termMaxMonths: 36,
          rateMinBps: 320,
          rateMaxBps: 480,
          approvalDays: 15,
          eligibility: { districts: ['laoshan'], industries: ['ai', 'ic'] },
        }),
        equity: await make({
          kind: 'equity_investment',
          guarantees: ['equity_pledge'],
          fundingTypes: ['equity'],
          amountMin: 5_000_000,
          amountMax: 100_000_000,
          termMinMonths: 36,
          termMaxMonths: 84,
          rateMinBps: 0,
          rateMaxBps: 0,
          approvalDays: 60,
          eligibility: { requiresWhitelist: true, districts: ['shinan'], industries: ['biomed'] },
        }),
      };
      await expectCatalog({ orgId, sort: 'newest' }, [
        products.equity.id,
        products.ip.id,
        products.credit.id,
      ]);
    });

    it.each([
      ['kind (one)', { kind: 'ip_pledge_loan' }, ['ip']],
      ['kind (repeated)', { kind: ['credit_loan', 'equity_investment'] }, ['credit', 'equity']],
      ['kind (commas)', { kind: 'credit_loan,ip_pledge_loan' }, ['credit', 'ip']],
      ['guarantees (any of)', { guarantees: ['guarantor', 'equity_pledge'] }, ['ip', 'equity']],
      ['fundingTypes', { fundingTypes: 'loan' }, ['credit', 'ip']],
      ['amount inside a range', { amount: 2_000_000 }, ['credit', 'ip']],
      ['amount at a range end', { amount: 100_000_000 }, ['equity']],
      ['amount in no range', { amount: 50_000 }, []],
      ['termMonths', { termMonths: 12 }, ['credit', 'ip']],
      ['termMonths at the long end', { termMonths: 60 }, ['equity']],
      ['maxRateBps', { maxRateBps: 350 }, ['ip', 'equity']],
      ['district (empty list = any)', { district: 'laoshan' }, ['credit', 'ip']],
      ['district served by one', { district: 'shinan' }, ['credit', 'equity']],
      ['industry', { industry: 'biomed' }, ['credit', 'equity']],
      ['requiresWhitelist=true', { requiresWhitelist: 'true' }, ['equity']],
      ['requiresWhitelist=false', { requiresWhitelist: 'false' }, ['credit', 'ip']],
      ['combined', { amount: 2_000_000, termMonths: 24, district: 'laoshan' }, ['ip']],
    ])('should filter by %s', async (_, query, expected) => {
      const response = await catalog({ orgId, ...query });

      expect(response.status).toBe(200);
      expect(sorted(idsOf(response.body as CatalogBody))).toEqual(
        sorted(expected.map((key) => products[key].id)),
      );
      expect((response.body as CatalogBody).total).toBe(expected.length);
    });

    it.each([
      ['rate', ['equity', 'ip', 'credit']],
      ['approvalDays', ['credit', 'ip', 'equity']],
      ['amountMax', ['equity', 'ip', 'credit']],
      ['newest', ['equity', 'ip', 'credit']],
    ])('should sort by %s', async (sort, expected) => {
      const response = await catalog({ orgId, sort });

      expect(idsOf(response.body as CatalogBody)).toEqual(expected.map((key) => products[key].id));
    });

    it('should page through the results', async () => {
      const first = await catalog({ orgId, sort: 'rate', pageSize: 2, page: 1 });
      const second = await catalog({ orgId, sort: 'rate', pageSize: 2, page: 2 });

      expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(idsOf(first.body)).toEqual([products.equity.id, products.ip.id]);
      expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(idsOf(second.body)).toEqual([products.credit.id]);
    });

    it('should answer facet counts and stats for the whole filtered result', async () => {
      const response = await catalog({ orgId, pageSize: 1 });
      const { distribution, stats } = (response.body as CatalogBody).facets;

      expect(distribution.kind).toEqual({
        credit_loan: 1,
        ip_pledge_loan: 1,
        equity_investment: 1,
      });
      expect(distribution.guarantees).toEqual({
        credit: 1,
        ip_pledge: 1,
        guarantor: 1,
        equity_pledge: 1,
      });
      expect(distribution.fundingTypes).toEqual({ loan: 2, insured_loan: 1, equity: 1 });
      expect(distribution.orgId).toEqual({ [orgId]: 3 });
      expect(distribution.institutionKind).toEqual({ bank: 3 });
      expect(stats.rateMinBps).toEqual({ min: 0, max: 380 });
      expect(stats.amountMax).toEqual({ min: 3_000_000, max: 100_000_000 });
      expect(stats.termMaxMonths).toEqual({ min: 12, max: 84 });
    });

    it('should count facets within the other filters', async () => {
      const response = await catalog({ orgId, fundingTypes: 'loan' });

      expect(response.body.facets.distribution.kind).toEqual({
        credit_loan: 1,
        ip_pledge_loan: 1,
      });
      expect(response.body.facets.stats.rateMinBps).toEqual({ min: 320, max: 380 });
    });

    it.each([
      ['an unknown kind', { kind: 'payday_loan' }, 'kind'],
      ['an unknown guarantee among good ones', { guarantees: 'credit,gold' }, 'guarantees'],
      ['a fractional amount', { amount: '1000.5' }, 'amount'],
      ['an amount that is not a number', { amount: 'lots' }, 'amount'],
      ['a huge amount', { amount: '1e30' }, 'amount'],
      ['a term of 0', { termMonths: 0 }, 'termMonths'],
      ['a rate above 3,600 bp', { maxRateBps: 3_601 }, 'maxRateBps'],
      ['an orgId that is not a UUID', { orgId: '" OR 1=1' }, 'orgId'],
      ['an unknown district', { district: 'beijing' }, 'district'],
      ['an unknown industry', { industry: 'tobacco' }, 'industry'],
      ['requiresWhitelist=yes', { requiresWhitelist: 'yes' }, 'requiresWhitelist'],
      ['an unknown sort', { sort: 'cheapest' }, 'sort'],
      ['a q of 101 characters', { q: '贷'.repeat(101) }, 'q'],
      ['a page size of 101', { pageSize: 101 }, 'pageSize'],
      ['an unknown parameter', { colour: 'red' }, 'colour'],
    ])('should refuse %s with 400 naming the parameter', async (_, query, field) => {
      const response = await catalog(query);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('the institution facet', () => {
    it('should name each institution of the result with its count, most products first', async () => {
      const word = searchWord();
      const [big, small] = await Promise.all([institution(), institution()]);
      const named = (name: string) => ({ name: `${name} ${word}` });
      const products = [
        await publishedProduct(t.http, big.accessToken, named('科技信用贷')),
        await publishedProduct(t.http, big.accessToken, named('知识产权贷')),
        await publishedProduct(t.http, small.accessToken, named('人才贷')),
      ];

      const body = await expectCatalog(
        { q: word, sort: 'newest' },
        products.map((p) => p.id).reverse(),
      );

      expect(body.facets.institutions).toEqual([
        { id: big.organization.id, name: big.organization.name, kind: 'bank', count: 2 },
        { id: small.organization.id, name: small.organization.name, kind: 'bank', count: 1 },
      ]);
      expect(body.facets.distribution.orgId).toEqual({
        [big.organization.id]: 2,
        [small.organization.id]: 1,
      });
    });

    it('should leave out a suspended institution, as its products are', async () => {
      const word = searchWord();
      const [kept, suspended] = await Promise.all([institution(), institution()]);
      const product = await publishedProduct(t.http, kept.accessToken, { name: `贷款 ${word}` });
      await publishedProduct(t.http, suspended.accessToken, { name: `贷款 ${word}` });
      await eventually(async () => {
        expect((await catalog({ q: word })).body.total).toBe(2);
      });

      const suspension = await request(t.http)
        .post(`/api/v1/orgs/${suspended.organization.id}/suspend`)
        .auth(admin.accessToken, { type: 'bearer' });
      expect(suspension.status).toBe(200);

      const body = (await catalog({ q: word })).body as CatalogBody;
      expect(idsOf(body)).toEqual([product.id]);
      expect(body.facets.institutions.map((entry) => entry.id)).toEqual([kept.organization.id]);
    });
  });

  describe('keeping the catalog true to the database', () => {
    it('should drop a suspended product from the catalog and bring it back when republished', async () => {
      const bank = await institution();
      const orgId = bank.organization.id;
      const product = await publishedProduct(t.http, bank.accessToken);
      await expectCatalog({ orgId }, [product.id]);

      await request(t.http)
        .post(`/api/v1/products/${product.id}/suspend`)
        .auth(bank.accessToken, { type: 'bearer' })
        .expect(200);
      await expectCatalog({ orgId }, []);

      await request(t.http)
        .post(`/api/v1/products/${product.id}/publish`)
        .auth(bank.accessToken, { type: 'bearer' })
        .expect(200);
      await expectCatalog({ orgId }, [product.id]);

      await request(t.http)
        .post(`/api/v1/products/${product.id}/retire`)
        .auth(bank.accessToken, { type: 'bearer' })
        .expect(200);
      await expectCatalog({ orgId }, []);
      await eventually(async () => {
        const documents = await productsIndex.getDocuments({ filter: `orgId = "${orgId}"` });
        expect(documents.results).toEqual([]);
      });
    });

    it('should re-index a published product when its owner edits it', async () => {
      const bank = await institution();
      const product = await publishedProduct(t.http, bank.accessToken);
      const word = searchWord();
      await expectCatalog({ orgId: bank.organization.id }, [product.id]);

      const patch = await request(t.http)
        .patch(`/api/v1/products/${product.id}`)
        .auth(bank.accessToken, { type: 'bearer' })
        .send({ description: `新增服务 ${word}`, approvalDays: 2 });
      expect(patch.status).toBe(200);

      await expectCatalog({ q: word }, [product.id]);
      const document = await productsIndex.getDocument(product.id);
      expect(document).toMatchObject({ approvalDays: 2 });
    });

    it("should show an institution's new name in its product documents", async () => {
      const bank = await institution();
      const product = await publishedProduct(t.http, bank.accessToken);
      await expectCatalog({ orgId: bank.organization.id }, [product.id]);
      const word = searchWord();
      const name = `青岛更名银行 ${word}`;

      const rename = await request(t.http)
        .patch(`/api/v1/orgs/${bank.organization.id}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ name });
      expect(rename.status).toBe(200);

      await eventually(async () => {
        const document = await productsIndex.getDocument(product.id);
        expect(document).toMatchObject({ institutionName: name, institutionKind: 'bank' });
      });
      const found = await expectCatalog({ q: word }, [product.id]);
      expect(found.items[0].institution).toMatchObject({ name });
    });

    it("should take a suspended institution's products off the shelf and back when reinstated", async () => {
      const bank = await institution();
      const orgId = bank.organization.id;
      const product = await publishedProduct(t.http, bank.accessToken);
      await expectCatalog({ orgId }, [product.id]);

      await request(t.http)
        .post(`/api/v1/orgs/${orgId}/suspend`)
        .auth(admin.accessToken, { type: 'bearer' })
        .expect(200);
      await expectCatalog({ orgId }, []);
      const hidden = await request(t.http).get(`/api/v1/products/${product.id}`);
      expect(hidden.status).toBe(404);

      await request(t.http)
        .post(`/api/v1/orgs/${orgId}/verify`)
        .auth(admin.accessToken, { type: 'bearer' })
        .expect(200);
      await expectCatalog({ orgId }, [product.id]);
    });

    it('should apply the index settings from code', async () => {
      const settings = await productsIndex.getSettings();

      expect(settings.searchableAttributes).toEqual(
        expect.arrayContaining(['name', 'description', 'institutionName', 'kindLabel']),
      );
      expect(settings.filterableAttributes).toEqual(
        expect.arrayContaining(['kind', 'guarantees', 'amountMin', 'districts', 'orgId']),
      );
      expect(settings.sortableAttributes).toEqual(
        expect.arrayContaining(['rateMinBps', 'approvalDays', 'amountMax', 'publishedAt']),
      );
      expect(settings.pagination?.maxTotalHits).toBe(5_000);
      // Synonyms live in the documents, searched last; none are expanded per search.
      expect(settings.searchableAttributes?.at(-1)).toBe('synonymWords');
      expect(settings.synonyms).toEqual({});
    });
  });

  describe('with Meilisearch unreachable', () => {
    let proxy: TcpProxy;
    let cut: TestApp;

    beforeAll(async () => {
      proxy = await TcpProxy.start(process.env.MEILI_URL!);
      cut = await startApp({ MEILI_URL: proxy.url });
    });
    afterAll(async () => {
      await cut?.close();
      await proxy?.down();
    });

    it('should keep accepting product writes and answer the catalog with 503 and Retry-After', async () => {
      const bank = await verifiedOrg(cut.http, admin.accessToken, 'bank');
      await proxy.down();

      const created = await request(cut.http)
        .post('/api/v1/products')
        .auth(bank.accessToken, { type: 'bearer' })
        .send(productBody());
      expect(created.status).toBe(201);
      const published = await request(cut.http)
        .post(`/api/v1/products/${created.body.id}/publish`)
        .auth(bank.accessToken, { type: 'bearer' });
      expect(published.status).toBe(200);

      const search = await request(cut.http).get('/api/v1/products').query({ q: '科技' });
      expect(search.status).toBe(503);
      expect(search.body.error.code).toBe('SEARCH_UNAVAILABLE');
      expect(search.headers['retry-after']).toMatch(/^\d+$/);
      const mine = await request(cut.http)
        .get('/api/v1/products')
        .query({ mine: 'true' })
        .auth(bank.accessToken, { type: 'bearer' });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((p: ProductBody) => p.id)).toEqual([created.body.id]);

      await proxy.up();
      await eventually(async () => {
        const response = await catalog({ orgId: bank.organization.id });
        expect(idsOf(response.body as CatalogBody)).toEqual([created.body.id]);
      }, 45_000);
    });
  });
});
