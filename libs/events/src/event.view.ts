import type { District, EventAudience, EventKind, EventStatus } from '@app/core';
import type { Event } from './event.entity';
import { EVENT_TIME_ZONE, localTime } from './event-times';
import type { RegistrationView } from './registration.view';

export interface EventSeats {
  capacity: number;
  /** Registered and checked in. */
  taken: number;
  left: number;
  waitlisted: number;
  checkedIn: number;
}

export interface EventView {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  organizer: { id: string; name: string };
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
  timeZone: typeof EVENT_TIME_ZONE;
  /** The same times in Asia/Shanghai, as people read them. */
  local: { startsAt: string; endsAt: string; registrationDeadline: string };
  venue: string | null;
  onlineUrl: string | null;
  district: District | null;
  audience: EventAudience;
  status: EventStatus;
  seats: EventSeats;
  /** Roadshows: the rhythm of the pitch slots. */
  pitch: { pitchMinutes: number; qaMinutes: number; slots: number } | null;
  /** The iCalendar SEQUENCE: raised by every change a calendar must pick up. */
  sequence: number;
  cancelReason: string | null;
  publishedAt: string | null;
  cancelledAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The caller's own registration, if any. */
  myRegistration: RegistrationView | null;
}

export interface EventViewParts {
  organizerName: string;
  waitlisted: number;
  checkedIn: number;
  slots: number;
  myRegistration: RegistrationView | null;
}

export function toEventView(event: Event, parts: EventViewParts): EventView {
  return {
    id: event.id,
    kind: event.kind,
    title: event.title,
    description: event.description,
    organizer: { id: event.organizerId, name: parts.organizerName },
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    registrationDeadline: event.registrationDeadline.toISOString(),
    timeZone: EVENT_TIME_ZONE,
    local: {
      startsAt: localTime(event.startsAt),
      endsAt: localTime(event.endsAt),
      registrationDeadline: localTime(event.registrationDeadline),
    },
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    district: event.district,
    audience: event.audience,
    status: event.status,
    seats: {
      capacity: event.capacity,
      taken: event.seatsTaken,
      left: Math.max(0, event.capacity - event.seatsTaken),
      waitlisted: parts.waitlisted,
      checkedIn: parts.checkedIn,
    },
    pitch:
      event.pitchMinutes !== null && event.qaMinutes !== null
        ? { pitchMinutes: event.pitchMinutes, qaMinutes: event.qaMinutes, slots: parts.slots }
        : null,
    sequence: event.icalSequence,
    cancelReason: event.cancelReason,
    publishedAt: event.publishedAt?.toISOString() ?? null,
    cancelledAt: event.cancelledAt?.toISOString() ?? null,
    completedAt: event.completedAt?.toISOString() ?? null,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
    myRegistration: parts.myRegistration,
  };
}
