import type { MatchStatus } from '@app/core';
import type { MatchReason } from './match-score';
import type { StoredMatch } from './stored-match.entity';

/** A stored match with just enough of each side to show it in a list. */
export interface StoredMatchView {
  id: string;
  needId: string;
  productId: string;
  /** 0–100. */
  score: number;
  reasons: MatchReason[];
  status: MatchStatus;
  need: { id: string; title: string };
  product: { id: string; name: string; institution: { id: string; name: string } };
  createdAt: string;
  updatedAt: string;
}

/** The titles and names a list shows, read once for the whole page. */
export interface MatchSummaries {
  needTitles: Map<string, string>;
  productNames: Map<string, string>;
  institutionNames: Map<string, string>;
}

export function toStoredMatchView(match: StoredMatch, summaries: MatchSummaries): StoredMatchView {
  return {
    id: match.id,
    needId: match.needId,
    productId: match.productId,
    score: match.score,
    reasons: match.reasons,
    status: match.status,
    need: { id: match.needId, title: summaries.needTitles.get(match.needId) ?? '' },
    product: {
      id: match.productId,
      name: summaries.productNames.get(match.productId) ?? '',
      institution: {
        id: match.productOrgId,
        name: summaries.institutionNames.get(match.productOrgId) ?? '',
      },
    },
    createdAt: match.createdAt.toISOString(),
    updatedAt: match.updatedAt.toISOString(),
  };
}
