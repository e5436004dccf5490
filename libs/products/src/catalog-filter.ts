import type { District, FundingType, Guarantee, Industry, ProductKind } from '@app/core';
import { filterString, filterValue } from '@app/search';

/** What a catalog visitor may narrow by; every value has passed the query's validators. */
export interface CatalogCriteria {
  kind?: ProductKind[];
  guarantees?: Guarantee[];
  fundingTypes?: FundingType[];
  orgId?: string;
  amount?: number;
  termMonths?: number;
  maxRateBps?: number;
  district?: District;
  industry?: Industry;
  requiresWhitelist?: boolean;
}

export const CATALOG_SORTS = ['relevance', 'rate', 'approvalDays', 'amountMax', 'newest'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/**
 * The Meilisearch filter of a catalog search, one clause per criterion (Meilisearch ANDs an
 * array). Only published products are indexed; the status clause keeps it so if that changes.
 */
export function catalogFilter(criteria: CatalogCriteria): string[] {
  const clauses: (string | null)[] = [
    `status = ${filterValue('published')}`,
    filterString('kind', criteria.kind ?? []),
    // A product accepting any of the asked guarantees (or funding types) qualifies.
    filterString('guarantees', criteria.guarantees ?? []),
    filterString('fundingTypes', criteria.fundingTypes ?? []),
    criteria.orgId !== undefined ? `orgId = ${filterValue(criteria.orgId)}` : null,
    criteria.amount !== undefined
      ? `amountMin <= ${filterValue(criteria.amount)} AND amountMax >= ${filterValue(criteria.amount)}`
      : null,
    criteria.termMonths !== undefined
      ? `termMinMonths <= ${filterValue(criteria.termMonths)} AND termMaxMonths >= ${filterValue(criteria.termMonths)}`
      : null,
    criteria.maxRateBps !== undefined ? `rateMinBps <= ${filterValue(criteria.maxRateBps)}` : null,
    // An empty eligibility list means "any": such products serve every district (industry).
    criteria.district !== undefined
      ? `(districts IS EMPTY OR districts = ${filterValue(criteria.district)})`
      : null,
    criteria.industry !== undefined
      ? `(industries IS EMPTY OR industries = ${filterValue(criteria.industry)})`
      : null,
    criteria.requiresWhitelist !== undefined
      ? `requiresWhitelist = ${filterValue(criteria.requiresWhitelist)}`
      : null,
  ];
  return clauses.filter((clause): clause is string => clause !== null);
}

/** Meilisearch sort rules of a catalog sort; relevance leaves the ranking rules in charge. */
export function catalogSort(sort: CatalogSort): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return undefined;
    case 'rate':
      return ['rateMinBps:asc', 'publishedAt:desc'];
    case 'approvalDays':
      return ['approvalDays:asc', 'publishedAt:desc'];
    case 'amountMax':
      return ['amountMax:desc', 'publishedAt:desc'];
    case 'newest':
      return ['publishedAt:desc'];
  }
}
