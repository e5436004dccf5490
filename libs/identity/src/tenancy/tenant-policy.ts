import { INSTITUTION_KINDS } from '@app/core';
import type { OrganizationKind } from '@app/core';
import type { AuthUser } from '../auth/auth-user';

/**
 * Tenant boundaries in one place. Every service asks these before touching an id, and puts
 * ownership into its query (`WHERE id = ? AND org_id = ?`), so that another tenant's id is
 * simply not found: cross-tenant access answers 404, never 403, and ids cannot be probed.
 */
export const TenantPolicy = {
  isAdmin(user: AuthUser | undefined): boolean {
    return user?.role === 'admin';
  },

  /** The caller may act for this organization: a member of it, or an admin. */
  actsFor(user: AuthUser, orgId: string): boolean {
    return user.role === 'admin' || user.orgId === orgId;
  },

  /** A `where` fragment limiting rows to the caller's organization (admins see all). */
  ownedWhere<W extends object>(user: AuthUser, where: W, column = 'orgId'): W {
    return user.role === 'admin' ? where : { ...where, [column]: user.orgId };
  },

  isInstitutionKind(kind: OrganizationKind): boolean {
    return (INSTITUTION_KINDS as readonly string[]).includes(kind);
  },

  /**
   * How much of an organization the caller may see: all of it (its members, its commissioner,
   * admins), its public face (verified institutions and the service center, to anyone signed
   * in; every organization to commissioners, who list them all), or nothing at all (another
   * enterprise, or a pending or suspended institution).
   */
  organizationVisibility(
    user: AuthUser,
    org: { id: string; kind: OrganizationKind; status: string; commissionerId: string | null },
  ): 'full' | 'public' | 'none' {
    if (user.role === 'admin' || user.orgId === org.id) return 'full';
    if (user.role === 'commissioner' && org.commissionerId === user.id) return 'full';
    if (user.role === 'commissioner') return 'public';
    if (org.kind !== 'enterprise' && org.status === 'verified') return 'public';
    return 'none';
  },
};
