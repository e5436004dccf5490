import type { Middleware } from 'openapi-fetch';
import { useSyncExternalStore } from 'react';
import { unwrap } from '../api/api-error';
import { api } from '../api/client';
import type { ErrorCode } from '../api/types';
import { SessionStore, type SignedIn } from './session-store';

export const sessionStore = new SessionStore({
  storage: window.localStorage,
  locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
  refresh: (refreshToken) => unwrap(api.POST('/api/v1/auth/refresh', { body: { refreshToken } })),
  logout: (refreshToken) =>
    unwrap(api.POST('/api/v1/auth/logout', { body: { refreshToken } })).then(() => undefined),
});

window.addEventListener('storage', () => sessionStore.syncFromStorage());

/** Codes with which the api says the sign-in itself is over, not just this token. */
const SIGN_IN_ENDED: ErrorCode[] = ['TOKEN_REVOKED', 'ACCOUNT_SUSPENDED'];
/** The token alone is refused (expired early, or signed with a key since replaced): renew it. */
const TOKEN_REFUSED: ErrorCode[] = ['TOKEN_EXPIRED', 'TOKEN_INVALID'];

/**
 * Sends the access token with every request but the sign-in routes themselves, and reacts to
 * the api's verdict on it: an ended sign-in signs the portal out, an early expiry renews it.
 */
const bearer: Middleware = {
  async onRequest({ request, schemaPath }) {
    if (schemaPath.startsWith('/api/v1/auth/')) return request;
    const token = await sessionStore.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !request.headers.has('Authorization')) return response;
    const code = await response
      .clone()
      .json()
      .then((body: { error?: { code?: ErrorCode } }) => body.error?.code)
      .catch(() => undefined);
    if (code && TOKEN_REFUSED.includes(code)) sessionStore.expireAccessToken();
    else if (code && SIGN_IN_ENDED.includes(code)) sessionStore.end(code);
    return response;
  },
};
api.use(bearer);

export function useSignedIn(): SignedIn | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.current);
}

/** Why the last sign-in ended without the user signing out (null once read or signed in). */
export function useSessionEnded(): ErrorCode | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.ended);
}
