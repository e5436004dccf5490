import fc from 'fast-check';
import {
  context,
  matchingPair,
  nearPair,
  needFacts,
  productFacts,
  PROPERTY_SEED,
} from '../../../test/helpers/match-arbitraries';
import { fieldsOf, holds, parseFilter, stringsOf } from '../../../test/helpers/meili-filter';
import type { MatchContext, NeedFacts, ProductFacts } from './match-facts';
import {
  allOf,
  ELIGIBILITY_RULES,
  exactlyOneFails,
  failedRules,
  HARD_RULES,
  MATCH_RULE_CODES,
  ruleLabel,
  type HardRule,
  type MatchRuleCode,
} from './match-rules';
import { yuanText } from './match-wording';

const options = { seed: PROPERTY_SEED, numRuns: 500 };
const CJK = /[\u4e00-\u9fff]/;
const THIS_YEAR: MatchContext = { thisYear: 2026 };

/** A pair that passes every rule; each case below breaks one thing of it. */
const NEED: NeedFacts = {
  amount: 5_000_000,
  termMonths: 12,
  guarantees: ['ip_pledge'],
  fundingTypes: ['loan'],
  maxRateBps: 450,
  whitelisted: true,
  qualifications: ['high_tech'],
  district: 'laoshan',
  industry: 'ai',
  foundedYear: 2020,
  annualRevenue: 30_000_000,
};

const PRODUCT: ProductFacts = {
  amountMin: 1_000_000,
  amountMax: 5_000_000,
  termMinMonths: 6,
  termMaxMonths: 36,
  rateMinBps: 350,
  rateMaxBps: 600,
  guarantees: ['credit', 'ip_pledge'],
  fundingTypes: ['loan', 'equity'],
  approvalDays: 7,
  requiresWhitelist: true,
  qualificationsAny: ['high_tech', 'specialized'],
  districts: ['laoshan', 'shinan'],
  industries: ['ai'],
  minYearsFounded: 3,
  minAnnualRevenue: 20_000_000,
};

const rule = (code: MatchRuleCode): HardRule => HARD_RULES.find((r) => r.code === code)!;
const failing = (need: NeedFacts, product: ProductFacts, c: MatchContext) =>
  HARD_RULES.filter((r) => !r.passes(need, product, c)).map((r) => r.code);

/** Random pairs, and pairs that fail none, one or two rules on their bounds. */
const pairs = fc.oneof(fc.record({ need: needFacts, product: productFacts, context }), nearPair);

/** What a filter may read: the document fields named as the facts are. */
const PRODUCT_FIELDS = Object.keys(PRODUCT);
const NEED_FIELDS = Object.keys(NEED);

