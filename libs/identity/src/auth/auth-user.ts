import type { OrganizationKind, OrganizationStatus, Role } from '@app/core';

/** The caller of a request, as every service sees it after authentication. */
export interface AuthUser {
  id: string;
  orgId: string;
  orgKind: OrganizationKind;
  orgStatus: OrganizationStatus;
  role: Role;
  name: string;
  email: string;
}

/** The claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  role: Role;
  /** When it expires, in seconds since the epoch: set on signing, read on verifying. */
  exp?: number;
}

/** A caller admitted by an access token, until the token expires. */
export interface Admission {
  user: AuthUser;
  expiresAt: Date;
}
