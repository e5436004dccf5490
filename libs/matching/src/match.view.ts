import type {
  Scored,
  NearMiss,
  NeedMatchDocument,
  NeedMatches,
  ProductMatchDocument,
  ProductMatches,
} from './match-engine.service';
import type { MatchReason } from './match-score';
import type { MatchRuleCode } from './match-rules';

/** A product as a match shows it: its terms and who offers it. */
export interface MatchedProductView {
  id: string;
  name: string;
  kind: string;
  institution: { id: string; name: string; kind: string };
  amountMin: number;
  amountMax: number;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinBps: number;
  rateMaxBps: number;
  guarantees: string[];
  fundingTypes: string[];
  approvalDays: number;
  eligibility: {
    requiresWhitelist: boolean;
    qualificationsAny: string[];
    districts: string[];
    industries: string[];
    minYearsFounded: number | null;
    minAnnualRevenue: number | null;
  };
}

/** A published need as an institution's match shows it: never a contact. */
export interface MatchedNeedView {
  id: string;
  title: string;
  amount: number;
  termMonths: number;
  purpose: string;
  fundingTypes: string[];
  guarantees: string[];
  maxRateBps: number;
  /** YYYY-MM-DD. */
  fundBy: string;
  publishedAt: string | null;
  enterprise: {
    id: string;
    name: string;
    district: string | null;
    industry: string | null;
    qualifications: string[];
    whitelisted: boolean;
  };
}

export interface MatchView<T> {
  /** 1 for the best. */
  rank: number;
  /** 0–100. */
  score: number;
  reasons: MatchReason[];
  item: T;
}

export interface NearMissView {
  product: MatchedProductView;
  /** The one hard rule it fails. */
  rule: { code: MatchRuleCode; label: string };
  /** What would make it match: 金额超出产品上限500万元. */
  fix: string;
}

export interface NeedMatchesView {
  needId: string;
  /** Products passing every hard rule (counted up to 5,000). */
  total: number;
  items: MatchView<MatchedProductView>[];
  /** Up to five products that fail exactly one hard rule. */
  nearMisses: NearMissView[];
}

export interface ProductMatchesView {
  productId: string;
  /** Published needs passing every hard rule and the filters (counted up to 10,000). */
  total: number;
  items: MatchView<MatchedNeedView>[];
}

export function toMatchedProductView(doc: ProductMatchDocument): MatchedProductView {
  return {
    id: doc.id,
    name: doc.name,
    kind: doc.kind,
    institution: { id: doc.orgId, name: doc.institutionName, kind: doc.institutionKind },
    amountMin: doc.amountMin,
    amountMax: doc.amountMax,
    termMinMonths: doc.termMinMonths,
    termMaxMonths: doc.termMaxMonths,
    rateMinBps: doc.rateMinBps,
    rateMaxBps: doc.rateMaxBps,
    guarantees: doc.guarantees,
    fundingTypes: doc.fundingTypes,
    approvalDays: doc.approvalDays,
    eligibility: {
      requiresWhitelist: doc.requiresWhitelist,
      qualificationsAny: doc.qualificationsAny,
      districts: doc.districts,
      industries: doc.industries,
      minYearsFounded: doc.minYearsFounded,
      minAnnualRevenue: doc.minAnnualRevenue,
    },
  };
}

export function toMatchedNeedView(doc: NeedMatchDocument): MatchedNeedView {
  return {
    id: doc.id,
    title: doc.title,
    amount: doc.amount,
    termMonths: doc.termMonths,
    purpose: doc.purpose,
    fundingTypes: doc.fundingTypes,
    guarantees: doc.guarantees,
    maxRateBps: doc.maxRateBps,
    fundBy: new Date(doc.fundBy).toISOString().slice(0, 10),
    publishedAt: doc.publishedAt === null ? null : new Date(doc.publishedAt).toISOString(),
    enterprise: {
      id: doc.orgId,
      name: doc.enterpriseName,
      district: doc.district,
      industry: doc.industry,
      qualifications: doc.qualifications,
      whitelisted: doc.whitelisted,
    },
  };
}

export function toMatchViews<D, T>(scored: Scored<D>[], view: (doc: D) => T): MatchView<T>[] {
  return scored.map((match, index) => ({
    rank: index + 1,
    score: match.score,
    reasons: match.reasons,
    item: view(match.document),
  }));
}

export function toNearMissView(miss: NearMiss<ProductMatchDocument>): NearMissView {
  return {
    product: toMatchedProductView(miss.document),
    rule: { code: miss.rule, label: miss.ruleLabel },
    fix: miss.fix,
  };
}

export function toNeedMatchesView(needId: string, result: ProductMatches): NeedMatchesView {
  return {
    needId,
    total: result.total,
    items: toMatchViews(result.matches, toMatchedProductView),
    nearMisses: result.nearMisses.map(toNearMissView),
  };
}

export function toProductMatchesView(productId: string, result: NeedMatches): ProductMatchesView {
  return {
    productId,
    total: result.total,
    items: toMatchViews(result.matches, toMatchedNeedView),
  };
}
