import { EVENT_KINDS, labelOf } from '@app/core';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Event } from './event.entity';
import { EVENT_TIME_ZONE, zoned } from './event-times';

/** The UID of an event in every calendar, the same in every feed and download, for good. */
export function eventUid(event: Pick<Event, 'id'>): string {
  return `${event.id}@events.techfin-bridge`;
}

/**
 * An iCalendar (RFC 5545) of events. Times carry TZID=Asia/Shanghai with its VTIMEZONE, so a
 * calendar shows the local time wherever it is; a cancelled event stays in the file with
 * STATUS:CANCELLED and its raised SEQUENCE, so that calendars that have it drop it.
 */
export function eventsCalendar(
  events: Event[],
  options: { name: string; now: Date; method?: 'publish' },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'TechFin Bridge', product: 'Events', language: 'ZH' },
    method: options.method === 'publish' ? ICalCalendarMethod.PUBLISH : undefined,
    // No calendar-wide zone: DTSTAMP stays in UTC as RFC 5545 asks; events name theirs.
    timezone: { name: '', generator: getVtimezoneComponent },
  });
  for (const event of events) {
    const where = [event.venue, event.onlineUrl].filter((part) => part !== null).join(' / ');
    calendar.createEvent({
      id: eventUid(event),
      sequence: event.icalSequence,
      stamp: options.now,
      created: event.createdAt,
      lastModified: event.updatedAt,
      start: zoned(event.startsAt),
      end: zoned(event.endsAt),
      timezone: EVENT_TIME_ZONE,
      summary: event.title,
      description: event.onlineUrl
        ? `${event.description}\n\n线上参会：${event.onlineUrl}`
        : event.description,
      location: where || null,
      url: event.onlineUrl,
      categories: [{ name: labelOf(EVENT_KINDS, event.kind) }],
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
