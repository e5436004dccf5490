import type { SearchResponse } from 'meilisearch';
import {
  type CardHit,
  MatchEngine,
  MAX_NEAR_MISSES,
  type NeedMatchDocument,
  needMatchesOf,
  needMatchQueries,
  type ProductMatchDocument,
  productMatchesOf,
  productMatchQueries,
} from './match-engine.service';
import type { MatchContext, NeedFacts, ProductFacts } from './match-facts';

const context: MatchContext = { thisYear: 2026 };

const need: NeedFacts = {
  amount: 3_000_000,
  termMonths: 12,
  guarantees: ['credit'],
  fundingTypes: ['loan'],
  maxRateBps: 500,
  whitelisted: true,
  qualifications: ['high_tech'],
  district: 'laoshan',
  industry: 'ai',
  foundedYear: 2018,
  annualRevenue: 20_000_000,
};

function product(id: string, overrides: Partial<ProductMatchDocument> = {}): ProductMatchDocument {
  return {
    id,
    name: `科技贷${id}`,
    kind: 'credit_loan',
    orgId: 'bank',
    institutionName: '青岛银行',
    institutionKind: 'bank',
    amountMin: 1_000_000,
    amountMax: 10_000_000,
    termMinMonths: 6,
    termMaxMonths: 36,
    rateMinBps: 400,
    rateMaxBps: 600,
    guarantees: ['credit'],
    fundingTypes: ['loan'],
    approvalDays: 10,
    requiresWhitelist: false,
    qualificationsAny: [],
    districts: [],
    industries: [],
    minYearsFounded: null,
    minAnnualRevenue: null,
    ...overrides,
  };
}

/** Meilisearch's answer as matching asks for it: each document's card, maybe with its score. */
function answer(
  documents: (object & { id: string; _rankingScore?: number })[],
  extra: Partial<SearchResponse<CardHit>> = {},
): SearchResponse<CardHit> {
  const hits = documents.map(({ _rankingScore, ...document }) => ({
    id: document.id,
    card: JSON.stringify(document),
    ...(_rankingScore === undefined ? {} : { _rankingScore }),
  }));
  return { hits, processingTimeMs: 1, query: '', ...extra };
}

describe(productMatchQueries.name, () => {
  it('should search by terms, by the words and for near misses, all on published products', () => {
    const queries = productMatchQueries(need, '研发贷款', context, 10);
    expect(queries).toHaveLength(3);
    const [byTerms, byText, near] = queries;
    expect(byTerms).toMatchObject({ index: 'products', q: '', page: 1, hitsPerPage: 50 });
    expect(byTerms.sort).toEqual(['rateMinBps:asc', 'approvalDays:asc']);
    expect(byText).toMatchObject({ q: '研发贷款', limit: 50, showRankingScore: true });
    expect(byText.filter).toBe(byTerms.filter);
    expect(near).toMatchObject({ q: '', limit: 20 });
    for (const query of queries) {
      expect(query.filter).toMatch(/^\(status = "published"\) AND /);
      expect(query.attributesToRetrieve).toEqual(['id', 'card']);
    }
    expect(near.filter).toContain('NOT (');
  });

  it('should grow the candidate pools with the limit, up to 200', () => {
    expect(productMatchQueries(need, '', context, 30)[0].hitsPerPage).toBe(120);
    expect(productMatchQueries(need, '', context, 50)[1].limit).toBe(200);
  });
});

describe(productMatchesOf.name, () => {
  it('should score each candidate once, with the relevance the text search gave, best first', () => {
    const cheap = product('a', { rateMinBps: 300 });
    const dear = product('b', { rateMinBps: 480 });
    const both = product('c', { rateMinBps: 350 });
    const result = productMatchesOf(need, context, 10, [
      answer([cheap, both, dear], { totalHits: 3 }),
      answer([
        { ...both, _rankingScore: 0.9 },
        { ...dear, _rankingScore: 0.2 },
      ]),
      answer([]),
    ]);
    expect(result.total).toBe(3);
    expect(result.matches.map((m) => m.document.id)).toEqual(['c', 'a', 'b']);
    expect(result.matches[0].document).not.toHaveProperty('_rankingScore');
    expect(result.matches[0].reasons.map((r) => r.code)).toContain('text_relevant');
    expect(result.nearMisses).toEqual([]);
  });

  it('should keep to the limit, and pick near misses that fail one rule, different rules first', () => {
    const candidates = ['a', 'b', 'c'].map((id) => product(id));
    const tooSmall = product('x', { amountMax: 2_000_000 });
    const tooShort = product('y', { termMaxMonths: 6 });
    const tooSmallToo = product('z', { amountMax: 1_000_000 });
    const twoRules = product('w', { amountMax: 1_000_000, termMaxMonths: 6 });
    const result = productMatchesOf(need, context, 2, [
      answer(candidates, { totalHits: 3 }),
      answer([]),
      answer([tooSmall, tooSmallToo, twoRules, tooShort]),
    ]);
    expect(result.matches).toHaveLength(2);
    expect(result.nearMisses.map((m) => [m.document.id, m.rule])).toEqual([
      ['x', 'amount'],
      ['y', 'term'],
      ['z', 'amount'],
    ]);
    expect(result.nearMisses.length).toBeLessThanOrEqual(MAX_NEAR_MISSES);
    expect(result.nearMisses[0].fix).toContain('金额超出产品上限');
  });
});

