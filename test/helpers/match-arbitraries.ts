import {
  DISTRICT_CODES,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  INDUSTRY_CODES,
  QUALIFICATION_CODES,
} from '@app/core';
import type { MatchContext, MatchRuleCode, NeedFacts, ProductFacts } from '@app/matching';
import fc from 'fast-check';

/**
 * Random facts for the matching specs. Numbers come half from a few round values (so bounds,
 * minimums and figures often coincide, where off-by-one mistakes live) and half from the whole
 * valid range.
 */
export const PROPERTY_SEED = 20_260_514;

const roundOr = (values: readonly number[], min: number, max: number) =>
  fc.oneof(fc.constantFrom(...values), fc.integer({ min, max }));

export const amount = roundOr([100_000, 1_000_000, 5_000_000, 10_000_000], 10_000, 5_000_000_000);
export const termMonths = roundOr([1, 6, 12, 36], 1, 120);
export const rateBps = roundOr([0, 300, 450, 600], 0, 3_600);
export const approvalDays = roundOr([1, 3, 7, 45], 1, 365);
export const revenue = roundOr([0, 1_000_000, 20_000_000], 0, 10_000_000_000);

export const context: fc.Arbitrary<MatchContext> = fc.record({
  thisYear: fc.integer({ min: 2024, max: 2040 }),
});

const someOf = <T>(values: readonly T[], minLength: number) =>
  fc.subarray([...values], { minLength, maxLength: Math.min(values.length, 4) });

/**
 * A figure of the enterprise's profile: unknown often, as for a newly registered enterprise that
 * has not filled it in yet.
 */
const profileFigure = (figure: fc.Arbitrary<number>) => fc.option(figure, { nil: null, freq: 3 });

/** A product's minimum: none, 0 (what a form sends for none), or a figure. */
const minimum = (figure: fc.Arbitrary<number>) =>
  fc.oneof(fc.constant(null), fc.constant(0), figure);

export const needFacts: fc.Arbitrary<NeedFacts> = fc.record({
  amount,
  termMonths,
  guarantees: someOf(GUARANTEE_CODES, 1),
  fundingTypes: someOf(FUNDING_TYPE_CODES, 1),
  maxRateBps: rateBps,
  whitelisted: fc.boolean(),
  qualifications: someOf(QUALIFICATION_CODES, 0),
  district: fc.option(fc.constantFrom(...DISTRICT_CODES), { nil: null }),
  industry: fc.option(fc.constantFrom(...INDUSTRY_CODES), { nil: null }),
  foundedYear: profileFigure(fc.integer({ min: 1990, max: 2040 })),
  annualRevenue: profileFigure(revenue),
});

const range = (values: fc.Arbitrary<number>) =>
  fc.tuple(values, values).map(([a, b]) => (a <= b ? [a, b] : [b, a]));

export const productFacts: fc.Arbitrary<ProductFacts> = fc
  .record({
    amount: range(amount),
    term: range(termMonths),
    rate: range(rateBps),
    guarantees: someOf(GUARANTEE_CODES, 1),
    fundingTypes: someOf(FUNDING_TYPE_CODES, 1),
    approvalDays,
    requiresWhitelist: fc.boolean(),
    qualificationsAny: someOf(QUALIFICATION_CODES, 0),
    districts: someOf(DISTRICT_CODES, 0),
    industries: someOf(INDUSTRY_CODES, 0),
    minYearsFounded: minimum(roundOr([1, 3], 1, 30)),
    minAnnualRevenue: minimum(revenue),
  })
  .map((p): ProductFacts => ({
    amountMin: p.amount[0],
    amountMax: p.amount[1],
    termMinMonths: p.term[0],
    termMaxMonths: p.term[1],
    rateMinBps: p.rate[0],
    rateMaxBps: p.rate[1],
    guarantees: p.guarantees,
    fundingTypes: p.fundingTypes,
    approvalDays: p.approvalDays,
    requiresWhitelist: p.requiresWhitelist,
    qualificationsAny: p.qualificationsAny,
    districts: p.districts,
    industries: p.industries,
    minYearsFounded: p.minYearsFounded,
    minAnnualRevenue: p.minAnnualRevenue,
  }));

/** Text relevance as Meilisearch gives it (0–1), and now and then something it never should. */
export const relevance = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.double() },
);

