import { AppError } from '@app/core';
import { MeilisearchApiError, MeilisearchError } from 'meilisearch';

/** Seconds a client should wait before retrying a search while Meilisearch is unreachable. */
export const SEARCH_RETRY_AFTER_SECONDS = 5;

/**
 * A search that cannot reach Meilisearch answers 503 with Retry-After; the database stays the
 * truth and writes carry on. An API error (a bad query we built) is a bug and is rethrown.
 */
export function toSearchError(error: unknown): unknown {
  if (error instanceof MeilisearchError && !(error instanceof MeilisearchApiError)) {
    return new AppError('SEARCH_UNAVAILABLE', {
      headers: { 'Retry-After': String(SEARCH_RETRY_AFTER_SECONDS) },
    });
  }
  if (error instanceof MeilisearchApiError && (error.response?.status ?? 0) >= 500) {
    return new AppError('SEARCH_UNAVAILABLE', {
      headers: { 'Retry-After': String(SEARCH_RETRY_AFTER_SECONDS) },
    });
  }
  return error;
}
