import { AppError, ROLE_CODES, type Role } from '@app/core';
import { JWT_AUDIENCE, JWT_ISSUER } from './jwt-options';

/** What the platform puts in an access token, and nothing else. */
export interface AccessTokenContent {
  sub: string;
  org: string;
  role: Role;
  /** The user's token generation when it was signed: a later sign-out ends the token. */
  gen: number;
}

/** The claims of a verified access token: its content and the registered claims it must carry. */
export interface AccessTokenClaims extends AccessTokenContent {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

/**
 * The claims of a token whose signature checked out, or TOKEN_INVALID. jsonwebtoken checks
 * `exp` only when a token carries one, and no claim is required by itself: a token signed with
 * the right key but no expiry would otherwise live for ever. Every reader of access tokens
 * (HTTP and socket) goes through here.
 */
export function checkAccessClaims(claims: unknown): AccessTokenClaims {
  const c = (claims ?? {}) as Partial<Record<keyof AccessTokenClaims, unknown>>;
  const valid =
    typeof c.sub === 'string' &&
    c.sub.length > 0 &&
    typeof c.org === 'string' &&
    c.org.length > 0 &&
    typeof c.role === 'string' &&
    (ROLE_CODES as readonly string[]).includes(c.role) &&
    Number.isSafeInteger(c.gen) &&
    (c.gen as number) >= 0 &&
    c.iss === JWT_ISSUER &&
    c.aud === JWT_AUDIENCE &&
    Number.isSafeInteger(c.iat) &&
    Number.isSafeInteger(c.exp) &&
    (c.exp as number) > (c.iat as number);
  if (!valid) throw new AppError('TOKEN_INVALID');
  return c as AccessTokenClaims;
}
