import type { AuthUser, Organization } from '@app/identity';

/** A need's matches: its enterprise, the enterprise's commissioner, admins. */
export function mayReadNeedMatches(
  user: AuthUser,
  org: Pick<Organization, 'id' | 'commissionerId'>,
): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'enterprise') return user.orgId === org.id;
  return user.role === 'commissioner' && org.commissionerId === user.id;
}

/** A product's matches and what-if: its institution, admins. */
export function mayReadProductMatches(user: AuthUser, productOrgId: string): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'institution' && user.orgId === productOrgId;
}
