import type { CatalogQuery } from '../api/types';
import { wanToYuan, yuanToWan } from '../format/money';

export type ProductKind = NonNullable<CatalogQuery['kind']>[number];
export type Guarantee = NonNullable<CatalogQuery['guarantees']>[number];
export type CatalogSort = NonNullable<CatalogQuery['sort']>;

/** What a visitor asked the catalog, as the address bar keeps it (so it can be shared). */
export interface CatalogFilters {
  q: string;
  kind: ProductKind[];
  guarantees: Guarantee[];
  orgId: string | null;
  /** 万元, as typed. */
  amountWan: number | null;
  /** Basis points. */
  maxRateBps: number | null;
  sort: CatalogSort;
  page: number;
}

export const CATALOG_PAGE_SIZE = 10;

const SORTS: readonly CatalogSort[] = ['relevance', 'rate', 'approvalDays', 'amountMax', 'newest'];

export function filtersFromParams(params: URLSearchParams): CatalogFilters {
  const amount = positiveNumber(params.get('amount'));
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    kind: params.getAll('kind') as ProductKind[],
    guarantees: params.getAll('guarantees') as Guarantee[],
    orgId: params.get('orgId') || null,
    amountWan: amount === null ? null : yuanToWan(amount),
    maxRateBps: positiveNumber(params.get('maxRateBps')),
    sort: SORTS.find((candidate) => candidate === sort) ?? 'relevance',
    page: positiveNumber(params.get('page')) ?? 1,
  };
}

/** The address bar's form: amounts in yuan as the api takes them, defaults left out. */
export function paramsFromFilters(filters: CatalogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  for (const kind of filters.kind) params.append('kind', kind);
  for (const guarantee of filters.guarantees) params.append('guarantees', guarantee);
  if (filters.orgId) params.set('orgId', filters.orgId);
  if (filters.amountWan !== null) params.set('amount', String(wanToYuan(filters.amountWan)));
  if (filters.maxRateBps !== null) params.set('maxRateBps', String(filters.maxRateBps));
  if (filters.sort !== 'relevance') params.set('sort', filters.sort);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function catalogQuery(filters: CatalogFilters): CatalogQuery {
  return {
    q: filters.q.trim() || undefined,
    kind: filters.kind.length > 0 ? filters.kind : undefined,
    guarantees: filters.guarantees.length > 0 ? filters.guarantees : undefined,
    orgId: filters.orgId ?? undefined,
    amount: filters.amountWan === null ? undefined : wanToYuan(filters.amountWan),
    maxRateBps: filters.maxRateBps ?? undefined,
    sort: filters.sort,
    page: filters.page,
    pageSize: CATALOG_PAGE_SIZE,
  };
}

/** Filters other than the words typed, for the "筛选 (2)" badge. */
export function activeFilterCount(filters: CatalogFilters): number {
  return (
    filters.kind.length +
    filters.guarantees.length +
    (filters.orgId ? 1 : 0) +
    (filters.amountWan !== null ? 1 : 0) +
    (filters.maxRateBps !== null ? 1 : 0)
  );
}

function positiveNumber(text: string | null): number | null {
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : null;
}
