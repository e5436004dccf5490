import { AppError } from '@app/core';
import type { AuthService } from '@app/identity';
import type { ExtendedError } from 'socket.io';
import { chatErrorOf } from './chat-errors';
import type { ChatSocket } from './chat-events';

/**
 * The namespace middleware that admits a socket: the access token in the handshake
 * (`auth: { token }`) is checked by the same code as an HTTP bearer token, the user re-read and
 * refused when suspended. A refusal reaches the client as `connect_error` whose `data` holds
 * the error code (TOKEN_INVALID, TOKEN_EXPIRED, UNAUTHENTICATED, ACCOUNT_SUSPENDED). The socket
 * is admitted until the token expires (see ChatGateway).
 */
export function chatHandshake(auth: AuthService) {
  return (socket: ChatSocket, next: (error?: ExtendedError) => void): void => {
    const token = tokenOf(socket.handshake.auth);
    const admission = token ? auth.admit(token) : Promise.reject(new AppError('UNAUTHENTICATED'));
    admission.then(
      ({ user, claims, expiresAt }) => {
        socket.data.user = user;
        socket.data.claims = claims;
        socket.data.expiresAt = expiresAt.getTime();
        next();
      },
      (error: unknown) => next(connectError(error)),
    );
  };
}

function tokenOf(handshakeAuth: Record<string, unknown> | undefined): string | null {
  const token = handshakeAuth?.token;
  if (typeof token !== 'string') return null;
  // Clients that keep the HTTP header value may send it as is.
  const bare = token.replace(/^Bearer\s+/i, '').trim();
  return bare || null;
}

function connectError(exception: unknown): ExtendedError {
  const error = chatErrorOf(exception);
  const refusal: ExtendedError = new Error(error.message);
  refusal.data = error;
  return refusal;
}

/**
 * Tells the socket why it may no longer be used and disconnects it, once what is being sent
 * to it now (the refused event's ack) went out.
 */
export function revokeAdmission(socket: ChatSocket, exception: unknown): void {
  socket.emit('auth:revoked', chatErrorOf(exception));
  setImmediate(() => socket.disconnect(true));
}

/**
 * Ends the socket's admission when its access token expires: the client is told
 * (`auth:expired`, TOKEN_EXPIRED) and disconnected, so a suspended user or one whose
 * organisation lost access cannot listen on past the token's lifetime. Also for a socket that
 * recovered its connection (it keeps the expiry it was admitted with).
 */
export function expireWithToken(socket: ChatSocket): void {
  const expire = () => {
    socket.emit('auth:expired', chatErrorOf(new AppError('TOKEN_EXPIRED')));
    socket.disconnect(true);
  };
  const left = socket.data.expiresAt - Date.now();
  if (left <= 0) return expire();
  // Never what keeps the process up: closing the server disconnects the socket anyway.
  const timer = setTimeout(expire, left).unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
