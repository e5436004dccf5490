import type { Organization } from '@app/identity';
import type { Need } from '@app/needs';
import type { Product } from '@app/products';
import type { MatchContext, NeedFacts, ProductFacts } from './match-facts';
import { needIsOpen, NeedSide, pairStillMatches, ProductSide } from './match-sides';

const context: MatchContext = { thisYear: 2026 };

const needFacts: NeedFacts = {
  amount: 5_000_000,
  termMonths: 24,
  guarantees: ['credit'],
  fundingTypes: ['loan'],
  maxRateBps: 450,
  whitelisted: false,
  qualifications: ['high_tech'],
  district: 'laoshan',
  industry: 'ai',
  foundedYear: 2018,
  annualRevenue: 30_000_000,
};

const productFacts: ProductFacts = {
  amountMin: 1_000_000,
  amountMax: 10_000_000,
  termMinMonths: 6,
  termMaxMonths: 36,
  rateMinBps: 350,
  rateMaxBps: 600,
  guarantees: ['credit'],
  fundingTypes: ['loan'],
  approvalDays: 7,
  requiresWhitelist: false,
  qualificationsAny: [],
  districts: [],
  industries: [],
  minYearsFounded: null,
  minAnnualRevenue: null,
};

function needSide(status: Need['status'] = 'published', orgStatus = 'verified'): NeedSide {
  return {
    need: { status } as Need,
    org: { status: orgStatus } as Organization,
    facts: needFacts,
  };
}

function productSide(
  status: Product['status'] = 'published',
  orgStatus = 'verified',
  facts: Partial<ProductFacts> = {},
): ProductSide {
  return {
    product: { status } as Product,
    org: { status: orgStatus } as Organization,
    facts: { ...productFacts, ...facts },
  };
}

describe(pairStillMatches.name, () => {
  it('should hold for a published need and a listed product that pass every rule', () => {
    expect(pairStillMatches(needSide(), productSide(), context)).toBe(true);
  });

  it.each(['draft', 'docking', 'withdrawn', 'expired', 'satisfied'] as const)(
    'should not hold once the need is %s',
    (status) => {
      expect(pairStillMatches(needSide(status), productSide(), context)).toBe(false);
    },
  );

  it.each(['draft', 'suspended', 'retired'] as const)(
    'should not hold once the product is %s',
    (status) => {
      expect(pairStillMatches(needSide(), productSide(status), context)).toBe(false);
    },
  );

  it('should not hold when either organization is suspended', () => {
    expect(pairStillMatches(needSide('published', 'suspended'), productSide(), context)).toBe(
      false,
    );
    expect(pairStillMatches(needSide(), productSide('published', 'suspended'), context)).toBe(
      false,
    );
  });

  it('should not hold when a hard rule fails by its reference predicate', () => {
    expect(
      pairStillMatches(
        needSide(),
        productSide('published', 'verified', { amountMax: 4_000_000 }),
        context,
      ),
    ).toBe(false);
    expect(
      pairStillMatches(
        needSide(),
        productSide('published', 'verified', { requiresWhitelist: true }),
        context,
      ),
    ).toBe(false);
  });
});

describe(needIsOpen.name, () => {
  it('should open only a published need of an enterprise in good standing', () => {
    expect(needIsOpen(needSide())).toBe(true);
    expect(needIsOpen(needSide('published', 'pending'))).toBe(true);
    expect(needIsOpen(needSide('published', 'suspended'))).toBe(false);
    expect(needIsOpen(needSide('withdrawn'))).toBe(false);
  });
});