/** A need and a product that pass every hard rule (the pairs the score is meant for). */
export function matchingPair(
  n: NeedFacts,
  p: ProductFacts,
  c: MatchContext = { thisYear: 2026 },
): [NeedFacts, ProductFacts] {
  const need: NeedFacts = {
    ...n,
    amount: Math.min(Math.max(n.amount, p.amountMin), p.amountMax),
    termMonths: Math.min(Math.max(n.termMonths, p.termMinMonths), p.termMaxMonths),
    guarantees: [...new Set([p.guarantees[0], ...n.guarantees])],
    fundingTypes: [...new Set([p.fundingTypes[0], ...n.fundingTypes])],
    maxRateBps: Math.max(n.maxRateBps, p.rateMinBps),
    whitelisted: n.whitelisted || p.requiresWhitelist,
    qualifications:
      p.qualificationsAny.length > 0
        ? [...new Set([p.qualificationsAny[0], ...n.qualifications])]
        : n.qualifications,
    district: p.districts.length > 0 ? p.districts[0] : n.district,
    industry: p.industries.length > 0 ? p.industries[0] : n.industry,
    // A minimum of 0 asks nothing: the enterprise's figure stays as drawn, unknown ones too.
    foundedYear: p.minYearsFounded
      ? Math.min(n.foundedYear ?? c.thisYear, c.thisYear - p.minYearsFounded)
      : n.foundedYear,
    annualRevenue: p.minAnnualRevenue
      ? Math.max(n.annualRevenue ?? 0, p.minAnnualRevenue)
      : n.annualRevenue,
  };
  return [need, p];
}

const RULE_CODES = [
  'amount',
  'term',
  'guarantee',
  'funding_type',
  'rate',
  'whitelist',
  'qualification',
  'district',
  'industry',
  'years_founded',
  'annual_revenue',
] as const satisfies readonly MatchRuleCode[];

/** Breaks one rule of a pair, on its bound where there is one (one past it, or a null). */
function broken(
  code: MatchRuleCode,
  need: NeedFacts,
  p: ProductFacts,
  c: MatchContext,
  nullInstead: boolean,
): [NeedFacts, ProductFacts] {
  switch (code) {
    case 'amount':
      return [{ ...need, amount: nullInstead ? p.amountMin - 1 : p.amountMax + 1 }, p];
    case 'term':
      return [{ ...need, termMonths: p.termMaxMonths + 1 }, p];
    case 'guarantee': {
      const others = GUARANTEE_CODES.filter((g) => !p.guarantees.includes(g));
      return others.length > 0 ? [{ ...need, guarantees: others.slice(0, 2) }, p] : [need, p];
    }
    case 'funding_type': {
      const others = FUNDING_TYPE_CODES.filter((f) => !p.fundingTypes.includes(f));
      return others.length > 0 ? [{ ...need, fundingTypes: others.slice(0, 1) }, p] : [need, p];
    }
    case 'rate':
      return [
        { ...need, maxRateBps: p.rateMinBps + 1 },
        { ...p, rateMinBps: p.rateMinBps + 2 },
      ];
    case 'whitelist':
      return [
        { ...need, whitelisted: false },
        { ...p, requiresWhitelist: true },
      ];
    case 'qualification':
      return [
        { ...need, qualifications: need.qualifications.filter((q) => q !== 'high_tech') },
        { ...p, qualificationsAny: ['high_tech'] },
      ];
    case 'district':
      return [
        { ...need, district: nullInstead ? null : 'shinan' },
        { ...p, districts: ['laoshan'] },
      ];
    case 'industry':
      return [
        { ...need, industry: nullInstead ? null : 'ai' },
        { ...p, industries: ['biomed'] },
      ];
    case 'years_founded':
      return [
        { ...need, foundedYear: nullInstead ? null : c.thisYear - 4 },
        { ...p, minYearsFounded: 5 },
      ];
    case 'annual_revenue':
      return [
        { ...need, annualRevenue: nullInstead ? null : 999_999 },
        { ...p, minAnnualRevenue: 1_000_000 },
      ];
  }
}

/**
 * Pairs that pass every rule but for none, one or two of them, broken on their bounds: the
 * pairs where near misses and off-by-one mistakes show, which random pairs rarely are.
 */
export const nearPair: fc.Arbitrary<{
  need: NeedFacts;
  product: ProductFacts;
  context: MatchContext;
}> = fc
  .record({
    need: needFacts,
    product: productFacts,
    context,
    breaks: fc.subarray([...RULE_CODES], { maxLength: 2 }),
    nullInstead: fc.boolean(),
  })
  .map(({ need: n, product: p, context: c, breaks, nullInstead }) => {
    let [need, product] = matchingPair(n, p, c);
    for (const code of breaks) [need, product] = broken(code, need, product, c, nullInstead);
    return { need, product, context: c };
  });
