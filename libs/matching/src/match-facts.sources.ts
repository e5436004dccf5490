import type { District, FundingType, Guarantee, Industry, Qualification } from '@app/core';
import type { Organization } from '@app/identity';
import type { Need, NeedCard } from '@app/needs';
import type { Product, ProductCard } from '@app/products';
import type { WhitelistStatus } from '@app/whitelist';
import type { NeedFacts, ProductFacts } from './match-facts';

/** A need read from the database, with its enterprise and today's whitelist answer. */
export function needFactsOf(
  need: Pick<Need, 'amount' | 'termMonths' | 'guarantees' | 'fundingTypes' | 'maxRateBps'>,
  org: Pick<
    Organization,
    'qualifications' | 'district' | 'industry' | 'foundedOn' | 'annualRevenue'
  >,
  whitelist: Pick<WhitelistStatus, 'whitelisted' | 'qualifications'>,
): NeedFacts {
  return {
    amount: need.amount,
    termMonths: need.termMonths,
    guarantees: need.guarantees,
    fundingTypes: need.fundingTypes,
    maxRateBps: need.maxRateBps,
    whitelisted: whitelist.whitelisted,
    qualifications: [...new Set([...org.qualifications, ...whitelist.qualifications])],
    district: org.district,
    industry: org.industry,
    foundedYear: org.foundedOn ? Number(org.foundedOn.slice(0, 4)) : null,
    annualRevenue: org.annualRevenue,
  };
}

/** A need as the needs index holds it (the same facts, denormalised when it was indexed). */
export function needFactsOfDocument(doc: NeedCard): NeedFacts {
  return {
    amount: doc.amount,
    termMonths: doc.termMonths,
    guarantees: doc.guarantees as Guarantee[],
    fundingTypes: doc.fundingTypes as FundingType[],
    maxRateBps: doc.maxRateBps,
    whitelisted: doc.whitelisted,
    qualifications: doc.qualifications as Qualification[],
    district: doc.district as District | null,
    industry: doc.industry as Industry | null,
    foundedYear: doc.foundedYear,
    annualRevenue: doc.annualRevenue,
  };
}

/** What a product's facts are read from: its row, or its card in the index. */
export type ProductTerms = Pick<Product | ProductCard, keyof ProductFacts>;

export function productFactsOf(product: ProductTerms): ProductFacts {
  return {
    amountMin: product.amountMin,
    amountMax: product.amountMax,
    termMinMonths: product.termMinMonths,
    termMaxMonths: product.termMaxMonths,
    rateMinBps: product.rateMinBps,
    rateMaxBps: product.rateMaxBps,
    guarantees: product.guarantees as Guarantee[],
    fundingTypes: product.fundingTypes as FundingType[],
    approvalDays: product.approvalDays,
    requiresWhitelist: product.requiresWhitelist,
    qualificationsAny: product.qualificationsAny as Qualification[],
    districts: product.districts as District[],
    industries: product.industries as Industry[],
    minYearsFounded: product.minYearsFounded,
    minAnnualRevenue: product.minAnnualRevenue,
  };
}
