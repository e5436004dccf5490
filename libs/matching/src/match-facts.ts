import type { District, FundingType, Guarantee, Industry, Qualification } from '@app/core';

/** What eligibility reads of an enterprise. No contacts. */
export interface EnterpriseFacts {
  /** On an active entry of a published whitelist batch today. */
  whitelisted: boolean;
  /** Declared by the enterprise or confirmed by the whitelist. */
  qualifications: readonly Qualification[];
  district: District | null;
  industry: Industry | null;
  foundedYear: number | null;
  annualRevenue: number | null;
}

/** What matching knows of a need and of the enterprise behind it. */
export interface NeedFacts extends EnterpriseFacts {
  amount: number;
  termMonths: number;
  guarantees: readonly Guarantee[];
  fundingTypes: readonly FundingType[];
  maxRateBps: number;
}

/** A product's terms and eligibility, as matching reads them. */
export interface ProductFacts {
  amountMin: number;
  amountMax: number;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinBps: number;
  rateMaxBps: number;
  guarantees: readonly Guarantee[];
  fundingTypes: readonly FundingType[];
  approvalDays: number;
  requiresWhitelist: boolean;
  /** Empty: no qualification asked for. */
  qualificationsAny: readonly Qualification[];
  /** Empty: every district. */
  districts: readonly District[];
  /** Empty: every industry. */
  industries: readonly Industry[];
  /** Null or 0: no minimum (rows written before 0 was stored as null hold 0). */
  minYearsFounded: number | null;
  /** Null or 0: no minimum, likewise. */
  minAnnualRevenue: number | null;
}

/** What does not belong to either side: the calendar year in China, for years founded. */
export interface MatchContext {
  thisYear: number;
}

/** One side of a match as the engine takes it: its facts, its words, and today. */
export interface MatchCriteria<F extends NeedFacts | ProductFacts> {
  /** The need's or product's id, as stored. */
  id: string;
  facts: F;
  /** Searched on the other side's index: a need's title, a product's name. */
  text: string;
  context: MatchContext;
}

/**
 * Years founded count in calendar years (this year minus the founding year), the same
 * granularity on both sides of the engine, so need -> products and product -> needs agree.
 */
export function yearsFounded(need: EnterpriseFacts, context: MatchContext): number | null {
  return need.foundedYear === null ? null : context.thisYear - need.foundedYear;
}

export function shareOne<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.some((value) => b.includes(value));
}
