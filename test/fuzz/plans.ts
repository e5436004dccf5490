import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import fc from 'fast-check';
import type { JsonSchema, Operation } from './openapi';
import {
  boundaryValue,
  controlString,
  deepJson,
  hostileString,
  show,
  smallJson,
  unknownKey,
  validValue,
  wrongType,
  type Shown,
} from './values';
import { CALLERS, type Caller, type Scope } from './world';

export type BodyMutation =
  | { op: 'set'; path: string[]; value: unknown; shown: string }
  | { op: 'delete'; path: string[] }
  | { op: 'add'; path: string[]; key: string; value: unknown; shown: string };

export interface FilePart {
  field: string;
  name: string;
  type: string;
  content: Uint8Array | string;
}

/** The body of a fuzzed request, relative to the target's valid one. */
export type BodyPlan =
  | { kind: 'target'; mutations: BodyMutation[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; content: string | Uint8Array; headers: Record<string, string>; shown: string }
  | { kind: 'files'; files: FilePart[]; shown: string };

/** One fuzzed request of an operation, as data: the same seed gives the same plans. */
export interface Plan {
  /** What kind of abuse it is, for the figures. */
  category: string;
  caller: Caller;
  scope: Scope;
  /** An Authorization header instead of the caller's token (it names the caller still). */
  authorization?: Shown<string>;
  /** Path placeholders replaced. */
  params: Record<string, Shown<string>>;
  /** Query pairs (raw: a whole query string as it is). */
  query: { pairs: [string, string][] } | { raw: string };
  body: BodyPlan;
}

/** A field of a body schema: its path and schema (array items as index 0). */
interface Field {
  path: string[];
  schema: JsonSchema;
}

/** Every field a body of the schema can have, nested ones too. */
export function fieldsOf(schema: JsonSchema, prefix: string[] = [], depth = 0): Field[] {
  if (depth > 4) return [];
  const fields: Field[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    fields.push({ path, schema: property });
    if (property.properties) fields.push(...fieldsOf(property, path, depth + 1));
    if (property.type === 'array' && property.items) {
      fields.push({ path: [...path, '0'], schema: property.items });
    }
  }
  return fields;
}

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Mutations of some fields, each value drawn by `valueOf` from the field's schema. */
function mutations(
  fields: Field[],
  valueOf: (schema: JsonSchema) => fc.Arbitrary<Shown>,
  max = 2,
): fc.Arbitrary<BodyMutation[]> {
  if (fields.length === 0) return fc.constant([]);
  const one = fc.constantFrom(...fields).chain((field) =>
    valueOf(field.schema).map((value): BodyMutation => ({
      op: 'set',
      path: field.path,
      value: value.value,
      shown: value.shown,
    })),
  );
  return fc.array(one, { minLength: 1, maxLength: max });
}

const asShown = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<Shown> =>
  arbitrary.map((value) => ({ value, shown: show(value) }));

function bodyPlans(
  operation: Operation,
): { weight: number; arbitrary: fc.Arbitrary<[string, BodyPlan]> }[] {
  const schema = operation.body?.schema ?? { type: 'object', properties: {} };
  const fields = fieldsOf(schema);
  const strings = fields.filter((field) => field.schema.type === 'string');
  const objects = [[], ...fields.filter((f) => f.schema.properties).map((f) => f.path)];
  const target = (category: string, mutated: fc.Arbitrary<BodyMutation[]>) =>
    mutated.map((list): [string, BodyPlan] => [category, { kind: 'target', mutations: list }]);
  const plans = [
    weighted(
      14,
      target(
        'valid',
        fc.oneof(
          fc.constant<BodyMutation[]>([]),
          mutations(fields, (s) => asShown(validValue(s))),
        ),
      ),
    ),
    weighted(10, target('boundary', mutations(fields, boundaryValue))),
    weighted(10, target('wrong type', mutations(fields, wrongType))),
    weighted(
      8,
      target(
        'huge or control string',
        mutations(strings.length > 0 ? strings : fields, () => hostileString, 1),
      ),
    ),
    weighted(
      5,
      target(
        'deep nesting',
        mutations(fields, () => deepJson.map((raw) => ({ value: raw, shown: raw.shown })), 1),
      ),
    ),
    weighted(
      6,
      target(
        'unknown field',
        fc.array(
          fc
            .record({ path: fc.constantFrom(...objects), key: unknownKey, value: smallJson })
            .map((extra): BodyMutation => ({ op: 'add', ...extra, shown: show(extra.value) })),
          { minLength: 1, maxLength: 3 },
        ),
      ),
    ),
  ];
  if (fields.length > 0) {
    plans.push(
      weighted(
        5,
        target(
          'missing field',
          fc
            .subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) })
            .map((list) => list.map((field): BodyMutation => ({ op: 'delete', path: field.path }))),
        ),
      ),
    );
  }
  plans.push(
    weighted(
      4,
      fc
        .oneof(
          fc.constantFrom<unknown>([], null, 0, 'text', true, [{}], {}),
          deepJson,
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map((value): [string, BodyPlan] => ['whole body', { kind: 'json', value }]),
    ),
    weighted(
      8,
      rawBody.map((raw): [string, BodyPlan] => ['raw body', raw]),
    ),
  );
  if (operation.body?.contentType === 'multipart/form-data') {
    plans.push(
      weighted(
        30,
        uploads.map((files): [string, BodyPlan] => ['upload', files]),
      ),
    );
  }
  return plans;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const VALID_SHAPE = '{"title":"x","amount":1}';
const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));

