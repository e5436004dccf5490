import { rangeProblems } from './product-ranges';

const ok = {
  amountMin: 100_000,
  amountMax: 5_000_000,
  termMinMonths: 6,
  termMaxMonths: 36,
  rateMinBps: 350,
  rateMaxBps: 600,
};

describe('rangeProblems', () => {
  it('should accept ranges that read low to high, and equal ends', () => {
    expect(rangeProblems(ok)).toEqual([]);
    expect(rangeProblems({ ...ok, amountMax: ok.amountMin })).toEqual([]);
  });

  it('should name every range whose min is above its max', () => {
    const problems = rangeProblems({ ...ok, amountMin: 6_000_000, rateMinBps: 700 });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['amountMin', 'min_above_max'],
      ['rateMinBps', 'min_above_max'],
    ]);
  });

  it('should catch an inverted term range', () => {
    expect(rangeProblems({ ...ok, termMinMonths: 48 })[0].field).toBe('termMinMonths');
  });
});
