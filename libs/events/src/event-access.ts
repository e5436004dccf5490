import type { AuthUser } from '@app/identity';
import type { Event } from './event.entity';

/**
 * Who may do what with an event, in one place. Its organizer and admins manage it. Everyone
 * signed in sees an event once it is published (an announcement is public), and a draft is
 * not found by anyone else. The audience decides who may sign up (see audienceAdmits).
 */
export const EventAccess = {
  manages(user: AuthUser, event: Pick<Event, 'organizerId'>): boolean {
    return user.role === 'admin' || (user.role === 'commissioner' && event.organizerId === user.id);
  },

  sees(user: AuthUser, event: Pick<Event, 'organizerId' | 'status'>): boolean {
    return event.status !== 'draft' || EventAccess.manages(user, event);
  },
};
