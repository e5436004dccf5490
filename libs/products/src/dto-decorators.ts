import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/**
 * Optional in a PATCH, yet never null: @IsOptional would let null through and clear a field
 * every product must have, so only an absent field skips the rules.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/**
 * A minimum of 0 is what a form sends for "no minimum": it is stored as null, the one way no
 * minimum is written, so every reader of the product sees one answer. Matching reads a stored 0
 * as no minimum too, for rows written before.
 */
export function ZeroAsNoMinimum(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === 0 ? null : value));
}
