import { ValidateIf } from 'class-validator';

/**
 * Optional in a PATCH, yet never null: @IsOptional would let null through and clear a field
 * every product must have, so only an absent field skips the rules.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
