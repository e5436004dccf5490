import { AppError } from '@app/core';
import type { MatchStatus } from '@app/core';

/** The statuses a party sets itself; `applied` comes from docking. */
export const CLIENT_MATCH_STATUSES = ['viewed', 'dismissed'] as const;
export type ClientMatchStatus = (typeof CLIENT_MATCH_STATUSES)[number];

/**
 * Where a stored match may go from each status. A dismissed match can be looked at again;
 * an applied one is history that docking owns.
 */
export const MATCH_STATUS_MOVES: Record<MatchStatus, readonly MatchStatus[]> = {
  new: ['viewed', 'dismissed', 'applied'],
  viewed: ['dismissed', 'applied'],
  dismissed: ['viewed', 'applied'],
  applied: [],
};

/** Staying where it is counts as allowed, so a repeated request changes nothing and succeeds. */
export function canMoveMatch(from: MatchStatus, to: MatchStatus): boolean {
  return from === to || MATCH_STATUS_MOVES[from].includes(to);
}

/** Throws 409 MATCH_STATUS_CONFLICT naming both statuses when the move is not allowed. */
export function assertMatchMove(from: MatchStatus, to: MatchStatus): void {
  if (!canMoveMatch(from, to)) {
    throw new AppError('MATCH_STATUS_CONFLICT', {
      message: `A match that is ${from} cannot become ${to}.`,
      details: { from, to },
    });
  }
}

/**
 * Rows the worker may delete when the pair no longer matches; the others stay as the parties'
 * history.
 */
export const OPEN_MATCH_STATUSES: readonly MatchStatus[] = ['new', 'viewed'];
