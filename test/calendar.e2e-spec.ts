import ICAL from 'ical.js';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCommissioner, loginAdmin, register, SessionBody } from './helpers/factories';
import { createEvent, hoursAhead, publishedEvent, signUp } from './helpers/event-factories';
import { startApp, TestApp } from './helpers/test-app';

/**
 * Reads iCalendar text with ical.js, a different library from the one that writes it, and
 * answers its events by UID.
 */
function parseCalendar(text: string): {
  calendar: ICAL.Component;
  byUid: Map<string, ICAL.Component>;
} {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const byUid = new Map(
    calendar
      .getAllSubcomponents('vevent')
      .map((vevent) => [String(vevent.getFirstPropertyValue('uid')), vevent] as const),
  );
  return { calendar, byUid };
}

const uidOf = (eventId: string) => `${eventId}@events.techfin-bridge`;

describe('calendars', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const get = (path: string, token?: string) => {
    const call = request(t.http).get(`/api/v1${path}`);
    return token ? call.auth(token, { type: 'bearer' }) : call;
  };

  describe('GET /events/:id/ics', () => {
    it('should answer an RFC 5545 file with a stable UID and Asia/Shanghai times', async () => {
      const organizer = await createCommissioner(t.http, admin.accessToken);
      const event = await publishedEvent(t.http, organizer.token, {
        title: '专精特新企业银行专场宣讲会，第二场; "信用贷"',
        startsAt: '2031-09-09T09:30',
        endsAt: '2031-09-09T11:30',
        venue: `市南区金融街 ${Date.now()} 号`,
      });
      const guest = await register(t.http, 'enterprise');

      const response = await get(`/events/${event.id}/ics`, guest.accessToken);

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const { calendar, byUid } = parseCalendar(response.text);
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      const vevent = byUid.get(uidOf(event.id))!;
      const parsed = new ICAL.Event(vevent);
      expect(parsed.summary).toBe(event.title);
      expect(parsed.location).toBe(event.venue);
      expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
      expect(parsed.startDate.toString()).toBe('2031-09-09T09:30:00');
      expect(parsed.startDate.toJSDate().toISOString()).toBe('2031-09-09T01:30:00.000Z');
      expect(parsed.endDate.toJSDate().toISOString()).toBe(event.endsAt);
      expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(parsed.sequence).toBe(0);

      // The same UID every time; a change of time raises the SEQUENCE.
      const again = parseCalendar((await get(`/events/${event.id}/ics`, guest.accessToken)).text);
      expect([...again.byUid.keys()]).toEqual([uidOf(event.id)]);
      await request(t.http)
        .patch(`/api/v1/events/${event.id}`)
        .auth(organizer.token, { type: 'bearer' })
        .send({ startsAt: '2031-09-09T10:00' })
        .expect(200);
      const moved = new ICAL.Event(
        parseCalendar((await get(`/events/${event.id}/ics`, guest.accessToken)).text).byUid.get(
          uidOf(event.id),
        ),
      );
      expect(moved.sequence).toBe(1);
      expect(moved.startDate.toString()).toBe('2031-09-09T10:00:00');
    });

    it('should keep line breaks stored in an event from starting properties of its file', async () => {
      const organizer = await createCommissioner(t.http, admin.accessToken);
      const event = await publishedEvent(t.http, organizer.token);
      const guest = await register(t.http, 'enterprise');
      // Rows written before line breaks were refused may still hold them.
      await t.app
        .get(DataSource)
        .query('UPDATE events SET title = ?, venue = ?, description = ? WHERE id = ?', [
          '融资路演\r\nX-INJECTED:title\r\nEND:VEVENT',
          '路演厅\nX-INJECTED:venue',
          '第一段\r\nX-INJECTED:description',
          event.id,
        ]);

      const response = await get(`/events/${event.id}/ics`, guest.accessToken);

      expect(response.status).toBe(200);
      expect(response.text).not.toMatch(/^X-INJECTED/m);
      expect(response.text.split('\r\n').filter((line) => line === 'END:VEVENT')).toHaveLength(1);
      const { calendar, byUid } = parseCalendar(response.text);
      expect(calendar.getAllProperties().map((property) => property.name)).toEqual([
        'version',
        'prodid',
        'method',
        'name',
        'x-wr-calname',
      ]);
      expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
      const vevent = byUid.get(uidOf(event.id))!;
      expect(
        vevent.getAllProperties().filter((property) => property.name.startsWith('x-')),
      ).toEqual([]);
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
        '融资路演 X-INJECTED:title END:VEVENT',
      );
      const parsed = new ICAL.Event(vevent);
      expect(parsed.summary).toBe('融资路演 X-INJECTED:title END:VEVENT');
      expect(parsed.location).toBe('路演厅 X-INJECTED:venue');
      expect(parsed.description).toBe('第一段\nX-INJECTED:description');
    });

    it('should have no file for a draft, nor show it to others', async () => {
      const organizer = await createCommissioner(t.http, admin.accessToken);
      const draft = await createEvent(t.http, organizer.token);
      expect((await get(`/events/${draft.id}/ics`, organizer.token)).status).toBe(409);
      const guest = await register(t.http, 'enterprise');
      expect((await get(`/events/${draft.id}/ics`, guest.accessToken)).status).toBe(404);
      expect((await get(`/events/${draft.id}/ics`)).status).toBe(401);
    });
  });

  describe('personal feeds', () => {
    it("should list a user's events, mark a cancelled one CANCELLED with a raised SEQUENCE, and drop a cancelled sign-up", async () => {
      const organizer = await createCommissioner(t.http, admin.accessToken);
      const kept = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(400),
        endsAt: hoursAhead(402),
      });
      const called = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(410),
        endsAt: hoursAhead(412),
      });
      const left = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(420),
        endsAt: hoursAhead(422),
      });
      const guest = await register(t.http, 'bank');
      for (const event of [kept, called, left]) await signUp(t.http, guest.accessToken, event.id);

      const created = await request(t.http)
        .post('/api/v1/calendar/token')
        .auth(guest.accessToken, { type: 'bearer' });
      expect(created.status).toBe(201);
      const { token, path } = created.body as { token: string; path: string };
      expect(path).toBe(`/api/v1/calendar/${token}/ics`);

      await request(t.http)
        .post(`/api/v1/events/${called.id}/cancel`)
        .auth(organizer.token, { type: 'bearer' })
        .send({ reason: '主讲嘉宾行程变更' })
        .expect(200);
      await request(t.http)
        .delete(`/api/v1/events/${left.id}/registrations`)
        .auth(guest.accessToken, { type: 'bearer' })
        .expect(204);

      const feed = await request(t.http).get(path);
      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const { calendar, byUid } = parseCalendar(feed.text);
      expect(calendar.getFirstPropertyValue('method')).toBeNull();
      expect([...byUid.keys()].sort()).toEqual([uidOf(kept.id), uidOf(called.id)].sort());
      expect(byUid.get(uidOf(kept.id))!.getFirstPropertyValue('status')).toBe('CONFIRMED');
      const cancelled = byUid.get(uidOf(called.id))!;
      expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(cancelled.getFirstPropertyValue('sequence')).toBe(1);

      // The organizer's feed holds the events it runs.
      const own = await request(t.http)
        .post('/api/v1/calendar/token')
        .auth(organizer.token, { type: 'bearer' });
      const organized = parseCalendar((await request(t.http).get(own.body.path)).text);
      expect([...organized.byUid.keys()].sort()).toEqual(
        [uidOf(kept.id), uidOf(called.id), uidOf(left.id)].sort(),
      );
    });

    it('should keep a line break stored in a user name from starting a property of the feed', async () => {
      const guest = await register(t.http, 'enterprise');
      // Rows written before line breaks were refused may still hold them.
      await t.app
        .get(DataSource)
        .query('UPDATE users SET name = ? WHERE id = ?', ['王海\r\nX-INJECTED:1', guest.user.id]);
      const created = await request(t.http)
        .post('/api/v1/calendar/token')
        .auth(guest.accessToken, { type: 'bearer' });

      const feed = await request(t.http).get((created.body as { path: string }).path);

      expect(feed.status).toBe(200);
      expect(feed.text).not.toMatch(/^X-INJECTED/m);
      const { calendar } = parseCalendar(feed.text);
      expect(calendar.getAllProperties().map((property) => property.name)).toEqual([
        'version',
        'prodid',
        'name',
        'x-wr-calname',
      ]);
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('科金桥活动 · 王海 X-INJECTED:1');
    });

    it('should stop answering a rotated or revoked token', async () => {
      const guest = await register(t.http, 'enterprise');
      const create = () =>
        request(t.http).post('/api/v1/calendar/token').auth(guest.accessToken, { type: 'bearer' });
      const first = (await create()).body as { path: string };
      expect((await request(t.http).get(first.path)).status).toBe(200);

      const second = (await create()).body as { path: string };
      const rotated = await request(t.http).get(first.path);
      expect(rotated.status).toBe(404);
      expect(rotated.body.error.code).toBe('CALENDAR_FEED_NOT_FOUND');
      expect((await request(t.http).get(second.path)).status).toBe(200);

      const revoke = () =>
        request(t.http)
          .delete('/api/v1/calendar/token')
          .auth(guest.accessToken, { type: 'bearer' });
      expect((await revoke()).status).toBe(204);
      expect((await request(t.http).get(second.path)).status).toBe(404);
      expect((await revoke()).status).toBe(404);
      expect((await request(t.http).get('/api/v1/calendar/not-a-token/ics')).status).toBe(404);
    });
  });
});
