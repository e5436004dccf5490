import { type NeedCard, NEEDS_INDEX } from '@app/needs';
import { type ProductCard, PRODUCTS_INDEX } from '@app/products';
import { AppError, type TypedConfigService } from '@app/core';
import { SEARCH_RETRY_AFTER_SECONDS, SearchIndexes } from '@app/search';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SearchParams, SearchResponse } from 'meilisearch';
import type { MatchContext, NeedFacts, ProductFacts } from './match-facts';
import { needFactsOfDocument, productFactsOf } from './match-facts.sources';
import { MatchMemo } from './match-memo';
import { allOf, exactlyOneFails, failedRules, HARD_RULES, type MatchRuleCode } from './match-rules';
import { type MatchReason, scoreMatch } from './match-score';

export const MAX_MATCHES = 50;
export const MAX_NEAR_MISSES = 5;
/** Near misses looked at to pick five with different rules where it can. */
const NEAR_MISS_POOL = 20;

/** What a match reads and shows of a product: its card (no description). */
export type ProductMatchDocument = ProductCard;

/** What a match reads and shows of a need: its card (no contacts, no description). */
export type NeedMatchDocument = NeedCard;

/** A hit as matching asks for it: the id, the document's card, and the text search's score. */
export interface CardHit {
  id: string;
  /** Missing only on a document written before cards existed. */
  card?: string;
  _rankingScore?: number;
}

/**
 * The id and the card, nothing else: every other attribute would cost Meilisearch time on each
 * hit. The id lets a card found by both searches be parsed once.
 */
const CARD_ONLY = { attributesToRetrieve: ['id', 'card'] };

export interface Scored<D> {
  document: D;
  score: number;
  reasons: MatchReason[];
  /** How well the words met (0–1), as the score counted it. */
  relevance: number;
}

export interface NearMiss<D> {
  document: D;
  rule: MatchRuleCode;
  ruleLabel: string;
  /** What would make it match, in words: 金额超出产品上限500万元. */
  fix: string;
}

export interface ProductMatches {
  /** Every product that passes the hard rules (counted up to the index's maxTotalHits). */
  total: number;
  matches: Scored<ProductMatchDocument>[];
  nearMisses: NearMiss<ProductMatchDocument>[];
}

export interface NeedMatches {
  total: number;
  matches: Scored<NeedMatchDocument>[];
}

/** One search of the engine's multi-search; `index` is named without the deployment prefix. */
export type MatchQuery = SearchParams & { index: string; q?: string | null };

/**
 * The engine, both ways. The hard rules become one Meilisearch filter; within it two searches
 * gather candidates (the best by the other side's words, the best by terms) in one round trip,
 * and the pure score function ranks them. When the candidates fit in the pool the answer is
 * exact; beyond it, the top K is drawn from the best of each search.
 */
@Injectable()
export class MatchEngine {
  private readonly remembers: boolean;
  private readonly productAnswers: MatchMemo<ProductMatches>;
  private readonly needAnswers: MatchMemo<NeedMatches>;

  constructor(
    private readonly search: SearchIndexes,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    const size = config.get('MATCH_MEMO_SIZE', { infer: true });
    this.remembers = size > 0;
    this.productAnswers = new MatchMemo(size);
    this.needAnswers = new MatchMemo(size);
  }

  /**
   * The products index's version now: read it before the search it vouches for. Without a
   * memo there is nothing to vouch for, and no round trip.
   */
  productsVersion(): Promise<string> {
    return this.remembers ? this.search.version(PRODUCTS_INDEX) : Promise.resolve('');
  }

  /** The needs index's version now, likewise. */
  needsVersion(): Promise<string> {
    return this.remembers ? this.search.version(NEEDS_INDEX) : Promise.resolve('');
  }

  /**
   * productsFor, answered from memory when the same facts, words, day and limit were matched
   * against the same version of the products index (see MatchMemo).
   */
  async rememberedProductsFor(
    version: string,
    need: NeedFacts,
    text: string,
    context: MatchContext,
    limit: number,
  ): Promise<ProductMatches> {
    const key = JSON.stringify([need, text, context, limit]);
    const known = this.productAnswers.get(version, key);
    if (known) return known;
    const answer = await this.productsFor(need, text, context, limit);
    this.productAnswers.set(version, key, answer);
    return answer;
  }

  /** needsFor, answered from memory in the same way, narrowing included. */
  async rememberedNeedsFor(
    version: string,
    product: ProductFacts,
    text: string,
    context: MatchContext,
    limit: number,
    narrowing: readonly (string | null)[],
  ): Promise<NeedMatches> {
    const key = JSON.stringify([product, text, context, limit, narrowing]);
    const known = this.needAnswers.get(version, key);
    if (known) return known;
    const answer = await this.needsFor(product, text, context, limit, narrowing);
    this.needAnswers.set(version, key, answer);
    return answer;
  }

