/**
 * The part of Meilisearch's filter language the matching rules speak, parsed and evaluated
 * over a plain object, so unit specs can hold a filter against its rule's predicate thousands
 * of times a second. Semantics follow Meilisearch: a comparison never holds on null or a
 * missing field; `IN` and `=` hold when any element of an array field does; `IS EMPTY` holds on
 * [], "" and {}, never on null; `field a TO b` holds on a number from a to b, both included;
 * NOT binds tighter than AND, AND tighter than OR. The e2e
 * property suite checks the same filters against the real engine.
 */
export type FilterNode =
  | { kind: 'or' | 'and'; parts: FilterNode[] }
  | { kind: 'not'; part: FilterNode }
  | { kind: 'compare'; field: string; op: Operator; value: Scalar }
  | { kind: 'between'; field: string; from: number; to: number }
  | { kind: 'in'; field: string; values: Scalar[] }
  | { kind: 'isEmpty' | 'isNull'; field: string };

type Scalar = string | number | boolean;
type Operator = '=' | '<' | '<=' | '>' | '>=';
const OPERATORS: readonly string[] = ['=', '<', '<=', '>', '>='];

type Token =
  | { t: 'word'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'punct'; v: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (filter[i] !== '"') {
        if (i >= filter.length) throw new SyntaxError(`unterminated string in ${filter}`);
        if (filter[i] === '\\') i++;
        value += filter[i++];
      }
      i++;
      tokens.push({ t: 'string', v: value });
    } else if ('()[],'.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if ('<>='.includes(c)) {
      const op = filter[i + 1] === '=' ? c + '=' : c;
      tokens.push({ t: 'punct', v: op });
      i += op.length;
    } else {
      const match = /^[^\s()[\],<>="]+/.exec(filter.slice(i));
      if (!match) throw new SyntaxError(`unexpected "${c}" in ${filter}`);
      const word = match[0];
      i += word.length;
      tokens.push(
        /^-?\d+(\.\d+)?$/.test(word) ? { t: 'number', v: Number(word) } : { t: 'word', v: word },
      );
    }
  }
  return tokens;
}

/** Parses a filter, or throws SyntaxError naming what it could not read. */
export function parseFilter(filter: string): FilterNode {
  const tokens = tokenize(filter);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (word: string) => peek()?.t === 'word' && peek().v === word;
  const expect = (v: string) => {
    const token = tokens[at++];
    if (token?.v !== v) throw new SyntaxError(`expected ${v} in ${filter}`);
  };
  const scalar = (): Scalar => {
    const token = tokens[at++];
    if (token?.t === 'string' || token?.t === 'number') return token.v;
    if (token?.t === 'word' && (token.v === 'true' || token.v === 'false'))
      return token.v === 'true';
    throw new SyntaxError(`expected a value in ${filter}`);
  };

  const or = (): FilterNode => {
    const parts = [and()];
    while (isWord('OR')) {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  };
  const and = (): FilterNode => {
    const parts = [not()];
    while (isWord('AND')) {
      at++;
      parts.push(not());
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  };
  const not = (): FilterNode => {
    if (isWord('NOT')) {
      at++;
      return { kind: 'not', part: not() };
    }
    return primary();
  };
  const primary = (): FilterNode => {
    if (peek()?.v === '(') {
      at++;
      const inner = or();
      expect(')');
      return inner;
    }
    const field = tokens[at++];
    if (field?.t !== 'word') throw new SyntaxError(`expected a field in ${filter}`);
    if (isWord('IN')) {
      at++;
      expect('[');
      const values: Scalar[] = [];
      while (peek()?.v !== ']') {
        values.push(scalar());
        if (peek()?.v === ',') at++;
      }
      expect(']');
      return { kind: 'in', field: field.v, values };
    }
    if (isWord('IS')) {
      at++;
      const what = tokens[at++];
      if (what?.v === 'EMPTY') return { kind: 'isEmpty', field: field.v };
      if (what?.v === 'NULL') return { kind: 'isNull', field: field.v };
      throw new SyntaxError(`expected EMPTY or NULL in ${filter}`);
    }
    if (peek()?.t === 'number' && tokens[at + 1]?.t === 'word' && tokens[at + 1].v === 'TO') {
      const from = tokens[at].v as number;
      at += 2;
      const to = tokens[at++];
      if (to?.t !== 'number') throw new SyntaxError(`expected a number after TO in ${filter}`);
      return { kind: 'between', field: field.v, from, to: to.v };
    }
    const op = tokens[at++];
    if (op?.t !== 'punct' || !OPERATORS.includes(op.v)) {
      throw new SyntaxError(`expected an operator in ${filter}`);
    }
    return { kind: 'compare', field: field.v, op: op.v as Operator, value: scalar() };
  };

  const tree = or();
  if (at !== tokens.length) throw new SyntaxError(`trailing input in ${filter}`);
  return tree;
}

/** Every quoted value of a filter, as it reads once unescaped. */
export function stringsOf(node: FilterNode): string[] {
  switch (node.kind) {
    case 'or':
    case 'and':
      return node.parts.flatMap(stringsOf);
    case 'not':
      return stringsOf(node.part);
    case 'compare':
      return typeof node.value === 'string' ? [node.value] : [];
    case 'between':
      return [];
    case 'in':
      return node.values.filter((value): value is string => typeof value === 'string');
    case 'isEmpty':
    case 'isNull':
      return [];
  }
}

/** Fields a filter reads. */
export function fieldsOf(node: FilterNode): string[] {
  switch (node.kind) {
    case 'or':
    case 'and':
      return node.parts.flatMap(fieldsOf);
    case 'not':
      return fieldsOf(node.part);
    case 'compare':
    case 'between':
    case 'in':
    case 'isEmpty':
    case 'isNull':
      return [node.field];
  }
}

const same = (a: unknown, b: Scalar): boolean =>
  a === b || (typeof b === 'boolean' && a === String(b));

export function evaluate(node: FilterNode, document: Readonly<Record<string, unknown>>): boolean {
  switch (node.kind) {
    case 'or':
      return node.parts.some((part) => evaluate(part, document));
    case 'and':
      return node.parts.every((part) => evaluate(part, document));
    case 'not':
      return !evaluate(node.part, document);
    case 'isNull':
      return document[node.field] === null;
    case 'isEmpty': {
      const value = document[node.field];
      if (Array.isArray(value)) return value.length === 0;
      if (typeof value === 'string') return value === '';
      return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
    }
    case 'in': {
      const value = document[node.field];
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      return values.some((v) => node.values.some((wanted) => same(v, wanted)));
    }
    case 'between': {
      const value = document[node.field];
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      return values.some((v) => typeof v === 'number' && node.from <= v && v <= node.to);
    }
    case 'compare': {
      const value = document[node.field];
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      return values.some((v) => {
        if (v === null || v === undefined) return false;
        switch (node.op) {
          case '=':
            return same(v, node.value);
          case '<':
            return typeof v === 'number' && v < (node.value as number);
          case '<=':
            return typeof v === 'number' && v <= (node.value as number);
          case '>':
            return typeof v === 'number' && v > (node.value as number);
          case '>=':
            return typeof v === 'number' && v >= (node.value as number);
        }
      });
    }
  }
}

/** Parses and evaluates; a null filter holds for every document, as in the engine. */
export function holds(filter: string | null, document: object): boolean {
  return (
    filter === null || evaluate(parseFilter(filter), document as Readonly<Record<string, unknown>>)
  );
}
