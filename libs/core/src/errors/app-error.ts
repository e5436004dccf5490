import { HttpException } from '@nestjs/common';
import { ERROR_CODES, ErrorCode } from './error-codes';
import type { ErrorDetail } from './error-envelope';

export interface AppErrorOptions {
  message?: string;
  details?: ErrorDetail[] | Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The one exception services throw: a stable code, its status, and details a client can use. */
export class AppError extends HttpException {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const entry = ERROR_CODES[code];
    super(options.message ?? entry.message, entry.status);
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}
