import type { EventAudience, EventStatus, Role } from '@app/core';

/** The organizer's moves, each a route of its own; `complete` is the system's, at the end. */
export type EventMove = 'publish' | 'cancel' | 'complete';

export const EVENT_MOVES: Record<EventMove, { from: readonly EventStatus[]; to: EventStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  cancel: { from: ['draft', 'published'], to: 'cancelled' },
  complete: { from: ['published'], to: 'completed' },
};

export function canMoveEvent(from: EventStatus, move: EventMove): boolean {
  return EVENT_MOVES[move].from.includes(from);
}

/** Who an event is for: enterprises, institutions or both; staff organize, they don't sign up. */
export function audienceAdmits(audience: EventAudience, role: Role): boolean {
  if (role !== 'enterprise' && role !== 'institution') return false;
  return audience === 'all' || audience === role;
}

/** The audiences whose events a role may sign up for (for search filters). */
export function audiencesOf(role: Role): EventAudience[] {
  return role === 'enterprise' || role === 'institution' ? [role, 'all'] : [];
}

/** Fields that stay as they are once an event is published: registrants relied on them. */
export const FIXED_ONCE_PUBLISHED = ['kind', 'audience'] as const;

/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 2 * 3_600_000;

export function checkInOpen(event: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  const time = now.getTime();
  return (
    time >= event.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS && time < event.endsAt.getTime()
  );
}
