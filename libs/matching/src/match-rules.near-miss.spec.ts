import { exactlyOneFails } from './match-rules';

/**
 * Evaluates a filter made of one-letter conditions, NOT, AND, OR and parentheses, the way
 * Meilisearch reads it (NOT binds tightest, then AND, then OR).
 */
function evaluate(filter: string, values: Record<string, boolean>): boolean {
  const tokens = filter.match(/\(|\)|NOT|AND|OR|[a-z]/g) ?? [];
  let at = 0;
  const expression = (): boolean => {
    let value = term();
    while (tokens[at] === 'OR') {
      at++;
      value = term() || value;
    }
    return value;
  };
  const term = (): boolean => {
    let value = factor();
    while (tokens[at] === 'AND') {
      at++;
      value = factor() && value;
    }
    return value;
  };
  const factor = (): boolean => {
    const token = tokens[at++];
    if (token === 'NOT') return !factor();
    if (token === '(') {
      const value = expression();
      if (tokens[at++] !== ')') throw new Error(`unbalanced: ${filter}`);
      return value;
    }
    if (!/^[a-z]$/.test(token)) throw new Error(`unexpected ${token} in ${filter}`);
    return values[token];
  };
  const value = expression();
  if (at !== tokens.length) throw new Error(`trailing tokens in ${filter}`);
  return value;
}

describe(exactlyOneFails.name, () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 11])(
    'should hold exactly when one of %i conditions fails',
    (count) => {
      const names = 'abcdefghijk'.slice(0, count).split('');
      const filter = exactlyOneFails(names)!;
      const assignments = count <= 7 ? 2 ** count : 256;
      for (let bits = 0; bits < assignments; bits++) {
        // Past 7 conditions: every case with at most two failures, and some others.
        const mask = count <= 7 ? bits : bits < 128 ? 1 << (bits % count) : bits * 7919;
        const values = Object.fromEntries(names.map((name, i) => [name, !(mask & (1 << i))]));
        const failures = Object.values(values).filter((passes) => !passes).length;
        expect(evaluate(filter, values)).toBe(failures === 1);
      }
    },
  );

  it('should leave out rules that cannot fail, and say nothing when none can', () => {
    expect(exactlyOneFails([null, null])).toBeNull();
    expect(exactlyOneFails(['a', null])).toBe('NOT (a)');
    const filter = exactlyOneFails([null, 'a', null, 'b'])!;
    expect(evaluate(filter, { a: true, b: false })).toBe(true);
    expect(evaluate(filter, { a: false, b: false })).toBe(false);
  });

  it('should grow about as n·log n, not n²', () => {
    const names = 'abcdefghijk'.split('');
    const conditions = (exactlyOneFails(names)!.match(/[a-z]/g) ?? []).length;
    expect(conditions).toBeLessThan(names.length * names.length * 0.5);
  });
});