  async productsFor(
    need: NeedFacts,
    text: string,
    context: MatchContext,
    limit: number,
    narrowing: readonly (string | null)[] = [],
  ): Promise<ProductMatches> {
    const answers = await this.search.multiSearch<CardHit>(
      productMatchQueries(need, text, context, limit, narrowing),
    );
    return productMatchesOf(need, context, limit, answers);
  }

  async needsFor(
    product: ProductFacts,
    text: string,
    context: MatchContext,
    limit: number,
    narrowing: readonly (string | null)[] = [],
  ): Promise<NeedMatches> {
    const answers = await this.search.multiSearch<CardHit>(
      needMatchQueries(product, text, context, limit, narrowing),
    );
    return needMatchesOf(product, limit, answers);
  }

  /**
   * The text relevance of one product for each need exactly as productsFor(need, text, context,
   * limit) counts it: the product's ranking score in the need's text search, or 0 when it is not
   * among the hits. A pair found from the product side thus scores as from the need side.
   */
  async productRelevance(
    productId: string,
    needs: readonly { facts: NeedFacts; text: string }[],
    context: MatchContext,
    limit: number,
  ): Promise<number[]> {
    if (needs.length === 0) return [];
    const answers = await this.search.multiSearch<{ id: string }>(
      needs.map((need) => ({
        index: PRODUCTS_INDEX,
        q: need.text,
        filter: published(HARD_RULES.map((rule) => rule.productsFilter(need.facts, context))),
        limit: poolSize(limit),
        showRankingScore: true,
        attributesToRetrieve: ['id'],
      })),
    );
    return answers.map(
      (answer) => answer.hits.find((hit) => hit.id === productId)?._rankingScore ?? 0,
    );
  }

  /**
   * How many published needs pass each filter, exactly: a facet count covers every document
   * that matches, where hit totals stop at maxTotalHits.
   */
  async countNeeds(filters: readonly (string | null)[]): Promise<number[]> {
    if (filters.length === 0) return [];
    const answers = await this.search.multiSearch(
      filters.map((filter) => ({
        index: NEEDS_INDEX,
        q: '',
        filter: published([filter]),
        limit: 0,
        facets: ['status'],
      })),
    );
    return answers.map((answer) => answer.facetDistribution?.status?.published ?? 0);
  }
}

/**
 * The multi-search for a need's products: the best by terms, the best by the need's words, and
 * (when some rule can fail) the products failing exactly one rule. Pure, so the benchmark sends
 * Meilisearch exactly what the engine does.
 */
export function productMatchQueries(
  need: NeedFacts,
  text: string,
  context: MatchContext,
  limit: number,
  narrowing: readonly (string | null)[] = [],
): MatchQuery[] {
  const ruleFilters = HARD_RULES.map((rule) => rule.productsFilter(need, context));
  const filter = published([...ruleFilters, ...narrowing]);
  const nearFilter = exactlyOneFails(ruleFilters);
  const pool = poolSize(limit);
  const queries: MatchQuery[] = [
    {
      index: PRODUCTS_INDEX,
      q: '',
      filter,
      page: 1,
      hitsPerPage: pool,
      sort: ['rateMinBps:asc', 'approvalDays:asc'],
      ...CARD_ONLY,
    },
    { index: PRODUCTS_INDEX, q: text, filter, limit: pool, showRankingScore: true, ...CARD_ONLY },
  ];
  if (nearFilter) {
    queries.push({
      index: PRODUCTS_INDEX,
      q: '',
      filter: published([nearFilter]),
      limit: NEAR_MISS_POOL,
      ...CARD_ONLY,
    });
  }
  return queries;
}

/** The answers to productMatchQueries, scored and ranked. Pure. */
export function productMatchesOf(
  need: NeedFacts,
  context: MatchContext,
  limit: number,
  [byTerms, byText, near]: readonly SearchResponse<CardHit>[],
): ProductMatches {
  const matches = rank<ProductMatchDocument>(byTerms, byText, (doc, relevance) =>
    scoreMatch(need, productFactsOf(doc), relevance),
  )
    .sort(byScoreThenProduct)
    .slice(0, limit);
  return {
    total: byTerms.totalHits ?? byTerms.hits.length,
    matches,
    nearMisses: near
      ? pickNearMisses(near.hits.map(cardOf<ProductMatchDocument>), need, context)
      : [],
  };
}

