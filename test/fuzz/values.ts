import fc from 'fast-check';
import type { JsonSchema } from './openapi';

/**
 * A JSON text spliced into a body as it is: nesting deeper than JSON.stringify (or the
 * client's stack) would allow, or numbers JSON.stringify cannot write.
 */
export class RawJson {
  constructor(
    readonly text: string,
    /** How a person would write it, for the findings. */
    readonly shown: string,
  ) {}
}

/** A value of a fuzzed field, with how to show it in a finding. */
export interface Shown<T = unknown> {
  value: T;
  shown: string;
}

const SHOW_MAX = 120;

export function show(value: unknown): string {
  if (value instanceof RawJson) return value.shown;
  if (typeof value === 'string' && value.length > SHOW_MAX) {
    return `${JSON.stringify(value.slice(0, 40))}… (${value.length} chars)`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOW_MAX ? `${text.slice(0, SHOW_MAX)}… (${text.length} chars)` : text;
}

const shown = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Shown<T>> =>
  arbitrary.map((value) => ({ value, shown: show(value) }));

/** Characters that text handling gets wrong: controls, line and paragraph separators, BOM… */
export const NASTY_CHARS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u3000',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'e\u0301',
  '%',
  '_',
  '\\',
  '"',
  "'",
  '`',
  '<',
  '>',
  '&',
  '${',
  '{{',
];

const nastyChar = fc.constantFrom(...NASTY_CHARS);
const chinese = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Short strings made of control characters, odd Unicode and quoting characters. */
export const controlString: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.oneof(nastyChar, chinese, fc.constantFrom('a', ' ', '1')), {
      minLength: 1,
      maxLength: 40,
    })
    .map((parts) => parts.join('')),
  fc.string({ unit: anyCodeUnit, minLength: 1, maxLength: 60 }),
  fc.constantFrom(
    "' OR '1'='1",
    '"; DROP TABLE needs; --',
    '1; SELECT SLEEP(5)',
    'id EXISTS OR 1 = 1',
    '" OR status = "draft',
    '<script>alert(1)</script>',
    "=cmd|' /C calc'!A0",
    '../../../../etc/passwd',
    '%00',
    '%s%s%s%n',
    'null',
    'undefined',
    'NaN',
    '__proto__',
    'constructor',
    '   ',
    '\r\n\r\nX-Injected: 1',
  ),
);

/** Long strings: around limits (that the body still carries) and past the 1 MB body limit. */
export const hugeString: fc.Arbitrary<Shown<string>> = fc
  .tuple(
    fc.constantFrom(2_000, 5_001, 20_000, 100_000, 400_000, 1_100_000),
    fc.constantFrom('a', '中', '😀', '\u0000', '\n', 'a\u0301', ' '),
  )
  .map(([length, unit]) => ({
    value: unit.repeat(Math.ceil(length / unit.length)),
    shown: `${JSON.stringify(unit)}.repeat(${Math.ceil(length / unit.length)})`,
  }));

/** Arrays or objects nested `depth` deep, as JSON text. */
export const deepJson: fc.Arbitrary<RawJson> = fc
  .tuple(fc.constantFrom(16, 64, 200, 1_000, 5_000, 50_000, 200_000), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`, `[ nested ${depth} deep ]`)
      : new RawJson(
          `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
          `{ "a": nested ${depth} deep }`,
        ),
  );

/** Numbers JSON.stringify cannot write, and ones at the edges of number types. */
export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    -0.5,
    1e-7,
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 32,
    2 ** 53 - 1,
    -(2 ** 53 - 1),
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.constantFrom(
    new RawJson('9007199254740993', '9007199254740993'),
    new RawJson('1e400', '1e400'),
    new RawJson('-1e400', '-1e400'),
    new RawJson('123456789012345678901234567890', '123456789012345678901234567890'),
    new RawJson('1.0000000000000000000001', '1.0000000000000000000001'),
    new RawJson('1E2', '1E2'),
    new RawJson('-0.0', '-0.0'),
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A value of another JSON type than the schema asks for. */
export function wrongType(schema: JsonSchema): fc.Arbitrary<Shown> {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['null', fc.constant(null)],
    ['boolean', fc.boolean()],
    ['number', oddNumber],
    ['string', fc.constantFrom('', '1', 'true', 'null', '[]', '{}', '2026-01-01', 'x')],
    ['array', fc.constantFrom([], [1], ['a', 'b'], [null], [[]], [{}])],
    ['object', fc.constantFrom({}, { a: 1 }, { length: 1 }, { 0: 'a' }, { $gt: '' })],
  ];
  const type = schema.type === 'integer' ? 'number' : schema.type;
  const others = all.filter(([name]) => name !== type).map(([, arbitrary]) => arbitrary);
  return shown(fc.oneof(...others));
}

