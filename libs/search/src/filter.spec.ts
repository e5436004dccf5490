import { filterString, filterValue } from './filter';

describe('filterValue', () => {
  it('should quote strings and escape quotes and backslashes', () => {
    expect(filterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('should keep an injected operator inside the quoted value', () => {
    expect(filterValue('x" OR status = "draft')).toBe('"x\\" OR status = \\"draft"');
  });

  it('should refuse non-finite numbers', () => {
    expect(() => filterValue(Number.NaN)).toThrow();
    expect(filterValue(42)).toBe('42');
  });
});

describe('filterString', () => {
  it('should build an IN filter', () => {
    expect(filterString('district', ['laoshan', 'shinan'])).toBe(
      'district IN ["laoshan", "shinan"]',
    );
  });

  it('should answer null for no values', () => {
    expect(filterString('district', [])).toBeNull();
  });

  it('should refuse a field name that is not an identifier', () => {
    expect(() => filterString('a = 1 OR b', ['x'])).toThrow();
  });
});
