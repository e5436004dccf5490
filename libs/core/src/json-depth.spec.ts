import { jsonDepthExceeds, jsonTextDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

/** `[[...[leaf]...]]` or `{"a":{"a":...}}` with `depth` containers. */
function nestedText(depth: number, kind: 'array' | 'object', leaf = '1'): string {
  const [open, close] = kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return open.repeat(depth) + leaf + close.repeat(depth);
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe(jsonDepthExceeds.name, () => {
  it.each([
    [1, 0],
    ['text', 0],
    [null, 0],
    [{}, 1],
    [[], 1],
    [{ a: [1, 2] }, 2],
    [[{ a: { b: [] } }], 4],
  ])('should measure %j as depth %p', (value, depth) => {
    expect(jsonDepthExceeds(value, depth)).toBe(false);
    if (depth > 0) expect(jsonDepthExceeds(value, depth - 1)).toBe(true);
  });

  it.each(['array', 'object'] as const)(
    'should allow %s nesting up to the limit and refuse one level more',
    (kind) => {
      const within = JSON.parse(nestedText(MAX_JSON_DEPTH, kind)) as unknown;
      const beyond = JSON.parse(nestedText(MAX_JSON_DEPTH + 1, kind)) as unknown;
      expect(jsonDepthExceeds(within)).toBe(false);
      expect(jsonDepthExceeds(beyond)).toBe(true);
    },
  );

  it('should find the one deep branch among many shallow ones', () => {
    const value = {
      wide: Array.from({ length: 1000 }, (_, i) => ({ i })),
      deep: JSON.parse(nestedText(MAX_JSON_DEPTH, 'object')) as unknown,
    };
    expect(jsonDepthExceeds(value)).toBe(true);
  });

  it('should walk a value nested far beyond the call stack without overflowing', () => {
    const value = JSON.parse(nestedText(200_000, 'array')) as unknown;
    expect(jsonDepthExceeds(value)).toBe(true);
    expect(jsonDepthExceeds(value, 300_000)).toBe(false);
  });

  it('should treat binary data as a leaf', () => {
    expect(jsonDepthExceeds({ file: Buffer.alloc(64) }, 1)).toBe(false);
    expect(jsonDepthExceeds([new Uint8Array(8)], 1)).toBe(false);
  });
});

describe(jsonTextDepthExceeds.name, () => {
  it.each([
    ['1', 0],
    ['"text"', 0],
    ['{}', 1],
    ['[1,[2,[3]]]', 3],
    ['{"a":[{"b":{}}],"c":[]}', 4],
  ])('should measure %s as depth %p', (text, depth) => {
    expect(jsonTextDepthExceeds(bytes(text), depth)).toBe(false);
    if (depth > 0) expect(jsonTextDepthExceeds(bytes(text), depth - 1)).toBe(true);
  });

  it.each(['array', 'object'] as const)(
    'should allow %s nesting up to the limit and refuse one level more',
    (kind) => {
      expect(jsonTextDepthExceeds(bytes(nestedText(MAX_JSON_DEPTH, kind)))).toBe(false);
      expect(jsonTextDepthExceeds(bytes(nestedText(MAX_JSON_DEPTH + 1, kind)))).toBe(true);
    },
  );

  it('should ignore brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: '[[[{{{' + '"]]]'.repeat(50), name: '青岛[科技]' });
    expect(jsonTextDepthExceeds(bytes(text), 1)).toBe(false);
    expect(jsonTextDepthExceeds(bytes(JSON.stringify(['\\', [[]]])), 2)).toBe(true);
  });

  it('should agree with the parsed value on the same text', () => {
    const texts = [
      nestedText(MAX_JSON_DEPTH, 'object', '"a\\"[b"'),
      JSON.stringify({ list: [[1], [2, [3, { x: ['{'] }]]] }),
    ];
    for (const text of texts) {
      for (const max of [2, 5, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH]) {
        expect(jsonTextDepthExceeds(bytes(text), max)).toBe(
          jsonDepthExceeds(JSON.parse(text), max),
        );
      }
    }
  });

  it('should refuse a megabyte of opening brackets early', () => {
    expect(jsonTextDepthExceeds(Buffer.alloc(1024 * 1024, '['))).toBe(true);
  });
});
