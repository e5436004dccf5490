/**
 * Validation decorators shared by every DTO, so a credit code, a vocabulary code or an amount
 * is checked the same way, with the same constraint name, wherever it enters the API. The
 * constraint names are stable: clients key their error handling on them.
 */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { creditCodeProblem, type CreditCodeProblem } from '../credit-code';

export const IS_CREDIT_CODE = 'isCreditCode';
export const IS_CODE = 'isCode';
export const IS_YUAN = 'isYuan';
export const IS_BASIS_POINTS = 'isBasisPoints';

function valuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value as unknown[];
  }
  if (value instanceof Set) {
    return [...(value as Set<unknown>)];
  }
  if (value instanceof Map) {
    return [...(value as Map<unknown, unknown>).values()];
  }
  return [value];
}

// With { each: true } class-validator hands the message the whole collection, so point at the
// first offending item instead of leaving the client to guess which one it was.
function firstInvalid(
  args: ValidationArguments | undefined,
  options: ValidationOptions | undefined,
  isValid: (value: unknown) => boolean,
): { path: string; value: unknown } {
  const value: unknown = args?.value;
  if (!options?.each) {
    return { path: '$property', value };
  }
  const items = valuesOf(value);
  const index = items.findIndex((item) => !isValid(item));
  return index < 0
    ? { path: '$property', value }
    : { path: `$property[${index}]`, value: items[index] };
}

function creditCodeProblemOf(value: unknown): CreditCodeProblem | 'not a string' | null {
  return typeof value === 'string' ? creditCodeProblem(value) : 'not a string';
}

/** A 统一社会信用代码 exactly as issued: 18 upper-case characters with a valid check character. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  const isValid = (value: unknown) => creditCodeProblemOf(value) === null;
  return ValidateBy(
    {
      name: IS_CREDIT_CODE,
      validator: {
        validate: isValid,
        defaultMessage: (args?: ValidationArguments) => {
          const { path, value } = firstInvalid(args, options, isValid);
          const problem = creditCodeProblemOf(value) ?? 'invalid';
          return `统一社会信用代码无效 (${path}): ${problem.replace('_', ' ')}`;
        },
      },
    },
    options,
  );
}

/** One of the vocabulary codes in `list` (see vocabulary.ts), compared exactly. */
export function IsCode(list: readonly string[], options?: ValidationOptions): PropertyDecorator {
  if (list.length === 0) {
    throw new RangeError('IsCode needs at least one allowed code');
  }
  const isValid = (value: unknown) => typeof value === 'string' && list.includes(value);
  return ValidateBy(
    {
      name: IS_CODE,
      constraints: [list],
      validator: {
        validate: isValid,
        defaultMessage: (args?: ValidationArguments) => {
          const { path } = firstInvalid(args, options, isValid);
          return `${path} 必须是以下代码之一: ${list.join(', ')}`;
        },
      },
    },
    options,
  );
}

function integerRange(
  name: string,
  unit: string,
  min: number,
  max: number,
  options: ValidationOptions | undefined,
): PropertyDecorator {
  // A bad range is a programming error: fail when the DTO is loaded, not on the first request.
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new RangeError(`${name} needs a safe integer range, got [${min}, ${max}]`);
  }
  const isValid = (value: unknown) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
  return ValidateBy(
    {
      name,
      constraints: [min, max],
      validator: {
        validate: isValid,
        defaultMessage: (args?: ValidationArguments) => {
          const { path } = firstInvalid(args, options, isValid);
          return `${path} 必须是 ${min} 到 ${max} 之间的整数 (${unit})`;
        },
      },
    },
    options,
  );
}

/**
 * An amount in whole yuan. Amounts on this marketplace are loan and investment sizes, never
 * prices with fen, and integers keep sums exact in JavaScript and in MySQL alike.
 */
export function IsYuan(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return integerRange(IS_YUAN, '元', min, max, options);
}

/**
 * A rate in basis points (1 bp = 0.01%), an integer so that rates compare and sort exactly.
 * The default ceiling of 3600 bp (36% a year) is a sanity bound, not a legal limit: it catches
 * a rate typed in the wrong unit, and DTOs narrow it where a tighter range is known.
 */
export function IsBasisPoints(min = 0, max = 3600, options?: ValidationOptions): PropertyDecorator {
  return integerRange(IS_BASIS_POINTS, '基点', min, max, options);
}

/**
 * At most `max` characters as MySQL counts them in a VARCHAR: code points. class-validator's
 * MaxLength counts an emoji with its variation selector (❤️ is two code points) as one, so text
 * it accepts can overflow the column and fail the insert. Same constraint name as MaxLength.
 */
export function MaxChars(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && [...value].length <= max,
      defaultMessage: () => `$property must be shorter than or equal to ${max} characters`,
    },
  });
}

/** A string with at least one character that is not white space. */
export function NotBlank(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /\S/u.test(value),
      defaultMessage: () => '$property must not be empty or only white space',
    },
  });
}
