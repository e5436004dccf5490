/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * Eighteen characters: registration authority (1), organisation type (1), the administrative
 * division of the registering office (6 digits), the organisation's own identifier (9) and a
 * check character. The check character is a weighted sum mod 31 over an alphabet that leaves
 * out I, O, Z, S and V, which are too easily mistaken for 1, 0, 2, 5 and U.
 *
 * These functions are pure and strict: normalising user input (trimming, upper-casing) belongs
 * to whoever receives it, so that a stored code is always byte-for-byte the official one.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// 3^i mod 31: all distinct and non-zero, so the check catches every single-character error
// and every swap of two adjacent, different characters.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const BODY_LENGTH = WEIGHTS.length;
const CODE_LENGTH = BODY_LENGTH + 1;

// Zero-based span of the administrative division code, which is always numeric.
const DIVISION_START = 2;
const DIVISION_END = 8;

export type CreditCodeProblem = 'length' | 'charset' | 'check_character';

function bodyProblem(body: string): 'charset' | null {
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    const allowed =
      i >= DIVISION_START && i < DIVISION_END
        ? char >= '0' && char <= '9'
        : ALPHABET.includes(char);
    if (!allowed) {
      return 'charset';
    }
  }
  return null;
}

function checkCharacterOf(body: string): string {
  let sum = 0;
  for (let i = 0; i < BODY_LENGTH; i++) {
    sum += ALPHABET.indexOf(body[i]) * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a string is not a credit code, or null when it is one. */
export function creditCodeProblem(value: string): CreditCodeProblem | null {
  if (value.length !== CODE_LENGTH) {
    return 'length';
  }
  if (bodyProblem(value.slice(0, BODY_LENGTH)) || !ALPHABET.includes(value[BODY_LENGTH])) {
    return 'charset';
  }
  return checkCharacterOf(value) === value[BODY_LENGTH] ? null : 'check_character';
}

export function isValidCreditCode(value: unknown): boolean {
  return typeof value === 'string' && creditCodeProblem(value) === null;
}

/** The check character for the first 17 characters; throws when they cannot start a code. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== BODY_LENGTH) {
    throw new RangeError(`A credit code body has ${BODY_LENGTH} characters, got ${first17.length}`);
  }
  if (bodyProblem(first17)) {
    throw new RangeError(`Not a credit code body: ${first17}`);
  }
  return checkCharacterOf(first17);
}

/** A complete credit code from its first 17 characters, for factories and seed data. */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}
