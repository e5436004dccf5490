import ICAL from 'ical.js';
import type { Event } from './event.entity';
import { eventsCalendar, eventUid } from './event-ics';

function event(overrides: Partial<Event> = {}): Event {
  return {
    id: '5f0c7a9e-2b1d-4c3e-9f8a-1b2c3d4e5f60',
    kind: 'roadshow',
    title: '崂山区科技企业融资路演；第三期, "AI 专场"',
    description: '八家企业路演，投资机构点评。',
    organizerId: 'organizer',
    createdBy: 'organizer',
    startsAt: new Date('2026-05-20T06:00:00Z'),
    endsAt: new Date('2026-05-20T09:00:00Z'),
    registrationDeadline: new Date('2026-05-19T06:00:00Z'),
    venue: '崂山区科技金融服务中心3楼路演厅',
    venueKey: null,
    onlineUrl: null,
    district: 'laoshan',
    capacity: 100,
    audience: 'all',
    status: 'published',
    pitchMinutes: 8,
    qaMinutes: 7,
    seatsTaken: 0,
    lastSeq: 0,
    icalSequence: 0,
    cancelReason: null,
    publishedAt: null,
    cancelledAt: null,
    completedAt: null,
    reminded24hAt: null,
    reminded1hAt: null,
    createdAt: new Date('2026-05-01T00:00:00Z'),
    updatedAt: new Date('2026-05-02T00:00:00Z'),
    ...overrides,
  };
}

/** Reads the text back with ical.js, a different library from the one that wrote it. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

describe('eventsCalendar', () => {
  const now = new Date('2026-05-10T00:00:00Z');

  it('should write one VEVENT with a stable UID, Asia/Shanghai times and its text intact', () => {
    const calendar = parse(eventsCalendar([event()], { name: '路演', now, method: 'publish' }));
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const parsed = new ICAL.Event(vevent);

    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(parsed.uid).toBe(eventUid(event()));
    expect(parsed.summary).toBe(event().title);
    expect(parsed.location).toBe(event().venue);
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(parsed.startDate.toString()).toBe('2026-05-20T14:00:00');
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-05-20T06:00:00.000Z');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-05-20T09:00:00.000Z');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(parsed.sequence).toBe(0);
    expect((vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).zone?.tzid).toBe('UTC');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(
      'Asia/Shanghai',
    );
  });

  it('should mark a cancelled event CANCELLED with its raised SEQUENCE and the same UID', () => {
    const cancelled = event({ status: 'cancelled', icalSequence: 2 });
    const vevent = parse(eventsCalendar([cancelled], { name: 'x', now })).getFirstSubcomponent(
      'vevent',
    )!;

    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(vevent.getFirstPropertyValue('uid')).toBe(eventUid(event()));
  });

  it('should keep line breaks stored before they were refused from starting properties', () => {
    const legacy = event({
      title: '路演\r\nX-INJECTED:title\u2028END:VEVENT',
      venue: '路演厅\nX-INJECTED:venue',
      onlineUrl: 'https://meeting.example/room/1\u0085X-INJECTED:url',
      description: '第一段\r\n第二段\u2029第三段',
    });
    const text = eventsCalendar([legacy], {
      name: '科金桥活动 · 王海\r\nX-INJECTED:name; a,b\\c',
      now,
      method: 'publish',
    });
    const calendar = parse(text);
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const parsed = new ICAL.Event(vevent);

    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(text).not.toMatch(/^X-INJECTED/m);
    const names = (component: ICAL.Component) =>
      component.getAllProperties().map((property) => property.name);
    expect(names(calendar)).toEqual(['version', 'prodid', 'method', 'name', 'x-wr-calname']);
    expect(names(vevent).filter((name) => name.startsWith('x-'))).toEqual([]);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      '科金桥活动 · 王海 X-INJECTED:name\\; a\\,b\\\\c',
    );
    expect(parsed.summary).toBe('路演 X-INJECTED:title END:VEVENT');
    expect(parsed.location).toBe(
      '路演厅 X-INJECTED:venue / https://meeting.example/room/1 X-INJECTED:url',
    );
    expect(parsed.description).toBe(
      '第一段\n第二段\n第三段\n\n线上参会：https://meeting.example/room/1 X-INJECTED:url',
    );
  });

  it('should put an online link in the location, the URL and the description', () => {
    const online = event({ venue: null, onlineUrl: 'https://meeting.example/room/1' });
    const parsed = new ICAL.Event(
      parse(eventsCalendar([online], { name: 'x', now })).getFirstSubcomponent('vevent')!,
    );
    expect(parsed.location).toBe('https://meeting.example/room/1');
    expect(parsed.description).toContain('https://meeting.example/room/1');
  });
});
