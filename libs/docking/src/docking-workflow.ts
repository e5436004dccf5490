import type { DockingAction, DockingStatus } from '@app/core';

/** Who acts on a session, as the workflow sees them. */
export type DockingParty = 'enterprise' | 'institution' | 'commissioner' | 'admin' | 'system';

/** Which side opened the session: the other side answers it. */
export type DockingInitiator = 'enterprise' | 'institution';

/** Statuses after which nothing moves any more. */
export const FINAL_DOCKING_STATUSES: readonly DockingStatus[] = [
  'rejected',
  'withdrawn',
  'expired',
  'closed',
];

/** Statuses that still hold the need × product pair open. */
export const OPEN_DOCKING_STATUSES: readonly DockingStatus[] = [
  'requested',
  'accepted',
  'info_requested',
  'credit_approved',
];

/** Statuses in which the institution owes an answer (the SLA clock runs). */
export const AWAITING_INSTITUTION: readonly DockingStatus[] = ['requested'];

interface Move {
  from: readonly DockingStatus[];
  /** The status after the move; null keeps the status (reassign). */
  to: DockingStatus | null;
  by: readonly DockingParty[];
}

/**
 * Every move of a docking session, who may make it, from where, and where it leads. `accept`
 * of a request belongs to the side that did not open it (an institution accepts an
 * enterprise's application; an enterprise accepts an institution's invitation).
 */
export const DOCKING_MOVES: Record<DockingAction | 'expire', Move> = {
  accept: { from: ['requested'], to: 'accepted', by: ['institution', 'enterprise'] },
  request_info: { from: ['accepted'], to: 'info_requested', by: ['institution'] },
  provide_info: { from: ['info_requested'], to: 'accepted', by: ['enterprise'] },
  approve_credit: { from: ['accepted'], to: 'credit_approved', by: ['institution'] },
  disburse: { from: ['credit_approved'], to: 'disbursed', by: ['institution'] },
  reject: {
    from: ['requested', 'accepted', 'info_requested'],
    to: 'rejected',
    by: ['institution'],
  },
  withdraw: { from: OPEN_DOCKING_STATUSES, to: 'withdrawn', by: ['enterprise'] },
  close: {
    from: [...OPEN_DOCKING_STATUSES, 'disbursed'],
    to: 'closed',
    by: ['commissioner', 'admin'],
  },
  reassign: {
    from: [...OPEN_DOCKING_STATUSES, 'disbursed'],
    to: null,
    by: ['commissioner', 'admin'],
  },
  expire: { from: ['requested'], to: 'expired', by: ['system'] },
};

export type DockingVerdict =
  { ok: true; to: DockingStatus } | { ok: false; reason: 'not_allowed' | 'wrong_status' };

/** Whether `party` may take `action` on a session in `status`, and the status it leads to. */
export function dockingMove(
  status: DockingStatus,
  action: DockingAction | 'expire',
  party: DockingParty,
  initiator: DockingInitiator,
): DockingVerdict {
  const move = DOCKING_MOVES[action];
  const answering = initiator === 'enterprise' ? 'institution' : 'enterprise';
  const allowed = action === 'accept' ? party === answering : move.by.includes(party);
  if (!allowed) return { ok: false, reason: 'not_allowed' };
  if (!move.from.includes(status)) return { ok: false, reason: 'wrong_status' };
  return { ok: true, to: move.to ?? status };
}

/** Once the institution has accepted, it sees how to reach the enterprise. */
export function revealsContacts(acceptedAt: Date | null): boolean {
  return acceptedAt !== null;
}
