import { AppError } from '@app/core';
import type { NeedStatus } from '@app/core';

/**
 * The moves a need may make, from -> allowed targets. Satisfied, withdrawn and expired are
 * final; expired is reached only by the expiry job, docking and satisfied only by docking,
 * which also puts a need back on the market when its last session ends without money.
 */
export const NEED_STATUS_MOVES: Record<NeedStatus, readonly NeedStatus[]> = {
  draft: ['published', 'withdrawn'],
  published: ['docking', 'withdrawn', 'expired'],
  docking: ['satisfied', 'withdrawn', 'published'],
  satisfied: [],
  withdrawn: [],
  expired: [],
};

/** Statuses in which the owner may still edit the need. */
export const EDITABLE_NEED_STATUSES: readonly NeedStatus[] = ['draft', 'published'];

export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_STATUS_MOVES[from].includes(to);
}

export function needStatusConflict(from: NeedStatus, to: NeedStatus | 'edited'): AppError {
  return new AppError('NEED_STATUS_CONFLICT', {
    message:
      to === 'edited'
        ? `A need that is ${from} can no longer be edited.`
        : `A need that is ${from} cannot become ${to}.`,
    details: { from, to },
  });
}

/** Throws 409 NEED_STATUS_CONFLICT naming both statuses when the move is not allowed. */
export function assertNeedMove(from: NeedStatus, to: NeedStatus): void {
  if (!canMoveNeed(from, to)) throw needStatusConflict(from, to);
}

export function assertNeedEditable(status: NeedStatus): void {
  if (!EDITABLE_NEED_STATUSES.includes(status)) throw needStatusConflict(status, 'edited');
}
