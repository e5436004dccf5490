import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';
import { ERROR_CODES, ErrorCode } from './error-codes';
import { ErrorEnvelope } from './error-envelope';

/** Errors raised by the body parser before any route runs. */
interface BodyParserError {
  type: string;
  status: number;
}

const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

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

function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as BodyParserError).type === 'string' &&
    (e as BodyParserError).type in BODY_PARSER_CODES
  );
}

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
      // The throttler sets Retry-After itself; other framework messages are not for clients.
      return { status, body: envelope(code), headers: {} };
    }
    if (isBodyParserError(exception)) {
      const code = BODY_PARSER_CODES[exception.type];
      return { status: ERROR_CODES[code].status, body: envelope(code), headers: {} };
    }
    return { status: 500, body: envelope('INTERNAL_ERROR'), headers: {} };
  }
}

function envelope(
  code: ErrorCode,
  message: string = ERROR_CODES[code].message,
  details: ErrorEnvelope['error']['details'] = [],
): ErrorEnvelope {
  return { error: { code, message, details } };
}
