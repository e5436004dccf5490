import { makeCreditCode } from '@app/core';
import { CreditCodeRows } from './credit-code-rows';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function codeOf(n: number): string {
  let body = '91370212';
  let rest = n;
  for (let i = 0; i < 9; i += 1) {
    body += ALPHABET[rest % 31];
    rest = Math.floor(rest / 31);
  }
  return makeCreditCode(body);
}

describe(CreditCodeRows.name, () => {
  it('should remember the first row of every code, exactly, across growth', () => {
    const rows = new CreditCodeRows();
    const count = 20_000;
    for (let n = 0; n < count; n += 1) {
      const code = codeOf(n);
      expect(rows.firstRow(code)).toBeUndefined();
      rows.add(code, n + 2);
    }
    for (let n = 0; n < count; n += 1) expect(rows.firstRow(codeOf(n))).toBe(n + 2);
    expect(rows.firstRow(codeOf(count))).toBeUndefined();
  });

  it('should keep the first row when a code comes again', () => {
    const rows = new CreditCodeRows();
    rows.add(codeOf(7), 3);
    rows.add(codeOf(7), 9);
    expect(rows.firstRow(codeOf(7))).toBe(3);
  });

  it('should tell apart codes that differ in one character only', () => {
    const rows = new CreditCodeRows();
    const code = codeOf(123);
    rows.add(code, 2);
    const other = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    expect(rows.firstRow(other)).toBeUndefined();
  });

  it('should refuse what is not a credit code', () => {
    expect(() => new CreditCodeRows().add('abc', 1)).toThrow(RangeError);
  });
});
