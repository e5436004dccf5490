import { DISTRICTS, GUARANTEES, labelOf, QUALIFICATIONS } from '@app/core';
import type { Guarantee } from '@app/core';
import type { NeedFacts, ProductFacts } from './match-facts';
import { rateText } from './match-wording';

export const MATCH_REASON_CODES = [
  'amount_in_range',
  'term_in_range',
  'guarantee_accepted',
  'rate_fit',
  'fast_approval',
  'whitelist_eligible',
  'whitelist_priority',
  'qualification_fit',
  'district_focus',
  'text_relevant',
] as const;

export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number];

/** Why a pair matches, in words the UI shows as is. */
export interface MatchReason {
  code: MatchReasonCode;
  label: string;
}

export interface ScoredMatch {
  /** 0–100, an integer. */
  score: number;
  reasons: MatchReason[];
}

/**
 * The weights of the score, summing to 100. Each part is a number from 0 to 1 times its weight:
 *
 * - rate: the room between the product's lowest rate and the highest the enterprise accepts,
 *   full at half of that rate or more; never rises with the product's rate.
 * - approval: full at 3 days or fewer, nothing at 45 days or more, straight in between; never
 *   rises with the product's approval days.
 * - guarantee: the lightest guarantee both sides share. Credit beats pledges and insurance,
 *   which beat a third-party guarantor, which beats a mortgage.
 * - text: how well the need's words meet the product's (the Meilisearch ranking score, 0–1);
 *   never falls as that rises.
 * - standing: whitelisted (0.55) and a qualification the product asks for (0.45; 0.2 for a
 *   qualified enterprise when the product asks for none).
 * - district: a product aimed at the enterprise's district (1) beats one for the whole city (0.5).
 */
export const SCORE_WEIGHTS = {
  rate: 25,
  approval: 15,
  guarantee: 15,
  text: 20,
  standing: 15,
  district: 10,
} as const;

export const FAST_APPROVAL_DAYS = 3;
export const SLOW_APPROVAL_DAYS = 45;
/** Text relevance from which a match says the words meet. */
export const TEXT_RELEVANT_FROM = 0.6;

const GUARANTEE_LIGHTNESS: Record<Guarantee, number> = {
  credit: 1,
  ip_pledge: 0.75,
  equity_pledge: 0.75,
  receivables: 0.75,
  insurance: 0.75,
  guarantor: 0.6,
  mortgage: 0.4,
};

export function rateFit(need: NeedFacts, product: ProductFacts): number {
  if (need.maxRateBps <= 0) return product.rateMinBps <= 0 ? 1 : 0;
  const room = (need.maxRateBps - product.rateMinBps) / need.maxRateBps;
  return clamp01(room / 0.5);
}

export function approvalFit(product: ProductFacts): number {
  return clamp01(
    (SLOW_APPROVAL_DAYS - product.approvalDays) / (SLOW_APPROVAL_DAYS - FAST_APPROVAL_DAYS),
  );
}

/** The lightest guarantee both accept, or null when they share none. */
export function lightestSharedGuarantee(need: NeedFacts, product: ProductFacts): Guarantee | null {
  let best: Guarantee | null = null;
  for (const guarantee of need.guarantees) {
    if (!product.guarantees.includes(guarantee)) continue;
    if (best === null || GUARANTEE_LIGHTNESS[guarantee] > GUARANTEE_LIGHTNESS[best]) {
      best = guarantee;
    }
  }
  return best;
}

/**
 * The score of a pair that passes every hard rule, with the reasons behind it. Pure: the same
 * pair and relevance always give the same answer.
 */
export function scoreMatch(
  need: NeedFacts,
  product: ProductFacts,
  textRelevance: number,
): ScoredMatch {
  const reasons: MatchReason[] = [
    { code: 'amount_in_range', label: '金额在产品范围内' },
    { code: 'term_in_range', label: '期限在产品范围内' },
  ];
  const guarantee = lightestSharedGuarantee(need, product);
  if (guarantee === 'credit') {
    reasons.push({ code: 'guarantee_accepted', label: '纯信用，无需抵押担保' });
  } else if (guarantee) {
    reasons.push({ code: 'guarantee_accepted', label: `接受${labelOf(GUARANTEES, guarantee)}` });
  }
  const rate = rateFit(need, product);
  if (product.rateMinBps < need.maxRateBps) {
    reasons.push({
      code: 'rate_fit',
      label: `利率低至${rateText(product.rateMinBps)}，在可接受的${rateText(need.maxRateBps)}以内`,
    });
  }
  const approval = approvalFit(product);
  if (product.approvalDays <= 7) {
    reasons.push({ code: 'fast_approval', label: `最快${product.approvalDays}天审批` });
  }
  const standing = standingFit(need, product, reasons);
  const district = districtFit(need, product, reasons);
  const text = clamp01(textRelevance);
  if (text >= TEXT_RELEVANT_FROM) {
    reasons.push({ code: 'text_relevant', label: '需求与产品描述高度相关' });
  }
  const raw =
    SCORE_WEIGHTS.rate * rate +
    SCORE_WEIGHTS.approval * approval +
    SCORE_WEIGHTS.guarantee * (guarantee ? GUARANTEE_LIGHTNESS[guarantee] : 0) +
    SCORE_WEIGHTS.text * text +
    SCORE_WEIGHTS.standing * standing +
    SCORE_WEIGHTS.district * district;
  return { score: Math.max(0, Math.min(100, Math.round(raw))), reasons };
}

function standingFit(need: NeedFacts, product: ProductFacts, reasons: MatchReason[]): number {
  let fit = 0;
  if (need.whitelisted) {
    fit += 0.55;
    reasons.push(
      product.requiresWhitelist
        ? { code: 'whitelist_eligible', label: '白名单企业可申请' }
        : { code: 'whitelist_priority', label: '白名单企业优先' },
    );
  }
  const asked = product.qualificationsAny.find((q) => need.qualifications.includes(q));
  if (asked) {
    fit += 0.45;
    reasons.push({
      code: 'qualification_fit',
      label: `符合${labelOf(QUALIFICATIONS, asked)}资质要求`,
    });
  } else if (product.qualificationsAny.length === 0 && need.qualifications.length > 0) {
    fit += 0.2;
  }
  return fit;
}

function districtFit(need: NeedFacts, product: ProductFacts, reasons: MatchReason[]): number {
  if (need.district !== null && product.districts.includes(need.district)) {
    reasons.push({
      code: 'district_focus',
      label: `面向${labelOf(DISTRICTS, need.district)}企业`,
    });
    return 1;
  }
  return product.districts.length === 0 ? 0.5 : 0;
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(1, value));
}