/** Bodies the JSON parser and what follows it must refuse cleanly. */
const rawBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  fc
    .constantFrom(
      '{',
      '{"a":',
      '[',
      '{"a":1,}',
      "{'a':1}",
      '{"a":1}{"b":2}',
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":undefined}',
      '{"a":0x10}',
      '{"a":01}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '{"a":"\\x00"}',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '',
      ' ',
      '\u0000',
      '\ufeff{}',
      'null',
      '1',
      '"text"',
      'true',
      '[]',
      '[[[[[[]]]]]]',
    )
    .map((text): BodyPlan => ({
      kind: 'raw',
      content: text,
      headers: JSON_TYPE,
      shown: show(text),
    })),
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json; charset=nope',
      'application/merge-patch+json',
      'application/vnd.api+json',
      'application/octet-stream',
      '*/*',
      'application/json, text/plain',
      'application/json; boundary=x',
    )
    .map((type): BodyPlan => ({
      kind: 'raw',
      content: type.includes('urlencoded') ? 'a=1&b[c]=2&__proto__[x]=1' : VALID_SHAPE,
      headers: { 'content-type': type },
      shown: `${VALID_SHAPE} as ${type}`,
    })),
  fc
    .constantFrom(
      { encoding: 'gzip', content: gzipSync(VALID_SHAPE), shown: 'gzip of a JSON object' },
      { encoding: 'deflate', content: deflateSync(VALID_SHAPE), shown: 'deflate of a JSON object' },
      {
        encoding: 'br',
        content: brotliCompressSync(VALID_SHAPE),
        shown: 'brotli of a JSON object',
      },
      {
        encoding: 'gzip',
        content: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff]),
        shown: 'corrupt gzip',
      },
      {
        encoding: 'gzip',
        content: gzipSync(VALID_SHAPE).subarray(0, 12),
        shown: 'truncated gzip',
      },
      { encoding: 'gzip', content: Buffer.from(VALID_SHAPE), shown: 'plain JSON labelled gzip' },
      { encoding: 'deflate', content: Buffer.from('not deflate'), shown: 'corrupt deflate' },
      { encoding: 'gzip', content: bomb, shown: 'gzip of 8 MiB of spaces (8 KiB sent)' },
      { encoding: 'compress', content: Buffer.from(VALID_SHAPE), shown: 'encoding compress' },
      { encoding: 'x-unknown', content: Buffer.from(VALID_SHAPE), shown: 'encoding x-unknown' },
      {
        encoding: 'gzip, gzip',
        content: gzipSync(gzipSync(VALID_SHAPE)),
        shown: 'gzip of gzip',
      },
    )
    .map(({ encoding, content, shown }): BodyPlan => ({
      kind: 'raw',
      content,
      headers: { ...JSON_TYPE, 'content-encoding': encoding },
      shown: `${shown} (Content-Encoding: ${encoding})`,
    })),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes): BodyPlan => ({
    kind: 'raw',
    content: bytes,
    headers: JSON_TYPE,
    shown: `random bytes ${Buffer.from(bytes).toString('hex').slice(0, 60)}`,
  })),
  fc
    .constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from('{"a":"\xc3\x28"}', 'latin1'))
    .map((bytes): BodyPlan => ({
      kind: 'raw',
      content: bytes,
      headers: JSON_TYPE,
      shown: `invalid UTF-8 ${bytes.toString('hex')}`,
    })),
);