describe('HARD_RULES', () => {
  it('should list every rule once, in the order of MATCH_RULE_CODES, with a Chinese label', () => {
    expect(HARD_RULES.map((r) => r.code)).toEqual([...MATCH_RULE_CODES]);
    for (const r of HARD_RULES) {
      expect(r.label).toMatch(CJK);
      expect(ruleLabel(r.code)).toBe(r.label);
    }
    expect(ruleLabel('amount')).toBe('金额');
    expect(() => ruleLabel('colour' as MatchRuleCode)).toThrow(RangeError);
  });

  it('should pass the pair the cases below start from', () => {
    expect(failing(NEED, PRODUCT, THIS_YEAR)).toEqual([]);
  });

  it('should pass on the bounds themselves', () => {
    const onBounds: NeedFacts = {
      ...NEED,
      amount: PRODUCT.amountMax,
      termMonths: PRODUCT.termMinMonths,
      maxRateBps: PRODUCT.rateMinBps,
      foundedYear: THIS_YEAR.thisYear - PRODUCT.minYearsFounded!,
      annualRevenue: PRODUCT.minAnnualRevenue,
    };
    expect(failing(onBounds, PRODUCT, THIS_YEAR)).toEqual([]);
    expect(failing({ ...onBounds, amount: PRODUCT.amountMin }, PRODUCT, THIS_YEAR)).toEqual([]);
    expect(failing({ ...onBounds, termMonths: PRODUCT.termMaxMonths }, PRODUCT, THIS_YEAR)).toEqual(
      [],
    );
  });

  // Each case fails exactly its rule, and says what would make it pass.
  it.each<[MatchRuleCode, Partial<NeedFacts>, Partial<ProductFacts>, string]>([
    ['amount', { amount: 6_000_000 }, {}, '金额超出产品上限500万元'],
    ['amount', { amount: 500_000 }, {}, '金额低于产品下限100万元'],
    ['amount', { amount: 150_000_000 }, { amountMax: 120_000_000 }, '金额超出产品上限1.2亿元'],
    ['term', { termMonths: 48 }, {}, '期限超出产品上限36个月'],
    ['term', { termMonths: 3 }, {}, '期限低于产品下限6个月'],
    [
      'guarantee',
      { guarantees: ['mortgage'] },
      {},
      '产品接受的担保方式为信用、知识产权质押，需提供其一',
    ],
    [
      'funding_type',
      { fundingTypes: ['leasing'] },
      { fundingTypes: ['equity'] },
      '产品仅提供股权融资',
    ],
    ['rate', { maxRateBps: 300 }, { rateMinBps: 500 }, '产品最低利率5%，高于可接受的3%'],
    ['rate', { maxRateBps: 345 }, {}, '产品最低利率3.5%，高于可接受的3.45%'],
    ['whitelist', { whitelisted: false }, {}, '需列入科技型企业白名单'],
    ['qualification', { qualifications: [] }, {}, '需具备高新技术企业、专精特新中小企业资质之一'],
    [
      'qualification',
      { qualifications: ['gazelle'] },
      {},
      '需具备高新技术企业、专精特新中小企业资质之一',
    ],
    ['district', { district: 'licang' }, {}, '仅面向崂山区、市南区的企业'],
    ['district', { district: null }, {}, '仅面向崂山区、市南区的企业'],
    ['industry', { industry: 'biomed' }, {}, '仅面向人工智能行业'],
    ['industry', { industry: null }, {}, '仅面向人工智能行业'],
    ['years_founded', { foundedYear: 2024 }, {}, '需成立满3年'],
    ['years_founded', { foundedYear: null }, {}, '需成立满3年，请在企业资料中补充成立日期'],
    ['annual_revenue', { annualRevenue: 19_999_999 }, {}, '需年营业收入不低于2000万元'],
    [
      'annual_revenue',
      { annualRevenue: null },
      {},
      '需年营业收入不低于2000万元，请在企业资料中补充年营业收入',
    ],
  ])('should fail only %s for %j / %j and advise "%s"', (code, need, product, fix) => {
    const n = { ...NEED, ...need };
    const p = { ...PRODUCT, ...product };
    expect(failedRules(n, p, THIS_YEAR).map((r) => r.code)).toEqual([code]);
    expect(rule(code).fix(n, p, THIS_YEAR)).toBe(fix);
  });

  it('should let any enterprise through a product that asks nothing of it', () => {
    const open: ProductFacts = {
      ...PRODUCT,
      requiresWhitelist: false,
      qualificationsAny: [],
      districts: [],
      industries: [],
      minYearsFounded: null,
      minAnnualRevenue: null,
    };
    fc.assert(
      fc.property(needFacts, context, (need, c) => {
        for (const r of ELIGIBILITY_RULES) expect(r.passes(need, open, c)).toBe(true);
      }),
      options,
    );
  });

  it('should let an enterprise that gave neither founding date nor revenue through minimums of 0', () => {
    const fresh: NeedFacts = { ...NEED, foundedYear: null, annualRevenue: null };
    const zero: ProductFacts = { ...PRODUCT, minYearsFounded: 0, minAnnualRevenue: 0 };
    expect(failing(fresh, zero, THIS_YEAR)).toEqual([]);
    for (const code of ['years_founded', 'annual_revenue'] as const) {
      expect(holds(rule(code).productsFilter(fresh, THIS_YEAR), zero)).toBe(true);
      expect(rule(code).needsFilter(zero, THIS_YEAR)).toBeNull();
    }
  });

  it('should pass every pair made to match, unknown figures under minimums of 0 included', () => {
    let unknownUnderZero = 0;
    fc.assert(
      fc.property(needFacts, productFacts, context, (n, p, c) => {
        const [need, product] = matchingPair(n, p, c);
        if (
          (need.foundedYear === null && product.minYearsFounded === 0) ||
          (need.annualRevenue === null && product.minAnnualRevenue === 0)
        ) {
          unknownUnderZero++;
        }
        expect(failing(need, product, c)).toEqual([]);
        expect(holds(allOf(HARD_RULES.map((r) => r.productsFilter(need, c))), product)).toBe(true);
        expect(holds(allOf(HARD_RULES.map((r) => r.needsFilter(product, c))), need)).toBe(true);
      }),
      options,
    );
    expect(unknownUnderZero).toBeGreaterThan(50);
  });

  it('should read a minimum of 0 as no minimum, in the predicate and in both filters', () => {
    fc.assert(
      fc.property(pairs, ({ need, product, context: c }) => {
        const none: ProductFacts = { ...product, minYearsFounded: null, minAnnualRevenue: null };
        const zero: ProductFacts = { ...product, minYearsFounded: 0, minAnnualRevenue: 0 };
        for (const r of ELIGIBILITY_RULES) {
          expect(r.passes(need, zero, c)).toBe(r.passes(need, none, c));
          const overProducts = r.productsFilter(need, c);
          expect(holds(overProducts, zero)).toBe(holds(overProducts, none));
          expect(r.needsFilter(zero, c)).toBe(r.needsFilter(none, c));
        }
      }),
      options,
    );
  });

  it('should ask an enterprise to complete its profile when a minimum meets an unknown figure', () => {
    const profileRules = [
      { code: 'years_founded', figure: 'foundedYear', advice: '请在企业资料中补充成立日期' },
      { code: 'annual_revenue', figure: 'annualRevenue', advice: '请在企业资料中补充年营业收入' },
    ] as const;
    const seen = { unknown: 0, known: 0 };
    fc.assert(
      fc.property(pairs, ({ need, product, context: c }) => {
        for (const { code, figure, advice } of profileRules) {
          const r = rule(code);
          if (r.passes(need, product, c)) continue;
          const unknown = need[figure] === null;
          seen[unknown ? 'unknown' : 'known']++;
          const fix = r.fix(need, product, c);
          if (unknown) expect(fix).toContain(advice);
          else expect(fix).not.toContain('补充');
          expect(fix).not.toMatch(/满0年|不低于0元/);
        }
      }),
      options,
    );
    expect(seen.unknown).toBeGreaterThan(50);
    expect(seen.known).toBeGreaterThan(50);
  });

  it('should find the failed rules with the reference predicates', () => {
    fc.assert(
      fc.property(needFacts, productFacts, context, (need, product, c) => {
        expect(failedRules(need, product, c).map((r) => r.code)).toEqual(failing(need, product, c));
      }),
      options,
    );
  });

  it('should judge eligibility on the enterprise alone, and terms on the need alone', () => {
    fc.assert(
      fc.property(needFacts, needFacts, productFacts, context, (need, other, product, c) => {
        const sameEnterprise: NeedFacts = {
          ...other,
          whitelisted: need.whitelisted,
          qualifications: need.qualifications,
          district: need.district,
          industry: need.industry,
          foundedYear: need.foundedYear,
          annualRevenue: need.annualRevenue,
        };
        const sameTerms: NeedFacts = {
          ...need,
          whitelisted: other.whitelisted,
          qualifications: other.qualifications,
          district: other.district,
          industry: other.industry,
          foundedYear: other.foundedYear,
          annualRevenue: other.annualRevenue,
        };
        for (const r of HARD_RULES) {
          const eligibility = (ELIGIBILITY_RULES as readonly HardRule[]).includes(r);
          expect(r.passes(eligibility ? sameEnterprise : sameTerms, product, c)).toBe(
            r.passes(need, product, c),
          );
        }
      }),
      options,
    );
  });

  it('should advise on any failing pair in plain Chinese', () => {
    fc.assert(
      fc.property(needFacts, productFacts, context, (need, product, c) => {
        for (const r of failedRules(need, product, c)) {
          const fix = r.fix(need, product, c);
          expect(fix).toMatch(CJK);
          expect(fix).not.toMatch(/undefined|null|NaN|\[object/);
        }
        const amount = failedRules(need, product, c).find((r) => r.code === 'amount');
        if (amount) {
          const bound = need.amount > product.amountMax ? product.amountMax : product.amountMin;
          expect(amount.fix(need, product, c)).toContain(yuanText(bound));
        }
      }),
      options,
    );
  });
});

describe('rule filters', () => {
  it('should let through exactly what the predicate passes, over products and over needs', () => {
    fc.assert(
      fc.property(pairs, ({ need, product, context: c }) => {
        const disagreements = HARD_RULES.flatMap((r) => {
          const passes = r.passes(need, product, c);
          const overProducts = r.productsFilter(need, c);
          const overNeeds = r.needsFilter(product, c);
          return [
            ...(holds(overProducts, product) === passes
              ? []
              : [{ rule: r.code, overProducts, passes }]),
            ...(holds(overNeeds, need) === passes ? [] : [{ rule: r.code, overNeeds, passes }]),
          ];
        });
        expect(disagreements).toEqual([]);
      }),
      { ...options, numRuns: 1_000 },
    );
  });

  it('should join into one filter for matches and one for near misses that agree with the rules', () => {
    const seen = [0, 0, 0];
    fc.assert(
      fc.property(pairs, ({ need, product, context: c }) => {
        const failed = failing(need, product, c).length;
        seen[Math.min(failed, 2)]++;
        const overProducts = HARD_RULES.map((r) => r.productsFilter(need, c));
        const overNeeds = HARD_RULES.map((r) => r.needsFilter(product, c));
        expect(holds(allOf(overProducts), product)).toBe(failed === 0);
        expect(holds(allOf(overNeeds), need)).toBe(failed === 0);
        expect(holds(exactlyOneFails(overProducts), product)).toBe(failed === 1);
        expect(holds(exactlyOneFails(overNeeds), need)).toBe(failed === 1);
      }),
      { ...options, numRuns: 1_000 },
    );
    // Matches, near misses and further misses all came up often enough to mean something.
    for (const count of seen) expect(count).toBeGreaterThan(100);
  });

  it('should read only fields named as the facts are', () => {
    fc.assert(
      fc.property(needFacts, productFacts, context, (need, product, c) => {
        for (const r of HARD_RULES) {
          const overProducts = r.productsFilter(need, c);
          const overNeeds = r.needsFilter(product, c);
          if (overProducts) {
            expect(PRODUCT_FIELDS).toEqual(
              expect.arrayContaining(fieldsOf(parseFilter(overProducts))),
            );
          }
          if (overNeeds) {
            expect(NEED_FIELDS).toEqual(expect.arrayContaining(fieldsOf(parseFilter(overNeeds))));
          }
        }
      }),
      options,
    );
  });

  it('should keep any text inside its quotes, whatever it holds', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('x" OR status = "draft', '\\', '\\"', '") OR (1 = 1', '"]', 'a"b\\c'),
    );
    fc.assert(
      fc.property(needFacts, productFacts, context, hostile, (need, product, c, text) => {
        // Any text where a code goes: the type system says it cannot happen, the filter must
        // hold even so.
        const code = text as never;
        const needWithText: NeedFacts = {
          ...need,
          guarantees: [code],
          fundingTypes: [code],
          qualifications: [code],
          district: code,
          industry: code,
        };
        const productWithText: ProductFacts = {
          ...product,
          guarantees: [code],
          fundingTypes: [code],
          qualificationsAny: [code],
          districts: [code],
          industries: [code],
        };
        for (const r of HARD_RULES) {
          for (const [filter, fields] of [
            [r.productsFilter(needWithText, c), PRODUCT_FIELDS],
            [r.needsFilter(productWithText, c), NEED_FIELDS],
          ] as const) {
            if (filter === null) continue;
            const tree = parseFilter(filter);
            for (const value of stringsOf(tree)) expect(value).toBe(text);
            expect(fields).toEqual(expect.arrayContaining(fieldsOf(tree)));
          }
        }
      }),
      options,
    );
  });

  it('should refuse a number that is not finite rather than write it into a filter', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => rule('amount').productsFilter({ ...NEED, amount: bad }, THIS_YEAR)).toThrow();
      expect(() =>
        rule('annual_revenue').needsFilter({ ...PRODUCT, minAnnualRevenue: bad }, THIS_YEAR),
      ).toThrow();
    }
  });

  it('should read a null filter as "every document passes"', () => {
    const whitelisted = { ...NEED, whitelisted: true };
    expect(rule('whitelist').productsFilter(whitelisted, THIS_YEAR)).toBeNull();
    expect(rule('whitelist').productsFilter({ ...NEED, whitelisted: false }, THIS_YEAR)).toBe(
      'requiresWhitelist = false',
    );
    const open = { ...PRODUCT, requiresWhitelist: false, qualificationsAny: [], districts: [] };
    expect(rule('whitelist').needsFilter(open, THIS_YEAR)).toBeNull();
    expect(rule('qualification').needsFilter(open, THIS_YEAR)).toBeNull();
    expect(rule('district').needsFilter(open, THIS_YEAR)).toBeNull();
  });
});

