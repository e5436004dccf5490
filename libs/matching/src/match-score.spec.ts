import type { Guarantee } from '@app/core';
import fc from 'fast-check';
import {
  approvalDays,
  matchingPair,
  needFacts,
  productFacts,
  PROPERTY_SEED,
  rateBps,
  relevance,
} from '../../../test/helpers/match-arbitraries';
import { HARD_RULES } from './match-rules';
import type { NeedFacts, ProductFacts } from './match-facts';
import { MATCH_REASON_CODES, SCORE_WEIGHTS, scoreMatch } from './match-score';

const options = { seed: PROPERTY_SEED, numRuns: 300 };
const CJK = /[\u4e00-\u9fff]/;

/** A pair where every part of the score is full. */
const NEED: NeedFacts = {
  amount: 5_000_000,
  termMonths: 12,
  guarantees: ['credit', 'ip_pledge'],
  fundingTypes: ['loan'],
  maxRateBps: 450,
  whitelisted: true,
  qualifications: ['high_tech'],
  district: 'laoshan',
  industry: 'ai',
  foundedYear: 2018,
  annualRevenue: 30_000_000,
};

const PRODUCT: ProductFacts = {
  amountMin: 1_000_000,
  amountMax: 10_000_000,
  termMinMonths: 6,
  termMaxMonths: 36,
  rateMinBps: 200,
  rateMaxBps: 600,
  guarantees: ['credit'],
  fundingTypes: ['loan'],
  approvalDays: 3,
  requiresWhitelist: true,
  qualificationsAny: ['high_tech'],
  districts: ['laoshan'],
  industries: [],
  minYearsFounded: null,
  minAnnualRevenue: null,
};

const labelsOf = (need: NeedFacts, product: ProductFacts, text = 0) =>
  scoreMatch(need, product, text).reasons.map((reason) => reason.label);

/** The same pair sharing exactly one guarantee. */
const sharing = (guarantee: Guarantee, need: NeedFacts, product: ProductFacts) =>
  scoreMatch({ ...need, guarantees: [guarantee] }, { ...product, guarantees: [guarantee] }, 0.5)
    .score;