const DAY_MS = 86_400_000;

function isDateField(schema: JsonSchema): boolean {
  return typeof schema.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(schema.example);
}

function isTimeField(schema: JsonSchema): boolean {
  return typeof schema.example === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(schema.example);
}

/** Values the schema allows (as far as it tells: rules across fields are not in it). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type ?? '') {
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.integer({
        min: Math.max(schema.minimum ?? 0, -(2 ** 40)),
        max: Math.min(schema.maximum ?? 2 ** 40, 2 ** 40),
      });
    case 'array': {
      const items = schema.items ? validValue(schema.items) : fc.string();
      return schema.items?.enum
        ? fc.subarray(schema.items.enum, { minLength: 1 })
        : fc.array(items, { minLength: 1, maxLength: 3 });
    }
    case 'object':
      if (!schema.properties) return fc.constant(undefined);
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties).map(([name, property]) => [name, validValue(property)]),
        ),
        { requiredKeys: schema.required ?? [] },
      );
    case 'string':
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (isDateField(schema)) {
        return fc
          .integer({ min: -400, max: 400 })
          .map((days) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10));
      }
      if (isTimeField(schema)) {
        return fc
          .integer({ min: 1, max: 2_000 })
          .map((hours) => new Date(Date.now() + hours * 3_600_000).toISOString());
      }
      return fc.string({
        unit: fc.oneof(chinese, fc.constantFrom('a', 'Z', '0', ' ', '-')),
        minLength: Math.max(schema.minLength ?? 1, 1),
        maxLength: Math.min(schema.maxLength ?? 60, 60),
      });
    default:
      return fc.constant(undefined);
  }
}

/** Values at and just past the schema's limits, and the classic edge values of its type. */
export function boundaryValue(schema: JsonSchema): fc.Arbitrary<Shown> {
  const options: unknown[] = [];
  const { minimum, maximum, minLength, maxLength } = schema;
  if (schema.type === 'number' || schema.type === 'integer') {
    for (const limit of [minimum, maximum]) {
      if (limit !== undefined) options.push(limit, limit - 1, limit + 1, limit - 0.5, limit + 0.5);
    }
    options.push(0, -1, 0.1, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, 1e308, -1e308);
  } else if (schema.type === 'string' && !schema.enum) {
    options.push('', ' ', '\t', '　');
    for (const length of [minLength, maxLength]) {
      if (length === undefined) continue;
      for (const n of [length - 1, length, length + 1]) {
        if (n >= 0) options.push('中'.repeat(n), 'a'.repeat(n), '😀'.repeat(Math.ceil(n / 2)));
      }
      options.push(`${'a'.repeat(Math.max(0, length - 1))}😀`, `${' '.repeat(length)}x`);
    }
    if (schema.format === 'uuid') {
      options.push(
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
        'not-a-uuid',
      );
    }
    if (isDateField(schema) || isTimeField(schema)) {
      options.push(
        '0000-00-00',
        '0001-01-01',
        '1970-01-01',
        '2026-02-29',
        '2026-02-30',
        '2026-13-01',
        '9999-12-31',
        '+275760-09-13',
        '2026-06-01T25:00',
        '2026-06-01T12:00:00+14:00',
        '2026-06-01T12:00:00-12:00',
        '2026-06-01T12:00:00.123456789Z',
        '2026-06-01 12:00',
        '20260601',
        'yesterday',
        new Date(Date.now() - DAY_MS).toISOString().slice(0, 10),
        new Date(Date.now()).toISOString().slice(0, 10),
        new Date(Date.now() + 400 * 366 * DAY_MS).toISOString().slice(0, 10),
      );
    }
  } else if (schema.type === 'array') {
    const item = schema.items?.enum?.[0] ?? 'a';
    options.push(
      [],
      [item, item],
      Array.from({ length: 1_000 }, () => item),
    );
    options.push(schema.items?.enum ? [...schema.items.enum, ...schema.items.enum] : ['']);
  } else if (schema.enum) {
    const first = String(schema.enum[0]);
    options.push(first.toUpperCase(), ` ${first}`, `${first} `, `${first}\u0000`, '');
  }
  if (schema.enum) options.push('__proto__', 'toString', 'unknown_code');
  if (options.length === 0) options.push(null, '', 0);
  return shown(fc.constantFrom(...options));
}

/** Keys a body should not have: prototype pollution, server-owned fields, odd names. */
export const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'id',
    'orgId',
    'userId',
    'status',
    'role',
    'createdAt',
    'version',
    'isAdmin',
    '',
    ' ',
    'a.b',
    '$where',
    'x\u0000y',
    '😀',
    'k'.repeat(1_000),
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Any small JSON value, nested a little. */
export const smallJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

export const hostileString: fc.Arbitrary<Shown> = fc.oneof(shown(controlString), hugeString);
