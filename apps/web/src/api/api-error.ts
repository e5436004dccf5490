import type { ErrorBody, ErrorCode, ErrorDetail } from './types';

/** A refusal from the api: its stable code, status and details (see the error envelope). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    /** Seconds from the Retry-After header, when the api sent one. */
    readonly retryAfter: number | null,
  ) {
    super(body.message);
  }

  get code(): ErrorCode {
    return this.body.code;
  }

  /** The per-field problems of VALIDATION_FAILED, WEAK_PASSWORD and the like. */
  get fieldDetails(): ErrorDetail[] {
    return Array.isArray(this.body.details) ? this.body.details : [];
  }

  /** A fact the api gave about the refusal, such as ACCOUNT_LOCKED's lockedUntil. */
  fact(name: string): unknown {
    return Array.isArray(this.body.details) ? undefined : this.body.details[name];
  }
}

/** The api could not be reached at all (offline, server down, connection cut). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of an openapi-fetch call, or an ApiError / NetworkError: callers (and TanStack
 * Query) deal in thrown errors, never in half-checked results.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  throw new ApiError(response.status, errorBodyOf(error, response.status), retryAfterOf(response));
}

function errorBodyOf(error: unknown, status: number): ErrorBody {
  if (typeof error === 'object' && error !== null && 'error' in error) {
    const body = error.error;
    if (typeof body === 'object' && body !== null && 'code' in body) return body as ErrorBody;
  }
  // Not the api's envelope: a proxy or gateway answered in its place.
  return {
    code: BARE_STATUS_CODES[status] ?? 'INTERNAL_ERROR',
    message: `HTTP ${status}`,
    details: [],
  };
}

/** The codes the api itself gives these statuses when nothing more precise applies. */
const BARE_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}
