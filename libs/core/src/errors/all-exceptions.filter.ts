import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';
import { bodyParserErrorCode } from './body-parser-errors';
import { ERROR_CODES, ErrorCode } from './error-codes';
import { ErrorEnvelope } from './error-envelope';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SEARCH_UNAVAILABLE',
};

/**
 * Turns anything thrown while serving HTTP into the one error envelope. Services throw AppError;
 * framework exceptions are mapped by status; anything else is a bug: logged whole, answered as
 * a bare 500 with no stack or message leaking out.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = this.toEnvelope(exception);
    if (status >= 500 && !(exception instanceof AppError)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (status === 429 && !response.hasHeader('Retry-After')) {
      const retryAfter = namedRetryAfter(response);
      if (retryAfter !== null) response.setHeader('Retry-After', String(retryAfter));
    }
    response.status(status).json(body);
  }

  private toEnvelope(exception: unknown): {
    status: number;
    body: ErrorEnvelope;
    headers: Record<string, string>;
  } {
    if (exception instanceof AppError) {
      return {
        status: exception.getStatus(),
        body: envelope(exception.code, exception.message, exception.details),
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
      // Framework messages are not for clients.
      return { status, body: envelope(code), headers: {} };
    }
    const parserCode = bodyParserErrorCode(exception);
    if (parserCode) {
      return { status: ERROR_CODES[parserCode].status, body: envelope(parserCode), headers: {} };
    }
    return { status: 500, body: envelope('INTERNAL_ERROR'), headers: {} };
  }
}

/**
 * The throttler names its header after the limit that was hit (`Retry-After-api`,
 * `Retry-After-auth`); clients and proxies only know the standard one, so the longest wait wins.
 */
function namedRetryAfter(response: Response): number | null {
  const waits = Object.entries(response.getHeaders())
    .filter(([name]) => name.startsWith('retry-after-'))
    .map(([, value]) => Number(value))
    .filter((seconds) => Number.isFinite(seconds) && seconds > 0);
  return waits.length > 0 ? Math.max(...waits) : null;
}

function envelope(
  code: ErrorCode,
  message: string = ERROR_CODES[code].message,
  details: ErrorEnvelope['error']['details'] = [],
): ErrorEnvelope {
  return { error: { code, message, details } };
}
