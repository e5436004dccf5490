import type { AccessTokenClaims } from './access-token-claims';
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

/** A caller as authentication reads it: who, and which of their access tokens still count. */
export interface Principal {
  user: AuthUser;
  /** Access tokens signed with an older generation were ended (sign-out, suspension). */
  tokenGeneration: number;
}

/** A caller admitted by an access token, until the token expires. */
export interface Admission {
  user: AuthUser;
  /** The token's claims, for checking the caller again later in the connection. */
  claims: AccessTokenClaims;
  expiresAt: Date;
}
