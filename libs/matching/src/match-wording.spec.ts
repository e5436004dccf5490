import fc from 'fast-check';
import { listText, rateText, yuanText } from './match-wording';

const SEED = 20_260_514;

/** 500万元 -> 5_000_000: the figure read back from its words. */
function readYuan(text: string): { value: number; unit: number; figure: number } {
  const match = /^(\d+(?:\.\d{1,4})?)(亿|万)?元$/.exec(text);
  if (!match) throw new Error(`not an amount in words: ${text}`);
  const unit = match[2] === '亿' ? 100_000_000 : match[2] === '万' ? 10_000 : 1;
  return { value: Number(match[1]) * unit, unit, figure: Number(match[1]) };
}

describe('yuanText', () => {
  it.each([
    [0, '0元'],
    [9_999, '9999元'],
    [10_000, '1万元'],
    [12_345, '1.2345万元'],
    [5_000_000, '500万元'],
    [99_990_000, '9999万元'],
    [100_000_000, '1亿元'],
    [120_000_000, '1.2亿元'],
    [123_456_789_012, '1234.5679亿元'],
  ])('should write %d yuan as %s', (yuan, text) => {
    expect(yuanText(yuan)).toBe(text);
  });

  it('should keep every yuan below 1亿, so the unit never moves up in rounding', () => {
    expect(yuanText(99_999_999)).toBe('9999.9999万元');
    expect(yuanText(99_999_500)).toBe('9999.95万元');
  });

  it('should read back exactly below 1亿 and within half a 万 above, with under 10000万', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 10_000_000_000_000 }),
          // Where the unit changes, rounding included.
          fc.integer({ min: 9_990, max: 10_010 }),
          fc.integer({ min: 99_999_000, max: 100_001_000 }),
        ),
        (yuan) => {
          const { value, unit, figure } = readYuan(yuanText(yuan));
          expect(Math.abs(value - yuan)).toBeLessThanOrEqual(unit * 0.00005 + 1e-6);
          if (unit === 10_000) expect(figure).toBeLessThan(10_000);
          if (unit === 1) expect(yuan).toBeLessThan(10_000);
        },
      ),
      { seed: SEED },
    );
  });

  it('should never fall as the amount rises', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (yuan, more) => {
          expect(readYuan(yuanText(yuan + more)).value).toBeGreaterThanOrEqual(
            readYuan(yuanText(yuan)).value,
          );
        },
      ),
      { seed: SEED },
    );
  });
});

describe('rateText', () => {
  it.each([
    [0, '0%'],
    [1, '0.01%'],
    [345, '3.45%'],
    [450, '4.5%'],
    [3_600, '36%'],
  ])('should write %d basis points as %s', (bps, text) => {
    expect(rateText(bps)).toBe(text);
  });

  it('should give back the basis points exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600 }), (bps) => {
        const match = /^(\d+(?:\.\d{1,2})?)%$/.exec(rateText(bps));
        expect(match).not.toBeNull();
        expect(Math.round(Number(match![1]) * 100)).toBe(bps);
      }),
      { seed: SEED },
    );
  });
});

describe('listText', () => {
  it('should join labels with the Chinese enumeration comma', () => {
    expect(listText(['信用', '知识产权质押'])).toBe('信用、知识产权质押');
    expect(listText(['信用'])).toBe('信用');
    expect(listText([])).toBe('');
  });
});
