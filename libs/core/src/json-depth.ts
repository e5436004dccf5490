/**
 * How deep JSON from clients may nest. No request body or socket payload of the API comes
 * near it, while a few thousand levels overflow the call stack of the recursive transformers
 * and validators that read client input.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether a value parsed from JSON (or a socket packet) nests objects and arrays more than
 * `maxDepth` levels deep: a scalar is depth 0, `{}` and `[]` depth 1, `[{}]` depth 2. It keeps
 * its own stack, so no value can overflow the call stack here.
 */
export function jsonDepthExceeds(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  while (pending.length > 0) {
    const node = pending.pop();
    const depth = depths.pop() as number;
    // Socket.io hands binary attachments over as Buffers: bytes, not nesting.
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(node) ? (node as unknown[]) : Object.values(node)) {
      if (child !== null && typeof child === 'object') {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * The same question asked of JSON text before it is parsed, so a body of nothing but brackets
 * costs one pass over its bytes and no parsing. Counts brackets outside strings; the text must
 * be UTF-8 (where these ASCII bytes never occur inside another character). Malformed text is
 * left for the parser to refuse, unless it nests too deep before it breaks.
 */
export function jsonTextDepthExceeds(text: Uint8Array, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