describe(needMatchQueries.name, () => {
  const facts: ProductFacts = {
    amountMin: 1_000_000,
    amountMax: 10_000_000,
    termMinMonths: 6,
    termMaxMonths: 36,
    rateMinBps: 400,
    rateMaxBps: 600,
    guarantees: ['credit'],
    fundingTypes: ['loan'],
    approvalDays: 10,
    requiresWhitelist: true,
    qualificationsAny: [],
    districts: [],
    industries: [],
    minYearsFounded: null,
    minAnnualRevenue: null,
  };

  it('should search published needs by terms and by the name, narrowed as asked', () => {
    const queries = needMatchQueries(facts, '科技贷', context, 10, ['district = "laoshan"']);
    expect(queries).toHaveLength(2);
    const [byTerms, byText] = queries;
    expect(byTerms).toMatchObject({ index: 'needs', q: '', page: 1, hitsPerPage: 50 });
    expect(byTerms.sort).toEqual(['maxRateBps:desc', 'publishedAt:desc']);
    expect(byText).toMatchObject({ q: '科技贷', limit: 50, showRankingScore: true });
    expect(byTerms.filter).toMatch(/^\(status = "published"\) AND /);
    expect(byTerms.filter).toContain('(whitelisted = true)');
    expect(byTerms.filter).toContain('(district = "laoshan")');
    expect(byTerms.attributesToRetrieve).toEqual(['id', 'card']);
  });

  it('should rank the needs found, newer first among equals', () => {
    const doc = (id: string, publishedAt: number): NeedMatchDocument => ({
      id,
      title: '研发资金需求',
      amount: 3_000_000,
      termMonths: 12,
      purpose: 'rnd',
      fundingTypes: ['loan'],
      guarantees: ['credit'],
      maxRateBps: 500,
      fundBy: 0,
      orgId: 'e',
      enterpriseName: '青岛某科技有限公司',
      district: 'laoshan',
      industry: 'ai',
      qualifications: [],
      whitelisted: true,
      foundedYear: 2018,
      annualRevenue: 20_000_000,
      publishedAt,
    });
    const result = needMatchesOf(facts, 10, [
      answer([doc('old', 1), doc('new', 2)], { totalHits: 2 }),
      answer([]),
    ]);
    expect(result.total).toBe(2);
    expect(result.matches.map((m) => m.document.id)).toEqual(['new', 'old']);
  });
});

describe(MatchEngine.name, () => {
  const answers = [answer([product('a')], { totalHits: 1 }), answer([]), answer([])];

  function engine(memoSize = 10) {
    const search = {
      multiSearch: jest.fn().mockResolvedValue(answers),
      version: jest.fn().mockResolvedValue('v1'),
    };
    const config = { get: () => memoSize };
    const sut = new MatchEngine(
      search as unknown as ConstructorParameters<typeof MatchEngine>[0],
      config as unknown as ConstructorParameters<typeof MatchEngine>[1],
    );
    return { sut, search };
  }

  it('should answer the same question under the same index version from memory', async () => {
    const { sut, search } = engine();
    const first = await sut.rememberedProductsFor('v1', need, '研发', context, 10);
    const again = await sut.rememberedProductsFor('v1', need, '研发', context, 10);
    expect(again).toBe(first);
    expect(search.multiSearch).toHaveBeenCalledTimes(1);
  });

  it('should search again for a new index version, other facts, words or limit', async () => {
    const { sut, search } = engine();
    await sut.rememberedProductsFor('v1', need, '研发', context, 10);
    await sut.rememberedProductsFor('v2', need, '研发', context, 10);
    await sut.rememberedProductsFor('v2', { ...need, amount: 4_000_000 }, '研发', context, 10);
    await sut.rememberedProductsFor('v2', need, '设备', context, 10);
    await sut.rememberedProductsFor('v2', need, '研发', context, 5);
    expect(search.multiSearch).toHaveBeenCalledTimes(5);
  });

  it('should search every time with a memo of size 0, without asking for versions', async () => {
    const { sut, search } = engine(0);
    for (let i = 0; i < 2; i++) {
      await sut.rememberedProductsFor(await sut.productsVersion(), need, '研发', context, 10);
    }
    expect(search.multiSearch).toHaveBeenCalledTimes(2);
    expect(search.version).not.toHaveBeenCalled();
  });
});
