import { catalogFilter, catalogSort } from './catalog-filter';

describe('catalogFilter', () => {
  it('should keep the catalog to published products when nothing is asked', () => {
    expect(catalogFilter({})).toEqual(['status = "published"']);
  });

  it('should build one clause per criterion', () => {
    expect(
      catalogFilter({
        kind: ['credit_loan', 'ip_pledge_loan'],
        guarantees: ['ip_pledge'],
        fundingTypes: ['loan'],
        orgId: '7d1c3a52-9b0e-4f6a-8c2d-5e4f3a2b1c0d',
        amount: 5_000_000,
        termMonths: 12,
        maxRateBps: 450,
        district: 'laoshan',
        industry: 'ai',
        requiresWhitelist: false,
      }),
    ).toEqual([
      'status = "published"',
      'kind IN ["credit_loan", "ip_pledge_loan"]',
      'guarantees IN ["ip_pledge"]',
      'fundingTypes IN ["loan"]',
      'orgId = "7d1c3a52-9b0e-4f6a-8c2d-5e4f3a2b1c0d"',
      'amountMin <= 5000000 AND amountMax >= 5000000',
      'termMinMonths <= 12 AND termMaxMonths >= 12',
      'rateMinBps <= 450',
      '(districts IS EMPTY OR districts = "laoshan")',
      '(industries IS EMPTY OR industries = "ai")',
      'requiresWhitelist = false',
    ]);
  });

  it('should leave out empty lists', () => {
    expect(catalogFilter({ kind: [], guarantees: [] })).toEqual(['status = "published"']);
  });

  it('should keep a hostile value inside its quotes', () => {
    const filter = catalogFilter({ orgId: 'x" OR status = "draft' });
    expect(filter[1]).toBe('orgId = "x\\" OR status = \\"draft"');
  });

  it('should filter requiresWhitelist = true as well as false', () => {
    expect(catalogFilter({ requiresWhitelist: true })).toContain('requiresWhitelist = true');
  });
});

describe('catalogSort', () => {
  it('should leave relevance to the ranking rules', () => {
    expect(catalogSort('relevance')).toBeUndefined();
  });

  it('should sort rates and approval days up, amounts down, newest first', () => {
    expect(catalogSort('rate')?.[0]).toBe('rateMinBps:asc');
    expect(catalogSort('approvalDays')?.[0]).toBe('approvalDays:asc');
    expect(catalogSort('amountMax')?.[0]).toBe('amountMax:desc');
    expect(catalogSort('newest')).toEqual(['publishedAt:desc']);
  });
});
