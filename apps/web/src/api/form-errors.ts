import { ApiError } from './api-error';
import { detailMessage, errorMessage } from './error-messages';
import type { ErrorCode } from './types';

export interface FieldError {
  name: string;
  errors: string[];
}

/** Where to show an error: beside the fields it concerns, and what is left above the form. */
export interface ErrorPlacement {
  fields: FieldError[];
  alert: string | null;
}

/**
 * Puts a failed submission's error next to the fields concerned: each detail of
 * VALIDATION_FAILED (and its kin) beside the field it names, a code that belongs to one field
 * (INVALID_CREDENTIALS: the password) beside that field, the rest (RATE_LIMITED, network down)
 * above the form.
 */
export function placeError(
  error: unknown,
  formFields: readonly string[],
  fieldOfCode: Partial<Record<ErrorCode, string>> = {},
): ErrorPlacement {
  if (!(error instanceof ApiError)) return { fields: [], alert: errorMessage(error) };
  const owner = fieldOfCode[error.code];
  if (owner) return { fields: [{ name: owner, errors: [errorMessage(error)] }], alert: null };

  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const detail of error.fieldDetails) {
    const name = detail.field && formFields.includes(detail.field) ? detail.field : null;
    if (name) byField.set(name, [...(byField.get(name) ?? []), detailMessage(detail)]);
    else unplaced.push(detailMessage(detail));
  }
  const fields = [...byField].map(([name, errors]) => ({ name, errors }));
  const alert =
    fields.length > 0 && unplaced.length === 0
      ? null
      : [errorMessage(error), ...unplaced].join('：');
  return { fields, alert };
}
