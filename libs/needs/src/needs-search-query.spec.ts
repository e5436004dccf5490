import { AppError } from '@app/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListNeedsQuery } from './list-needs.query';
import { assertNeedRanges, needSearchFilter, needSearchSort } from './needs-search-query';

function query(raw: Record<string, unknown>): ListNeedsQuery {
  const dto = plainToInstance(ListNeedsQuery, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new Error(JSON.stringify(errors.map((e) => e.constraints)));
  return dto;
}

describe('needSearchFilter', () => {
  it('should always limit the search to published needs', () => {
    expect(needSearchFilter(query({}))).toEqual(['status = "published"']);
  });

  it('should build one clause per filter from the validated query', () => {
    const filter = needSearchFilter(
      query({
        district: 'laoshan',
        industry: 'ai',
        purpose: 'rnd',
        fundingTypes: 'loan,equity',
        guarantees: ['ip_pledge'],
        qualifications: 'high_tech',
        amountMin: '10000',
        amountMax: '5000000',
        termMin: '6',
        termMax: '36',
        whitelisted: 'true',
      }),
    );
    expect(filter).toEqual([
      'status = "published"',
      'district = "laoshan"',
      'industry = "ai"',
      'purpose = "rnd"',
      'fundingTypes IN ["loan", "equity"]',
      'guarantees IN ["ip_pledge"]',
      'qualifications IN ["high_tech"]',
      'amount >= 10000',
      'amount <= 5000000',
      'termMonths >= 6',
      'termMonths <= 36',
      'whitelisted = true',
    ]);
  });

  it('should count a document without the whitelist field as not whitelisted', () => {
    expect(needSearchFilter(query({ whitelisted: 'false' }))).toContain('NOT whitelisted = true');
  });

  it('should refuse codes outside the vocabulary, so nothing else reaches a filter', () => {
    expect(() => query({ district: 'laoshan" OR status = "draft' })).toThrow();
    expect(() => query({ fundingTypes: 'loan,gold' })).toThrow();
    expect(() => query({ whitelisted: 'yes' })).toThrow();
    expect(() => query({ amountMin: '1.5' })).toThrow();
    expect(() => query({ amountMin: '1e30' })).toThrow();
  });
});

describe('assertNeedRanges', () => {
  it('should accept equal ends and refuse swapped ones, naming the field', () => {
    expect(() => assertNeedRanges(query({ amountMin: '10000', amountMax: '10000' }))).not.toThrow();
    try {
      assertNeedRanges(query({ termMin: '24', termMax: '12' }));
      throw new Error('expected an error');
    } catch (error) {
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect((error as AppError).details).toEqual([
        expect.objectContaining({ field: 'termMin', code: 'range' }),
      ]);
    }
  });
});

describe('needSearchSort', () => {
  it('should sort newest first when browsing and by relevance when searching text', () => {
    expect(needSearchSort(query({}))).toEqual(['publishedAt:desc', 'id:asc']);
    expect(needSearchSort(query({ q: '研发' }))).toBeUndefined();
  });

  it('should sort by amount or fundBy with their natural direction unless overridden', () => {
    expect(needSearchSort(query({ sort: 'amount' }))).toEqual(['amount:desc', 'id:asc']);
    expect(needSearchSort(query({ sort: 'fundBy' }))).toEqual(['fundBy:asc', 'id:asc']);
    expect(needSearchSort(query({ sort: 'amount', order: 'asc' }))).toEqual([
      'amount:asc',
      'id:asc',
    ]);
  });
});
