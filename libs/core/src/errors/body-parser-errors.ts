import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { decode } from 'iconv-lite';
import { jsonTextDepthExceeds } from '../json-depth';
import { AppError } from './app-error';
import type { ErrorCode } from './error-codes';

/** The type `verifyJsonDepth` gives its error, in the body parser's own naming. */
const TOO_DEEP_TYPE = 'entity.too.deep';

const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  [TOO_DEEP_TYPE]: 'BODY_TOO_DEEP',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

/** The error code of an error the body parser raised before any route ran, else null. */
export function bodyParserErrorCode(error: unknown): ErrorCode | null {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? (BODY_PARSER_CODES[type] ?? null) : null;
}

/**
 * The JSON body parser's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH from
 * its raw bytes, before it is parsed, so that neither the parser nor the validators downstream
 * spend time or stack on it.
 */
export function verifyJsonDepth(
  _request: IncomingMessage,
  _response: unknown,
  body: Buffer,
  charset: string,
): void {
  // The parser takes UTF-16 and UTF-32 too, whose bytes the scan cannot read as they are.
  const utf8 = charset === 'utf-8' ? body : Buffer.from(decode(body, charset), 'utf8');
  if (jsonTextDepthExceeds(utf8)) {
    throw Object.assign(new Error('The JSON body nests too deep.'), { type: TOO_DEEP_TYPE });
  }
}

/**
 * Express error middleware to mount right after the body parser. Nest turns the parser's
 * SyntaxError into a bare BadRequestException (losing its type) before any filter sees it, so
 * the parser's errors become AppErrors here, while they still say what went wrong.
 */
export function translateBodyParserErrors(
  error: unknown,
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const code =
    bodyParserErrorCode(error) ??
    (decompressionFailed(error, request) ? 'BODY_ENCODING_INVALID' : null);
  next(code ? new AppError(code) : error);
}

/**
 * The parser types every error of its own and answers 400 to a stream that failed: an untyped
 * 400 on a body sent with a Content-Encoding is the decompressor's (whose error codes differ by
 * format and Node version).
 */
function decompressionFailed(error: unknown, request: Request): boolean {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  const encoding = request.headers['content-encoding'];
  return (
    type === undefined &&
    status === 400 &&
    encoding !== undefined &&
    encoding.toLowerCase() !== 'identity'
  );
}
