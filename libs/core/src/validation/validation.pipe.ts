import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { ErrorDetail } from '../errors/error-envelope';

/** class-validator's name for a property that forbidNonWhitelisted rejects. */
const UNKNOWN_FIELD = 'whitelistValidation';

/** Flattens class-validator's tree into one detail per failed rule, keyed by the dotted field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: constraint === UNKNOWN_FIELD ? 'unknown_field' : constraint,
      message: constraint === UNKNOWN_FIELD ? `${field} is not an accepted field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The one global pipe: unknown fields are refused, payloads become DTO instances, and every
 * failed rule is listed. A bad credit code gets its own error code because registration
 * forms branch on it.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const code = details.some((d) => d.code === 'isCreditCode')
        ? 'INVALID_CREDIT_CODE'
        : 'VALIDATION_FAILED';
      return new AppError(code, { details });
    },
  });
}
