const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DIGIT = new Map([...ALPHABET].map((char, index) => [char, index]));
const EMPTY = 0;

/**
 * The first file row of each credit code seen in an import, packed into typed arrays: a valid
 * code is 18 characters of a 31-letter alphabet, stored exactly as three base-31 numbers of six
 * characters (each below 2^30), so a row costs about 21 bytes instead of a Map entry's hundred
 * and a 100,000-row file needs about 2 MB. Exact: no hashing of the code itself is trusted.
 */
export class CreditCodeRows {
  private capacity = 1024;
  private size = 0;
  private parts = new Int32Array(this.capacity * 3);
  /** File row numbers (from 1); EMPTY marks a free slot. */
  private rows = new Int32Array(this.capacity);

  /** The row where `code` was first seen, or undefined; only for validated codes. */
  firstRow(code: string): number | undefined {
    const [a, b, c] = pack(code);
    const slot = this.find(a, b, c);
    return this.rows[slot] === EMPTY ? undefined : this.rows[slot];
  }

  add(code: string, row: number): void {
    if ((this.size + 1) * 4 > this.capacity * 3) this.grow();
    const [a, b, c] = pack(code);
    const slot = this.find(a, b, c);
    if (this.rows[slot] !== EMPTY) return;
    this.parts.set([a, b, c], slot * 3);
    this.rows[slot] = row;
    this.size += 1;
  }

  /** The slot holding the code, or the free slot where it would go (linear probing). */
  private find(a: number, b: number, c: number): number {
    const mask = this.capacity - 1;
    let slot =
      (Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b), 0xc2b2ae35) >>> 0) & mask;
    for (;;) {
      if (this.rows[slot] === EMPTY) return slot;
      const at = slot * 3;
      if (this.parts[at] === a && this.parts[at + 1] === b && this.parts[at + 2] === c) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { parts, rows, capacity } = this;
    this.capacity = capacity * 2;
    this.parts = new Int32Array(this.capacity * 3);
    this.rows = new Int32Array(this.capacity);
    this.size = 0;
    for (let slot = 0; slot < capacity; slot += 1) {
      if (rows[slot] === EMPTY) continue;
      const at = slot * 3;
      const target = this.find(parts[at], parts[at + 1], parts[at + 2]);
      this.parts.set([parts[at], parts[at + 1], parts[at + 2]], target * 3);
      this.rows[target] = rows[slot];
      this.size += 1;
    }
  }
}

function pack(code: string): [number, number, number] {
  if (code.length !== 18) throw new RangeError(`not a credit code: ${code}`);
  const group = (start: number): number => {
    let value = 0;
    for (let i = start; i < start + 6; i += 1) {
      const digit = DIGIT.get(code[i]);
      if (digit === undefined) throw new RangeError(`not a credit code: ${code}`);
      value = value * 31 + digit;
    }
    return value;
  };
  return [group(0), group(6), group(12)];
}
