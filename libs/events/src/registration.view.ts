import type { RegistrationStatus } from '@app/core';
import type { EventRegistration } from './event-registration.entity';

export interface RegistrationView {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  /** 1 for the next to get a seat; null unless waitlisted. */
  waitlistPosition: number | null;
  pitchSlot: number | null;
  checkedInAt: string | null;
  attendee: {
    userId: string;
    name: string;
    orgId: string;
    orgName: string;
    role: EventRegistration['role'];
  };
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationViewParts {
  userName: string;
  orgName: string;
  waitlistPosition: number | null;
}

export function toRegistrationView(
  registration: EventRegistration,
  parts: RegistrationViewParts,
): RegistrationView {
  return {
    id: registration.id,
    eventId: registration.eventId,
    status: registration.status,
    waitlistPosition: registration.status === 'waitlisted' ? parts.waitlistPosition : null,
    pitchSlot: registration.pitchSlot,
    checkedInAt: registration.checkedInAt?.toISOString() ?? null,
    attendee: {
      userId: registration.userId,
      name: parts.userName,
      orgId: registration.orgId,
      orgName: parts.orgName,
      role: registration.role,
    },
    createdAt: registration.createdAt.toISOString(),
    updatedAt: registration.updatedAt.toISOString(),
  };
}
