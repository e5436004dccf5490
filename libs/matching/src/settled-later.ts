/**
 * A promise started now and awaited later, after other awaits that may throw first: it must not
 * count as an unhandled rejection in the meantime. Awaiting the result still rejects as the
 * original would.
 */
export function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