describe(scoreMatch.name, () => {
  it('should weigh its parts to 100 in all', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((sum, weight) => sum + weight, 0)).toBe(100);
  });

  it('should give 100 to a pair where every part is full', () => {
    expect(HARD_RULES.every((rule) => rule.passes(NEED, PRODUCT, { thisYear: 2026 }))).toBe(true);
    expect(scoreMatch(NEED, PRODUCT, 1).score).toBe(100);
  });

  it('should score any pair with an integer from 0 to 100', () => {
    fc.assert(
      fc.property(needFacts, productFacts, relevance, (need, product, text) => {
        const { score } = scoreMatch(need, product, text);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      options,
    );
  });

  it('should answer the same for the same pair, and leave the pair as it was', () => {
    fc.assert(
      fc.property(needFacts, productFacts, relevance, (need, product, text) => {
        const needBefore = structuredClone(need);
        const productBefore = structuredClone(product);
        const first = scoreMatch(Object.freeze(need), Object.freeze(product), text);
        expect(scoreMatch(need, product, text)).toEqual(first);
        expect(need).toEqual(needBefore);
        expect(product).toEqual(productBefore);
      }),
      options,
    );
  });

  it("should never rise with the product's lowest rate", () => {
    fc.assert(
      fc.property(needFacts, productFacts, rateBps, rateBps, relevance, (need, p, a, b, text) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(scoreMatch(need, { ...p, rateMinBps: low }, text).score).toBeGreaterThanOrEqual(
          scoreMatch(need, { ...p, rateMinBps: high }, text).score,
        );
      }),
      options,
    );
  });

  it("should never rise with the product's approval days", () => {
    fc.assert(
      fc.property(
        needFacts,
        productFacts,
        approvalDays,
        approvalDays,
        relevance,
        (need, p, a, b, text) => {
          const [fast, slow] = a <= b ? [a, b] : [b, a];
          expect(scoreMatch(need, { ...p, approvalDays: fast }, text).score).toBeGreaterThanOrEqual(
            scoreMatch(need, { ...p, approvalDays: slow }, text).score,
          );
        },
      ),
      options,
    );
  });

  it('should never fall as the text relevance rises', () => {
    const finite = fc.double({ min: -2, max: 3, noNaN: true });
    fc.assert(
      fc.property(needFacts, productFacts, finite, finite, (need, product, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(scoreMatch(need, product, more).score).toBeGreaterThanOrEqual(
          scoreMatch(need, product, less).score,
        );
      }),
      options,
    );
  });

  it('should read a relevance that is not a number as none', () => {
    for (const text of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(scoreMatch(NEED, PRODUCT, text)).toEqual(scoreMatch(NEED, PRODUCT, 0));
    }
  });

  it('should rank the guarantee both share: credit, then pledges and insurance, then a guarantor, then a mortgage', () => {
    fc.assert(
      fc.property(needFacts, productFacts, (need, product) => {
        const credit = sharing('credit', need, product);
        const pledges = (['ip_pledge', 'equity_pledge', 'receivables', 'insurance'] as const).map(
          (g) => sharing(g, need, product),
        );
        const guarantor = sharing('guarantor', need, product);
        const mortgage = sharing('mortgage', need, product);
        for (const pledge of pledges) {
          expect(credit).toBeGreaterThanOrEqual(pledge);
          expect(pledge).toBeGreaterThanOrEqual(guarantor);
        }
        expect(guarantor).toBeGreaterThanOrEqual(mortgage);
      }),
      options,
    );
    expect(sharing('credit', NEED, PRODUCT)).toBeGreaterThan(sharing('ip_pledge', NEED, PRODUCT));
    expect(sharing('ip_pledge', NEED, PRODUCT)).toBeGreaterThan(sharing('mortgage', NEED, PRODUCT));
  });

  it('should never score lower when both sides also take credit', () => {
    fc.assert(
      fc.property(needFacts, productFacts, relevance, (need, product, text) => {
        const withCredit = scoreMatch(
          { ...need, guarantees: [...need.guarantees, 'credit'] },
          { ...product, guarantees: [...product.guarantees, 'credit'] },
          text,
        );
        expect(withCredit.score).toBeGreaterThanOrEqual(scoreMatch(need, product, text).score);
        expect(withCredit.reasons).toContainEqual({
          code: 'guarantee_accepted',
          label: '纯信用，无需抵押担保',
        });
      }),
      options,
    );
  });

  it('should never score a whitelisted enterprise lower, nor a product aimed at its district', () => {
    fc.assert(
      fc.property(needFacts, productFacts, relevance, (need, product, text) => {
        expect(
          scoreMatch({ ...need, whitelisted: true }, product, text).score,
        ).toBeGreaterThanOrEqual(scoreMatch({ ...need, whitelisted: false }, product, text).score);
        if (need.district === null) return;
        const aimed = scoreMatch(need, { ...product, districts: [need.district] }, text).score;
        const citywide = scoreMatch(need, { ...product, districts: [] }, text).score;
        const elsewhere = scoreMatch(
          need,
          { ...product, districts: need.district === 'shinan' ? ['shibei'] : ['shinan'] },
          text,
        ).score;
        expect(aimed).toBeGreaterThanOrEqual(citywide);
        expect(citywide).toBeGreaterThanOrEqual(elsewhere);
      }),
      options,
    );
  });

  it('should give each reason once, with a known code and a Chinese label', () => {
    fc.assert(
      fc.property(needFacts, productFacts, relevance, (n, p, text) => {
        const [need, product] = matchingPair(n, p);
        const { reasons } = scoreMatch(need, product, text);
        const codes = reasons.map((reason) => reason.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const reason of reasons) {
          expect(MATCH_REASON_CODES).toContain(reason.code);
          expect(reason.label).toMatch(CJK);
          expect(reason.label).not.toMatch(/undefined|null|NaN/);
        }
        // A pair that passes every rule is in range and shares a guarantee.
        expect(codes).toEqual(
          expect.arrayContaining(['amount_in_range', 'term_in_range', 'guarantee_accepted']),
        );
      }),
      options,
    );
  });

  it('should explain a full pair in Chinese', () => {
    expect(labelsOf(NEED, PRODUCT, 0.9)).toEqual([
      '金额在产品范围内',
      '期限在产品范围内',
      '纯信用，无需抵押担保',
      '利率低至2%，在可接受的4.5%以内',
      '最快3天审批',
      '白名单企业可申请',
      '符合高新技术企业资质要求',
      '面向崂山区企业',
      '需求与产品描述高度相关',
    ]);
  });

  it('should name the guarantee accepted when it is not credit', () => {
    const need = { ...NEED, guarantees: ['ip_pledge', 'mortgage'] as Guarantee[] };
    expect(labelsOf(need, { ...PRODUCT, guarantees: ['ip_pledge', 'mortgage'] })).toContain(
      '接受知识产权质押',
    );
    expect(labelsOf(need, { ...PRODUCT, guarantees: ['mortgage'] })).toContain('接受抵押');
  });

  it('should say a whitelisted enterprise is preferred where the whitelist is not required', () => {
    const labels = labelsOf(NEED, { ...PRODUCT, requiresWhitelist: false });
    expect(labels).toContain('白名单企业优先');
    expect(labels).not.toContain('白名单企业可申请');
    expect(
      labelsOf({ ...NEED, whitelisted: false }, { ...PRODUCT, requiresWhitelist: false }),
    ).not.toContain('白名单企业优先');
  });

  it('should leave out what does not hold', () => {
    const plain = scoreMatch(
      { ...NEED, whitelisted: false, qualifications: [], district: null },
      { ...PRODUCT, rateMinBps: 450, approvalDays: 8, qualificationsAny: [], districts: [] },
      0.59,
    );
    expect(plain.reasons.map((reason) => reason.code)).toEqual([
      'amount_in_range',
      'term_in_range',
      'guarantee_accepted',
    ]);
  });
});
