export { MatchingModule } from './matching.module';
export {
  MatchEngine,
  MAX_MATCHES,
  MAX_NEAR_MISSES,
  needMatchesOf,
  needMatchQueries,
  productMatchesOf,
  productMatchQueries,
} from './match-engine.service';
export type {
  CardHit,
  MatchQuery,
  NeedMatchDocument,
  NeedMatches,
  ProductMatchDocument,
  ProductMatches,
  Scored,
  NearMiss,
} from './match-engine.service';
export type {
  EnterpriseFacts,
  MatchContext,
  MatchCriteria,
  NeedFacts,
  ProductFacts,
} from './match-facts';
export { NeedMatchesService } from './need-matches.service';
export { ProductMatchesService } from './product-matches.service';
export { DEFAULT_MATCHES } from './matches.query';
export { needFactsOf, needFactsOfDocument, productFactsOf } from './match-facts.sources';
export { loadNeedWithEnterprise, loadProductTerms } from './match-criteria.sql';
export {
  HARD_RULES,
  ELIGIBILITY_RULES,
  MATCH_RULE_CODES,
  allOf,
  exactlyOneFails,
  failedRules,
} from './match-rules';
export type { HardRule, MatchRuleCode } from './match-rules';
export { MATCH_REASON_CODES, SCORE_WEIGHTS, scoreMatch } from './match-score';
export type { MatchReason, MatchReasonCode, ScoredMatch } from './match-score';
export { toNeedMatchesView, toProductMatchesView } from './match.view';
export type { NeedMatchesView, ProductMatchesView, NearMissView, MatchView } from './match.view';
export type { WhatIfView, Reach } from './what-if.view';
export { StoredMatch } from './stored-match.entity';
export { StoredMatchesService } from './stored-matches.service';
export type { StoredMatchView } from './stored-match.view';
export { MatchRecomputer, RECOMPUTE_TOP_N } from './match-recomputer.service';
export { NEED_MATCHES_TOPIC, PRODUCT_MATCHES_TOPIC } from './match-topics';
export { MATCH_NOTIFY_MIN_SCORE, matchDedupeKey } from './match-notifications';
export { CLIENT_MATCH_STATUSES, MATCH_STATUS_MOVES, canMoveMatch } from './match-status';
