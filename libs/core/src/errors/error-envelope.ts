import { ErrorCode } from './error-codes';
import { ErrorDetail } from './app-error';

/** The JSON shape of every error response. */
export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: string;
    details: ErrorDetail[] | Record<string, unknown>;
  };
}