describe(allOf.name, () => {
  it('should wrap each filter and join them with AND, leaving out nulls', () => {
    expect(allOf(['a = 1', null, 'b = 2 OR c = 3'])).toBe('(a = 1) AND (b = 2 OR c = 3)');
    expect(allOf([null, null])).toBeNull();
    expect(allOf([])).toBeNull();
  });
});

describe(exactlyOneFails.name, () => {
  it('should split the filters in halves: one half with the failure, the other all passing', () => {
    expect(exactlyOneFails(['a = 1', null, 'b = 2'])).toBe(
      '((NOT (a = 1)) AND (b = 2)) OR ((a = 1) AND (NOT (b = 2)))',
    );
    expect(exactlyOneFails(['a = 1'])).toBe('NOT (a = 1)');
    expect(exactlyOneFails([null])).toBeNull();
    expect(exactlyOneFails([])).toBeNull();
  });

  it('should hold exactly when one of the filters fails, and allOf when none does', () => {
    const slots = fc.array(fc.option(fc.boolean(), { nil: null }), { maxLength: 11 });
    fc.assert(
      fc.property(slots, (values) => {
        // Filter i reads x{i}; a null slot is a rule with no filter (it always passes).
        const filters = values.map((value, i) =>
          value === null ? null : i % 2 === 0 ? `x${i} = true` : `(x${i} = true OR x${i} IS NULL)`,
        );
        const document = Object.fromEntries(values.map((value, i) => [`x${i}`, value ?? true]));
        const falses = values.filter((value) => value === false).length;
        const present = values.filter((value) => value !== null).length;
        const one = exactlyOneFails(filters);
        const all = allOf(filters);
        expect(one === null).toBe(present === 0);
        expect(all === null).toBe(present === 0);
        if (one !== null) expect(holds(one, document)).toBe(falses === 1);
        if (all !== null) expect(holds(all, document)).toBe(falses === 0);
        if (one !== null) expect(one.split(') OR (')).toHaveLength(present);
      }),
      options,
    );
  });
});