const PK = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Files for an upload field: damaged, mislabelled, odd names, hostile cells. */
const uploads: fc.Arbitrary<BodyPlan> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        {
          name: 'list.csv',
          type: 'text/csv',
          content: '',
          shown: 'empty CSV',
        },
        { name: 'list.csv', type: 'text/csv', content: '\ufeff', shown: 'CSV of a BOM' },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: '统一社会信用代码\r\n',
          shown: 'header only',
        },
        {
          name: 'list.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: PK,
          shown: 'XLSX of 4 bytes',
        },
        {
          name: 'list.xlsx',
          type: 'application/octet-stream',
          content: Buffer.concat([PK, Buffer.alloc(200, 7)]),
          shown: 'corrupt XLSX',
        },
        { name: 'list.xlsx', type: 'text/csv', content: 'a,b\r\n', shown: 'CSV named .xlsx' },
        {
          name: 'list.csv',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: Buffer.concat([PK, Buffer.alloc(50)]),
          shown: 'zip named .csv',
        },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: gzipSync('统一社会信用代码,企业名称\r\n'),
          shown: 'gzip named .csv',
        },
        { name: 'list.exe', type: 'application/x-msdownload', content: 'MZ', shown: 'an .exe' },
        {
          name: '../../etc/passwd.csv',
          type: 'text/csv',
          content: 'a\r\n',
          shown: 'traversal name',
        },
        { name: 'a\u0000b.csv', type: 'text/csv', content: 'a\r\n', shown: 'NUL in the name' },
        { name: '', type: 'text/csv', content: 'a\r\n', shown: 'no file name' },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: '"unterminated\r\n',
          shown: 'unterminated quote',
        },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: Buffer.from([0x81, 0x30, 0x81, 0x30, 0xff]),
          shown: 'broken GB18030',
        },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: `统一社会信用代码,企业名称,资质,有效期起,有效期止\r\n${'x,'.repeat(60_000)}\r\n`,
          shown: 'a row of 60,000 cells',
        },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: `统一社会信用代码,企业名称,资质,有效期起,有效期止\r\n"${'长'.repeat(300_000)}",a,b,c,d\r\n`,
          shown: 'a cell of 300,000 characters',
        },
        {
          name: 'list.csv',
          type: 'text/csv',
          content: `统一社会信用代码,企业名称,统一社会信用代码,企业名称,资质,有效期起,有效期止\r\n`,
          shown: 'duplicate columns',
        },
      ),
      controlString.map((cell) => ({
        name: 'list.csv',
        type: 'text/csv',
        content: `统一社会信用代码,企业名称,资质,有效期起,有效期止\r\n91370200MA3C5LQ59X,"${cell.replace(/"/g, '""')}",high_tech,2020-01-01,2099-12-31\r\n`,
        shown: `a CSV row with name ${show(cell)}`,
      })),
    ),
    fc.constantFrom('file', 'file', 'file', 'upload', 'file[]', ''),
    fc.boolean(),
  )
  .map(([file, field, twice]): BodyPlan => {
    const part = { field, name: file.name, type: file.type, content: file.content };
    return {
      kind: 'files',
      files: twice ? [part, part] : [part],
      shown: `${file.shown} in field ${JSON.stringify(field)}${twice ? ' twice' : ''}`,
    };
  });

const QUERY_VALUES = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1.5', '1e3', 'NaN', 'true', 'maybe', '[]', '{}', 'null'),
  fc.constantFrom('2147483648', '9007199254740993', '1e400', '-0', '0x10', '100', '101'),
  controlString,
  fc.constantFrom('a'.repeat(3_000), '中'.repeat(1_000)),
);

function queryPlans(operation: Operation): fc.Arbitrary<[string, Plan['query']]> {
  const names = operation.queryParams.map((parameter) => parameter.name);
  const known = names.length > 0 ? fc.constantFrom(...names) : fc.constant('page');
  const valueFor = (name: string) => {
    const parameter = operation.queryParams.find((p) => p.name === name);
    return parameter
      ? fc.oneof(
          validValue(parameter.schema).map((value) => String(value)),
          boundaryValue(parameter.schema).map((value) => String(value.value as string)),
          QUERY_VALUES,
        )
      : QUERY_VALUES;
  };
  const pair = known.chain((name) =>
    valueFor(name).map((value): [string, string] => [name, fitted(value)]),
  );
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(known, QUERY_VALUES, QUERY_VALUES)
          .map(([name, a, b]): [string, string][] => [
            [name, fitted(a)],
            [name, fitted(b)],
          ]),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.oneof(known, unknownKey), QUERY_VALUES)
          .map(([name, value]): [string, string][] => [
            [`${name}[]`, fitted(value)],
            [`${name}[a][b]`, fitted(value)],
            [name === '' ? 'x' : name, fitted(value)],
          ]),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(unknownKey, QUERY_VALUES)
          .map(([k, v]): [string, string][] => [[k.slice(0, 200), fitted(v)]]),
      },
    )
    .map((pairs): [string, Plan['query']] => ['query', { pairs }])
    .chain((plain) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(plain) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(
              '%',
              '%E0%A4%A',
              'page=%FF%FE',
              'q=%00',
              '&&&',
              '=',
              'page=1&&pageSize',
              '%2e%2e%2f',
            )
            .map((raw): [string, Plan['query']] => ['query', { raw }]),
        },
      ),
    );
}

