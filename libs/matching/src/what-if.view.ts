import type { MatchRuleCode } from './match-rules';

export interface RuleDifference {
  rule: { code: MatchRuleCode; label: string };
  /** Would match after the change but fail this rule as it stands now. */
  gained: number;
  /** Match now but would fail this rule as changed. */
  lost: number;
}

export interface Reach {
  before: number;
  after: number;
  gained: number;
  lost: number;
  /**
   * By each rule the change touches. One need can owe its gain to several rules, so the rows
   * may add up to more than `gained`.
   */
  byRule: RuleDifference[];
}

export interface WhatIfView {
  productId: string;
  /** The hard rules the change touches. */
  changedRules: { code: MatchRuleCode; label: string }[];
  /** Published needs that pass every hard rule. */
  needs: Reach;
  /** Registered enterprises whitelisted today that pass the eligibility rules. */
  whitelistedEnterprises: Reach;
}
