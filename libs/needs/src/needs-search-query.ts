import { AppError } from '@app/core';
import { filterString, filterValue } from '@app/search';
import type { ListNeedsQuery, NeedSort } from './list-needs.query';

const SORT_FIELDS: Record<NeedSort, { field: string; order: 'asc' | 'desc' }> = {
  newest: { field: 'publishedAt', order: 'desc' },
  amount: { field: 'amount', order: 'desc' },
  fundBy: { field: 'fundBy', order: 'asc' },
};

/** A range whose ends are swapped is a client mistake: say so instead of answering nothing. */
export function assertNeedRanges(query: ListNeedsQuery): void {
  const swapped = [
    ['amountMin', query.amountMin, 'amountMax', query.amountMax],
    ['termMin', query.termMin, 'termMax', query.termMax],
  ] as const;
  const details = swapped
    .filter(([, min, , max]) => min !== undefined && max !== undefined && min > max)
    .map(([minField, , maxField]) => ({
      field: minField,
      code: 'range',
      message: `${minField} must not exceed ${maxField}`,
    }));
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
}

/**
 * The Meilisearch filter for a need search: published needs only, then every validated filter
 * of the query. Values are the query's validated codes and numbers, escaped all the same.
 */
export function needSearchFilter(query: ListNeedsQuery): string[] {
  const filter: (string | null)[] = [
    `status = ${filterValue('published')}`,
    query.district ? `district = ${filterValue(query.district)}` : null,
    query.industry ? `industry = ${filterValue(query.industry)}` : null,
    query.purpose ? `purpose = ${filterValue(query.purpose)}` : null,
    filterString('fundingTypes', query.fundingTypes ?? []),
    filterString('guarantees', query.guarantees ?? []),
    filterString('qualifications', query.qualifications ?? []),
    query.amountMin !== undefined ? `amount >= ${filterValue(query.amountMin)}` : null,
    query.amountMax !== undefined ? `amount <= ${filterValue(query.amountMax)}` : null,
    query.termMin !== undefined ? `termMonths >= ${filterValue(query.termMin)}` : null,
    query.termMax !== undefined ? `termMonths <= ${filterValue(query.termMax)}` : null,
    // A document without the field (an enterprise not on any whitelist) counts as false.
    query.whitelisted === true ? 'whitelisted = true' : null,
    query.whitelisted === false ? 'NOT whitelisted = true' : null,
  ];
  return filter.filter((f): f is string => f !== null);
}

/** Relevance when searching text without a sort; newest first when browsing. */
export function needSearchSort(query: ListNeedsQuery): string[] | undefined {
  const sort = query.sort ?? (query.q ? undefined : 'newest');
  if (!sort) return undefined;
  const { field, order } = SORT_FIELDS[sort];
  return [`${field}:${query.order ?? order}`, 'id:asc'];
}