/**
 * A query value cut to 1,800 characters once URL-encoded: four of them keep the request line
 * under Node's 16 KB header limit, which Node itself answers with a bare 431 before the app.
 */
function fitted(value: string): string {
  let cut = value;
  // Each UTF-8 byte takes at most three characters escaped (%XX).
  while (Buffer.byteLength(cut) * 3 > 1_800) cut = cut.slice(0, Math.floor(cut.length * 0.8));
  return cut;
}

const PATH_VALUES: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'null',
    'undefined',
    'NaN',
    'me',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    '6ba7b810-9dad-41d1-80b4-00c04fd430c8x',
    '{6ba7b810-9dad-41d1-80b4-00c04fd430c8}',
    '6ba7b8109dad41d180b400c04fd430c8',
    "' OR '1'='1",
    '..',
    '../..',
    '%2e%2e',
    '\u0000',
    '中文',
    'a'.repeat(2_000),
  ),
  controlString,
  fc.uuid().map((uuid) => uuid.toUpperCase()),
);

/** The value of an Authorization header that names the caller oddly, or names nobody. */
export function authorizations(
  token: string | undefined,
  others: string[],
): fc.Arbitrary<Shown<string>> {
  const options = [
    'Bearer',
    'Bearer ',
    'Bearer x',
    'Bearer a.b.c',
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${'a'.repeat(6_000)}`,
  ];
  options.push(...others.map((other) => `Bearer ${other}`));
  if (token) {
    options.push(
      `bearer ${token}`,
      `Bearer  ${token}`,
      token,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -3)}`,
    );
  }
  return fc.constantFrom(...options).map((value) => ({ value, shown: show(value) }));
}

/**
 * The plans of an operation: valid requests, and requests gone wrong in every way the schema
 * suggests, as every caller, naming its own, the other side's and missing ids.
 */
export function planArbitrary(
  operation: Operation,
  tokens: Record<Caller, string | undefined>,
  otherTokens: string[],
): fc.Arbitrary<Plan> {
  const noBody = operation.method === 'GET';
  const base = fc.record({
    caller: fc.constantFrom(...CALLERS),
    scope: fc.constantFrom<Scope>('own', 'own', 'own', 'foreign', 'foreign', 'missing'),
  });
  const untouched: Pick<Plan, 'params' | 'query' | 'body'> = {
    params: {},
    query: { pairs: [] },
    body: { kind: 'target', mutations: [] },
  };
  const kinds: { weight: number; arbitrary: fc.Arbitrary<Partial<Plan> & { category: string }> }[] =
    [];
  if (!noBody) {
    for (const plan of bodyPlans(operation)) {
      kinds.push({
        weight: plan.weight,
        arbitrary: plan.arbitrary.map(([category, body]) => ({ category, body })),
      });
    }
  } else {
    kinds.push({ weight: 10, arbitrary: fc.constant({ category: 'valid' }) });
  }
  kinds.push({
    weight: noBody ? 14 : 6,
    arbitrary: queryPlans(operation).map(([category, query]) => ({ category, query })),
  });
  if (operation.pathParams.length > 0) {
    kinds.push({
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom(...operation.pathParams.map((p) => p.name)), PATH_VALUES)
        .map(([name, value]) => ({
          category: 'path parameter',
          params: { [name]: { value, shown: show(value) } },
        })),
    });
  }
  return base.chain(({ caller, scope }) =>
    fc
      .oneof(...kinds, {
        weight: 3,
        arbitrary: authorizations(tokens[caller], otherTokens).map((authorization) => ({
          category: 'authorization',
          authorization,
        })),
      })
      .map((kind): Plan => ({ ...untouched, caller, scope, ...kind })),
  );
}
