import type { AuthUser } from '@app/identity';
import type { DockingSession } from './docking-session.entity';
import type { DockingParty } from './docking-workflow';

/** A side a user can take in a session (the system is no user). */
export type SessionParty = Exclude<DockingParty, 'system'>;

/**
 * The side the user takes in the session: its enterprise's or institution's member, the
 * session's commissioner, or an admin; null for anyone else (who is told the session does not
 * exist).
 */
export function partyOrNull(
  user: AuthUser,
  session: Pick<DockingSession, 'enterpriseOrgId' | 'institutionOrgId' | 'commissionerId'>,
): SessionParty | null {
  if (user.role === 'admin') return 'admin';
  if (user.role === 'enterprise' && user.orgId === session.enterpriseOrgId) return 'enterprise';
  if (user.role === 'institution' && user.orgId === session.institutionOrgId) return 'institution';
  if (user.role === 'commissioner' && session.commissionerId === user.id) return 'commissioner';
  return null;
}
