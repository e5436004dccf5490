import { describe, expect, it } from 'vitest';
import { catalogQuery, filtersFromParams, paramsFromFilters } from './catalog-query';

describe('the catalog in the address bar', () => {
  it('should keep every filter across a round trip, amounts in yuan in the address', () => {
    const params = new URLSearchParams(
      'q=知识产权&kind=ip_pledge_loan&kind=talent_loan&guarantees=credit&orgId=o1&amount=5000000&maxRateBps=400&sort=rate&page=2',
    );

    const filters = filtersFromParams(params);

    expect(filters).toEqual({
      q: '知识产权',
      kind: ['ip_pledge_loan', 'talent_loan'],
      guarantees: ['credit'],
      orgId: 'o1',
      amountWan: 500,
      maxRateBps: 400,
      sort: 'rate',
      page: 2,
    });
    expect(paramsFromFilters(filters).toString()).toBe(params.toString());
  });

  it('should ask the api in yuan and leave out what is not set', () => {
    const filters = filtersFromParams(new URLSearchParams('amount=1234500&sort=unknown'));

    expect(catalogQuery(filters)).toEqual({
      q: undefined,
      kind: undefined,
      guarantees: undefined,
      orgId: undefined,
      amount: 1_234_500,
      maxRateBps: undefined,
      sort: 'relevance',
      page: 1,
      pageSize: 10,
    });
  });
});
