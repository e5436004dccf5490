import type { DockingStatus } from '@app/core';

export interface OrderedSession {
  status: DockingStatus;
  respondBy: Date | null;
  updatedAt: Date;
}

const OPEN: readonly DockingStatus[] = [
  'requested',
  'accepted',
  'info_requested',
  'credit_approved',
];

/** 0 overdue (an answer owed and late), 1 still open, 2 over. */
export function sessionRank(session: OrderedSession, now: Date): 0 | 1 | 2 {
  if (
    session.status === 'requested' &&
    session.respondBy !== null &&
    session.respondBy.getTime() < now.getTime()
  ) {
    return 0;
  }
  return OPEN.includes(session.status) ? 1 : 2;
}

/**
 * The order a commissioner works through an enterprise's docking sessions: overdue ones first,
 * the longest overdue on top; then open ones, the nearest deadline first; then the rest, most
 * recently moved first.
 */
export function bySessionUrgency(now: Date) {
  return (a: OrderedSession, b: OrderedSession): number => {
    const rank = sessionRank(a, now) - sessionRank(b, now);
    if (rank !== 0) return rank;
    if (sessionRank(a, now) < 2) {
      const deadline = (a.respondBy?.getTime() ?? Infinity) - (b.respondBy?.getTime() ?? Infinity);
      if (deadline !== 0 && !Number.isNaN(deadline)) return deadline;
    }
    return b.updatedAt.getTime() - a.updatedAt.getTime();
  };
}