/** The multi-search for a product's needs: the best by terms and the best by its name. Pure. */
export function needMatchQueries(
  product: ProductFacts,
  text: string,
  context: MatchContext,
  limit: number,
  narrowing: readonly (string | null)[] = [],
): MatchQuery[] {
  const filter = published([
    ...HARD_RULES.map((rule) => rule.needsFilter(product, context)),
    ...narrowing,
  ]);
  const pool = poolSize(limit);
  return [
    {
      index: NEEDS_INDEX,
      q: '',
      filter,
      page: 1,
      hitsPerPage: pool,
      sort: ['maxRateBps:desc', 'publishedAt:desc'],
      ...CARD_ONLY,
    },
    { index: NEEDS_INDEX, q: text, filter, limit: pool, showRankingScore: true, ...CARD_ONLY },
  ];
}

/** The answers to needMatchQueries, scored and ranked. Pure. */
export function needMatchesOf(
  product: ProductFacts,
  limit: number,
  [byTerms, byText]: readonly SearchResponse<CardHit>[],
): NeedMatches {
  const matches = rank<NeedMatchDocument>(byTerms, byText, (doc, relevance) =>
    scoreMatch(needFactsOfDocument(doc), product, relevance),
  )
    .sort(byScoreThenNeed)
    .slice(0, limit);
  return { total: byTerms.totalHits ?? byTerms.hits.length, matches };
}

/** Documents are only ever published ones; said again so a stale document cannot slip in. */
function published(filters: readonly (string | null)[]): string {
  return allOf(['status = "published"', ...filters]) ?? 'status = "published"';
}

function poolSize(limit: number): number {
  return Math.min(200, Math.max(50, limit * 4));
}

/**
 * A document written before cards existed has none: the index is being rebuilt (the outbox
 * consumer does it on start), so the search is not ready rather than broken.
 */
function cardOf<D>(hit: CardHit): D {
  if (typeof hit.card !== 'string') {
    throw new AppError('SEARCH_UNAVAILABLE', {
      headers: { 'Retry-After': String(SEARCH_RETRY_AFTER_SECONDS) },
    });
  }
  return JSON.parse(hit.card) as D;
}

/** Candidates of both searches, once each, scored with the text relevance the text search gave. */
function rank<D extends { id: string }>(
  byTerms: SearchResponse<CardHit>,
  byText: SearchResponse<CardHit>,
  score: (document: D, relevance: number) => { score: number; reasons: MatchReason[] },
): Scored<D>[] {
  const relevance = new Map(byText.hits.map((hit) => [hit.id, hit._rankingScore ?? 0]));
  const scored: Scored<D>[] = [];
  const seen = new Set<string>();
  for (const hit of [...byTerms.hits, ...byText.hits]) {
    if (seen.has(hit.id)) continue;
    seen.add(hit.id);
    const document = cardOf<D>(hit);
    const textRelevance = relevance.get(hit.id) ?? 0;
    scored.push({ document, relevance: textRelevance, ...score(document, textRelevance) });
  }
  return scored;
}

/** Score, then the cheaper and faster product, then the id: the same order every time. */
function byScoreThenProduct(
  a: Scored<ProductMatchDocument>,
  b: Scored<ProductMatchDocument>,
): number {
  return (
    b.score - a.score ||
    a.document.rateMinBps - b.document.rateMinBps ||
    a.document.approvalDays - b.document.approvalDays ||
    compareIds(a.document.id, b.document.id)
  );
}

/** Score, then the newer need, then the id. */
function byScoreThenNeed(a: Scored<NeedMatchDocument>, b: Scored<NeedMatchDocument>): number {
  return (
    b.score - a.score ||
    (b.document.publishedAt ?? 0) - (a.document.publishedAt ?? 0) ||
    compareIds(a.document.id, b.document.id)
  );
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Up to five, each failing exactly one rule; different rules first, so the advice varies. */
function pickNearMisses(
  hits: ProductMatchDocument[],
  need: NeedFacts,
  context: MatchContext,
): NearMiss<ProductMatchDocument>[] {
  const all = hits.flatMap((document): NearMiss<ProductMatchDocument>[] => {
    const product = productFactsOf(document);
    const failed = failedRules(need, product, context);
    if (failed.length !== 1) return [];
    const [rule] = failed;
    return [
      { document, rule: rule.code, ruleLabel: rule.label, fix: rule.fix(need, product, context) },
    ];
  });
  const seenRules = new Set<MatchRuleCode>();
  const first = all.filter((miss) => !seenRules.has(miss.rule) && seenRules.add(miss.rule));
  const rest = all.filter((miss) => !first.includes(miss));
  return [...first, ...rest].slice(0, MAX_NEAR_MISSES);
}
