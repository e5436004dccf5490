import { EVENT_KINDS, labelOf, normalizeLineBreaks, oneLine } from '@app/core';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Event } from './event.entity';
import { EVENT_TIME_ZONE, zoned } from './event-times';

/** The UID of an event in every calendar, the same in every feed and download, for good. */
export function eventUid(event: Pick<Event, 'id'>): string {
  return `${event.id}@events.techfin-bridge`;
}

/**
 * A calendar's NAME and X-WR-CALNAME as RFC 5545 TEXT (§3.3.11). ical-generator writes the
 * calendar name as it is given, so a line break in it would start a property of its own; names
 * come from titles and user names that rows older than SingleLine may hold breaks in.
 */
function calendarName(name: string): string {
  return oneLine(name).replace(/[\\;,]/g, (special) => `\\${special}`);
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
    name: calendarName(options.name),
    prodId: { company: 'TechFin Bridge', product: 'Events', language: 'ZH' },
    method: options.method === 'publish' ? ICalCalendarMethod.PUBLISH : undefined,
    // No calendar-wide zone: DTSTAMP stays in UTC as RFC 5545 asks; events name theirs.
    timezone: { name: '', generator: getVtimezoneComponent },
  });
  for (const event of events) {
    // ical-generator escapes the TEXT of an event's properties, yet only CR and LF: the other
    // breaks a reader may split on are made plain here, and one-line fields kept on one line.
    const onlineUrl = event.onlineUrl === null ? null : oneLine(event.onlineUrl);
    const where = [event.venue, onlineUrl]
      .filter((part) => part !== null)
      .map(oneLine)
      .join(' / ');
    const description = normalizeLineBreaks(event.description);
    calendar.createEvent({
      id: eventUid(event),
      sequence: event.icalSequence,
      stamp: options.now,
      created: event.createdAt,
      lastModified: event.updatedAt,
      start: zoned(event.startsAt),
      end: zoned(event.endsAt),
      timezone: EVENT_TIME_ZONE,
      summary: oneLine(event.title),
      description: onlineUrl ? `${description}\n\n线上参会：${onlineUrl}` : description,
      location: where || null,
      url: onlineUrl,
      categories: [{ name: labelOf(EVENT_KINDS, event.kind) }],
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
