import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';
import type { ErrorCode } from './error-codes';

const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

/** The error code of an error the body parser raised before any route ran, else null. */
export function bodyParserErrorCode(error: unknown): ErrorCode | null {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? (BODY_PARSER_CODES[type] ?? null) : null;
}

/**
 * Express error middleware to mount right after the body parser. Nest turns the parser's
 * SyntaxError into a bare BadRequestException (losing its type) before any filter sees it, so
 * the parser's errors become AppErrors here, while they still say what went wrong.
 */
export function translateBodyParserErrors(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const code = bodyParserErrorCode(error);
  next(code ? new AppError(code) : error);
}
