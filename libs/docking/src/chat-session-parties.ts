import type { StatementBatches } from '@app/database';
import type { DockingSession } from './docking-session.entity';

/** Who may speak in a session: its two organizations and its commissioner. */
export type SessionPartiesRow = Pick<
  DockingSession,
  'enterpriseOrgId' | 'institutionOrgId' | 'commissionerId'
>;

/** Sessions remembered at most; the least recently read go first. */
const MAX_SESSIONS = 20_000;

/**
 * The parties of the sessions this process writes chat messages to, read once and kept: a
 * session's two organizations never change, so only its commissioner can go stale. The chat
 * writer checks that one again inside its insert (a commissioner who was replaced stores
 * nothing) and reads the parties afresh when a sender is not among them (one who took over).
 */
export class SessionParties {
  private readonly known = new Map<string, SessionPartiesRow>();

  constructor(private readonly statements: StatementBatches) {}

  /** The parties of these sessions; a session that does not exist is left out. */
  async of(sessionIds: readonly string[]): Promise<Map<string, SessionPartiesRow>> {
    const found = new Map<string, SessionPartiesRow>();
    const missing: string[] = [];
    for (const id of new Set(sessionIds)) {
      const known = this.known.get(id);
      if (known) found.set(id, known);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const [id, parties] of await this.refresh(missing)) found.set(id, parties);
    }
    return found;
  }

  /** Reads these sessions' parties from the database and keeps them. */
  async refresh(sessionIds: readonly string[]): Promise<Map<string, SessionPartiesRow>> {
    const ids = [...new Set(sessionIds)];
    const [rows] = (await this.statements.run([
      {
        sql: `SELECT id, enterprise_org_id AS enterpriseOrgId,
                     institution_org_id AS institutionOrgId, commissioner_id AS commissionerId
                FROM docking_sessions WHERE id IN (${ids.map(() => '?').join(', ')})`,
        values: ids,
      },
    ])) as [(SessionPartiesRow & { id: string })[]];
    const read = new Map<string, SessionPartiesRow>();
    for (const { id, enterpriseOrgId, institutionOrgId, commissionerId } of rows) {
      const parties = { enterpriseOrgId, institutionOrgId, commissionerId };
      read.set(id, parties);
      this.known.delete(id);
      this.known.set(id, parties);
    }
    while (this.known.size > MAX_SESSIONS) this.known.delete(this.known.keys().next().value!);
    return read;
  }

  forget(sessionId: string): void {
    this.known.delete(sessionId);
  }
}
