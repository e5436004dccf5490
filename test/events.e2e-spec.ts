import { Clock } from '@app/core';
import request from 'supertest';
import {
  createCommissioner,
  loginAdmin,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import {
  createEvent,
  eventBody,
  EventBody,
  hoursAhead,
  inBatches,
  moreMembers,
  publishedEvent,
  RegistrationBody,
  signUp,
  tag,
} from './helpers/event-factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

type Who = { accessToken: string } | { token: string };

/**
 * Events through HTTP against the real database and Meilisearch. Each test makes its own
 * organizer and venue, so that no other suite's events clash with its own.
 */
describe('events', () => {
  let t: TestApp;
  let admin: SessionBody;
  let organizer: { id: string; token: string };
  let enterprise: SessionBody;
  let bank: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
  });
  // A fresh organizer for each test, so that its events clash with no one else's.
  beforeEach(async () => {
    organizer = await createCommissioner(t.http, admin.accessToken);
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
  });

  const token = (who: Who) => ('token' in who ? who.token : who.accessToken);
  const api = (who: Who) => ({
    get: (path: string) =>
      request(t.http).get(`/api/v1${path}`).auth(token(who), { type: 'bearer' }),
    post: (path: string, body: object = {}) =>
      request(t.http).post(`/api/v1${path}`).auth(token(who), { type: 'bearer' }).send(body),
    patch: (path: string, body: object) =>
      request(t.http).patch(`/api/v1${path}`).auth(token(who), { type: 'bearer' }).send(body),
    delete: (path: string) =>
      request(t.http).delete(`/api/v1${path}`).auth(token(who), { type: 'bearer' }),
  });
  const notifications = async (who: Who, kind: string, eventId: string) =>
    (
      (await api(who).get('/notifications?pageSize=100')).body.items as {
        kind: string;
        title: string;
        data: { eventId?: string };
      }[]
    ).filter((n) => n.kind === kind && n.data.eventId === eventId);

  describe('POST /events and PATCH /events/:id', () => {
    it('should create a draft in UTC, shown in Asia/Shanghai, that only staff may create', async () => {
      const response = await api(organizer).post('/events', {
        ...eventBody(),
        startsAt: '2031-05-20T14:00',
        endsAt: '2031-05-20T17:30:00+08:00',
      });

      expect(response.status).toBe(201);
      const event = response.body as EventBody;
      expect(event).toMatchObject({
        status: 'draft',
        startsAt: '2031-05-20T06:00:00.000Z',
        endsAt: '2031-05-20T09:30:00.000Z',
        registrationDeadline: '2031-05-20T06:00:00.000Z',
        timeZone: 'Asia/Shanghai',
        local: { startsAt: '2031-05-20T14:00:00+08:00', endsAt: '2031-05-20T17:30:00+08:00' },
        organizer: { id: organizer.id, name: '测试特派员' },
        seats: { capacity: 50, taken: 0, left: 50, waitlisted: 0, checkedIn: 0 },
        pitch: null,
        sequence: 0,
      });
      expect((await api(enterprise).post('/events', eventBody())).status).toBe(403);
      // Someone else's draft does not exist for them.
      const other = await createCommissioner(t.http, admin.accessToken);
      expect((await api(other).get(`/events/${event.id}`)).status).toBe(404);
      expect((await api(enterprise).get(`/events/${event.id}`)).status).toBe(404);
      expect((await api(admin).get(`/events/${event.id}`)).status).toBe(200);
    });

    it('should refuse bad times with 400 and every problem named', async () => {
      const start = hoursAhead(300);
      const backwards = await api(organizer).post('/events', {
        ...eventBody(),
        startsAt: start,
        endsAt: hoursAhead(299),
        registrationDeadline: hoursAhead(301),
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.code).toBe('EVENT_TIMES_INVALID');
      expect(backwards.body.error.details).toEqual([
        expect.objectContaining({ field: 'endsAt', code: 'beforeStart' }),
        expect.objectContaining({ field: 'registrationDeadline', code: 'afterStart' }),
      ]);

      const malformed = await api(organizer).post('/events', {
        ...eventBody(),
        startsAt: '2031-02-30T10:00',
        capacity: 0,
        kind: 'party',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
      expect(malformed.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'capacity',
        'kind',
        'startsAt',
      ]);

      const nowhere = await api(organizer).post('/events', { ...eventBody(), venue: undefined });
      expect(nowhere.body.error.details[0]).toMatchObject({
        field: 'venue',
        code: 'venueOrOnline',
      });

      const salonRhythm = await api(organizer).post('/events', { ...eventBody(), pitchMinutes: 5 });
      expect(salonRhythm.body.error.details[0]).toMatchObject({ code: 'roadshowOnly' });
    });

    it('should refuse to publish an event whose start has passed', async () => {
      const draft = await createEvent(t.http, organizer.token, {
        startsAt: hoursAhead(-2),
        endsAt: hoursAhead(1),
      });
      const response = await api(organizer).post(`/events/${draft.id}/publish`);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'EVENT_TIMES_INVALID',
        details: [expect.objectContaining({ field: 'startsAt', code: 'inPast' })],
      });
    });

    it('should let only the organizer and admins edit, keeping kind and audience once published', async () => {
      const event = await publishedEvent(t.http, organizer.token);
      const other = await createCommissioner(t.http, admin.accessToken);
      expect((await api(other).patch(`/events/${event.id}`, { title: '改名' })).status).toBe(403);

      const renamed = await api(admin).patch(`/events/${event.id}`, { title: '知识产权质押沙龙' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ title: '知识产权质押沙龙', sequence: 1 });

      const audience = await api(organizer).patch(`/events/${event.id}`, {
        audience: 'enterprise',
      });
      expect(audience.status).toBe(409);
      expect(audience.body.error).toMatchObject({
        code: 'EVENT_STATUS_CONFLICT',
        details: { field: 'audience' },
      });
      const cleared = await api(organizer).patch(`/events/${event.id}`, { title: null });
      expect(cleared.body.error.details[0]).toMatchObject({ field: 'title', code: 'notNull' });
    });
  });

  describe('scheduling conflicts', () => {
    it('should refuse a second overlapping published event of one organizer, naming the first', async () => {
      const boss = await createCommissioner(t.http, admin.accessToken);
      const first = await publishedEvent(t.http, boss.token, {
        startsAt: hoursAhead(500),
        endsAt: hoursAhead(503),
      });
      const second = await createEvent(t.http, boss.token, {
        startsAt: hoursAhead(502),
        endsAt: hoursAhead(504),
      });

      const response = await api(boss).post(`/events/${second.id}/publish`);

      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'EVENT_SCHEDULE_CONFLICT',
        details: { conflictWith: { id: first.id, title: first.title }, on: ['organizer'] },
      });
      expect(response.body.error.message).toContain(first.title);
      // Back to back is fine.
      await api(boss).patch(`/events/${second.id}`, { startsAt: first.endsAt }).expect(200);
      await api(boss).post(`/events/${second.id}/publish`).expect(200);
      // Moving a published event onto the other one clashes as well.
      const moved = await api(boss).patch(`/events/${second.id}`, { startsAt: hoursAhead(501) });
      expect(moved.body.error.code).toBe('EVENT_SCHEDULE_CONFLICT');
    });

    it('should refuse one venue holding two overlapping events, however it is spelled', async () => {
      const room = `黄岛区海洋科技园 ${tag()} 会议室`;
      const first = await publishedEvent(t.http, organizer.token, {
        venue: room,
        startsAt: hoursAhead(600),
        endsAt: hoursAhead(602),
      });
      const someoneElse = await createCommissioner(t.http, admin.accessToken);
      const second = await createEvent(t.http, someoneElse.token, {
        venue: `  ${room.replace(/ /g, '')} `.toUpperCase(),
        startsAt: hoursAhead(601),
        endsAt: hoursAhead(603),
      });

      const response = await api(someoneElse).post(`/events/${second.id}/publish`);

      expect(response.status).toBe(409);
      expect(response.body.error.details).toMatchObject({
        conflictWith: { id: first.id },
        on: ['venue'],
      });
    });

    it('should let exactly one of two overlapping events of one organizer publish when they race', async () => {
      const boss = await createCommissioner(t.http, admin.accessToken);
      const drafts = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          createEvent(t.http, boss.token, {
            startsAt: hoursAhead(700 + i * 0.1),
            endsAt: hoursAhead(702),
          }),
        ),
      );
      const answers = await Promise.all(
        drafts.map((draft) => api(boss).post(`/events/${draft.id}/publish`)),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    });
  });

  describe('GET /events', () => {
    it('should search published events by words, kind, district, audience and dates', async () => {
      const word = `量子传感${tag()}`;
      const start = Date.now() + 800 * 3_600_000;
      const briefing = await publishedEvent(t.http, organizer.token, {
        kind: 'briefing',
        title: `${word}专场宣讲会`,
        district: 'huangdao',
        audience: 'institution',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 7_200_000).toISOString(),
      });
      await createEvent(t.http, organizer.token, { title: `${word}草稿` });
      const day = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10);
      const search = (who: Who, query: Record<string, string>) =>
        api(who).get(`/events?${new URLSearchParams({ q: word, ...query }).toString()}`);

      const found = await eventually(async () => {
        const response = await search(bank, { kind: 'briefing', district: 'huangdao' });
        expect(response.body.items.map((e: EventBody) => e.id)).toEqual([briefing.id]);
        return response;
      });
      expect(found.body.total).toBe(1);
      expect((await search(bank, { from: day, to: day })).body.total).toBe(1);
      expect((await search(bank, { kind: 'salon' })).body.total).toBe(0);
      expect((await search(bank, { district: 'jimo' })).body.total).toBe(0);
      expect((await search(bank, { from: hoursAhead(900) })).body.total).toBe(0);
      // An enterprise does not find an event for institutions, nor a draft anyone.
      expect((await search(enterprise, {})).body.total).toBe(0);
      expect((await search(organizer, { audience: 'institution' })).body.total).toBe(1);

      const mine = await api(organizer).get('/events?mine=true&pageSize=100');
      expect(mine.body.items.map((e: EventBody) => e.id)).toContain(briefing.id);
      expect((await api(bank).get('/events?status=draft')).status).toBe(400);
    });

    it('should drop a cancelled event from search', async () => {
      const word = `纾困行动${tag()}`;
      const event = await publishedEvent(t.http, organizer.token, {
        kind: 'relief_action',
        title: word,
      });
      await eventually(async () =>
        expect((await api(enterprise).get(`/events?q=${word}`)).body.total).toBe(1),
      );
      await api(organizer).post(`/events/${event.id}/cancel`, { reason: '场地检修' }).expect(200);
      await eventually(async () =>
        expect((await api(enterprise).get(`/events?q=${word}`)).body.total).toBe(0),
      );
    });
  });

  describe('registrations', () => {
    it('should refuse sign-ups outside the audience, after the deadline and by staff', async () => {
      const forInstitutions = await publishedEvent(t.http, organizer.token, {
        audience: 'institution',
      });
      const refused = await api(enterprise).post(`/events/${forInstitutions.id}/registrations`);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'EVENT_AUDIENCE_MISMATCH',
        details: { audience: 'institution', role: 'enterprise' },
      });
      expect((await api(bank).post(`/events/${forInstitutions.id}/registrations`)).status).toBe(
        201,
      );
      expect(
        (await api(organizer).post(`/events/${forInstitutions.id}/registrations`)).status,
      ).toBe(403);

      const closing = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(100),
        endsAt: hoursAhead(101),
        registrationDeadline: hoursAhead(1),
      });
      const clock = t.app.get(Clock);
      clock.advance(2 * 3_600_000);
      try {
        const late = await api(enterprise).post(`/events/${closing.id}/registrations`);
        expect(late.status).toBe(409);
        expect(late.body.error).toMatchObject({
          code: 'EVENT_REGISTRATION_CLOSED',
          details: { reason: 'deadline' },
        });
      } finally {
        clock.reset();
      }

      const draft = await createEvent(t.http, organizer.token);
      expect((await api(enterprise).post(`/events/${draft.id}/registrations`)).status).toBe(404);
    });

    it('should give exactly 50 seats and 150 waitlist places to 200 simultaneous sign-ups', async () => {
      const event = await publishedEvent(t.http, organizer.token, { capacity: 50 });
      const firstEnterprise = await register(t.http, 'enterprise');
      const firstBank = await register(t.http, 'bank');
      const people = [
        ...(await moreMembers(t.app, firstEnterprise, 100)),
        ...(await moreMembers(t.app, firstBank, 100)),
      ];

      const answers = await Promise.all(
        people.map((person) => api(person).post(`/events/${event.id}/registrations`)),
      );

      expect(answers.map((a) => a.status)).toEqual(Array<number>(200).fill(201));
      const statuses = answers.map((a) => (a.body as RegistrationBody).status);
      expect(statuses.filter((s) => s === 'registered')).toHaveLength(50);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(150);
      const positions = answers
        .map((a) => (a.body as RegistrationBody).waitlistPosition)
        .filter((p) => p !== null)
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
      const after = (await api(organizer).get(`/events/${event.id}`)).body as EventBody;
      expect(after.seats).toMatchObject({ capacity: 50, taken: 50, left: 0, waitlisted: 150 });
      const again = await api(people[0]).post(`/events/${event.id}/registrations`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('EVENT_ALREADY_REGISTERED');
    });

    it('should promote the waitlist in order when a seat frees up, and tell the one promoted', async () => {
      const event = await publishedEvent(t.http, organizer.token, { capacity: 2 });
      const people = await inBatches([0, 1, 2, 3], 4, () => register(t.http, 'enterprise'));
      const signed: RegistrationBody[] = [];
      for (const person of people) signed.push(await signUp(t.http, person.accessToken, event.id));
      expect(signed.map((r) => [r.status, r.waitlistPosition])).toEqual([
        ['registered', null],
        ['registered', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]);

      await api(people[0]).delete(`/events/${event.id}/registrations`).expect(204);

      const third = (await api(people[2]).get(`/events/${event.id}`)).body as EventBody;
      expect(third.myRegistration).toMatchObject({ status: 'registered', waitlistPosition: null });
      const fourth = (await api(people[3]).get(`/events/${event.id}`)).body as EventBody;
      expect(fourth.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect(await notifications(people[2], 'event_promoted', event.id)).toHaveLength(1);
      expect(await notifications(people[3], 'event_promoted', event.id)).toHaveLength(0);

      // A waitlisted person leaving frees no seat; more capacity promotes the rest.
      await api(organizer).patch(`/events/${event.id}`, { capacity: 3 }).expect(200);
      const promoted = (await api(people[3]).get(`/events/${event.id}`)).body as EventBody;
      expect(promoted.myRegistration?.status).toBe('registered');
      const lower = await api(organizer).patch(`/events/${event.id}`, { capacity: 1 });
      expect(lower.status).toBe(409);
      expect(lower.body.error).toMatchObject({
        code: 'EVENT_CAPACITY_CONFLICT',
        details: { seatsTaken: 3 },
      });

      // Signing up again after cancelling goes to the back of the line.
      const back = await signUp(t.http, people[0].accessToken, event.id);
      expect(back).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      const list = await api(organizer).get(`/events/${event.id}/registrations`);
      expect(list.body.items.map((r: RegistrationBody) => r.attendee.userId)).toEqual([
        people[1].user.id,
        people[2].user.id,
        people[3].user.id,
        people[0].user.id,
      ]);
      const own = await api(people[1]).get(`/events/${event.id}/registrations`);
      expect(own.body.items.map((r: RegistrationBody) => r.attendee.userId)).toEqual([
        people[1].user.id,
      ]);
      expect((await api(people[1]).delete(`/events/${event.id}/registrations`)).status).toBe(204);
      expect((await api(people[1]).delete(`/events/${event.id}/registrations`)).status).toBe(404);
    });
  });

  describe('POST /events/:id/cancel', () => {
    it('should tell every registrant, waitlist included, and refuse a second cancellation', async () => {
      const event = await publishedEvent(t.http, organizer.token, { capacity: 1 });
      const seated = await register(t.http, 'enterprise');
      const waiting = await register(t.http, 'bank');
      await signUp(t.http, seated.accessToken, event.id);
      await signUp(t.http, waiting.accessToken, event.id);

      const response = await api(organizer).post(`/events/${event.id}/cancel`, {
        reason: '因台风预警，活动取消。',
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'cancelled',
        cancelReason: '因台风预警，活动取消。',
        sequence: 1,
      });
      for (const person of [seated, waiting]) {
        const told = await notifications(person, 'event_cancelled', event.id);
        expect(told).toEqual([expect.objectContaining({ title: `活动已取消：${event.title}` })]);
      }
      const again = await api(organizer).post(`/events/${event.id}/cancel`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('EVENT_STATUS_CONFLICT');
      expect((await api(enterprise).post(`/events/${event.id}/registrations`)).status).toBe(409);
    });
  });

  describe('check-in', () => {
    it('should check a seat in once with its signed code, refusing a second use and forgeries', async () => {
      const event = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(1),
        endsAt: hoursAhead(50),
      });
      const guest = await register(t.http, 'enterprise');
      await signUp(t.http, guest.accessToken, event.id);
      const code = (await api(guest).get(`/events/${event.id}/check-in-code`)).body as {
        token: string;
        registrationId: string;
      };
      const qr = await api(guest).get(`/events/${event.id}/check-in-code/qr`);
      expect(qr.status).toBe(200);
      expect(qr.headers['content-type']).toBe('image/png');
      expect((qr.body as Buffer).subarray(1, 4).toString()).toBe('PNG');

      const first = await api(organizer).post(`/events/${event.id}/check-ins`, {
        token: code.token,
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        id: code.registrationId,
        status: 'checked_in',
        attendee: { userId: guest.user.id, orgName: guest.organization.name },
      });
      const second = await api(organizer).post(`/events/${event.id}/check-ins`, {
        token: code.token,
      });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('CHECK_IN_ALREADY_USED');

      const [id, signature] = code.token.split('.');
      const flipped = `${id}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      for (const forged of [flipped, 'hello', `${id}.`, `${crypto.randomUUID()}.${signature}`]) {
        const response = await api(organizer).post(`/events/${event.id}/check-ins`, {
          token: forged,
        });
        expect({ forged, status: response.status, code: response.body.error?.code }).toEqual({
          forged,
          status: 400,
          code: 'CHECK_IN_TOKEN_INVALID',
        });
      }
      // A code of another event is no good here either.
      const elsewhere = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(51),
        endsAt: hoursAhead(52),
      });
      expect(
        (await api(organizer).post(`/events/${elsewhere.id}/check-ins`, { token: code.token })).body
          .error.code,
      ).toBe('CHECK_IN_TOKEN_INVALID');
      expect(
        (await api(guest).post(`/events/${event.id}/check-ins`, { token: code.token })).status,
      ).toBe(403);
      const counted = (await api(organizer).get(`/events/${event.id}`)).body as EventBody;
      expect(counted.seats).toMatchObject({ taken: 1, checkedIn: 1 });
    });

    it('should let one of two simultaneous scans of a code through', async () => {
      const event = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(1),
        endsAt: hoursAhead(50),
      });
      const guest = await register(t.http, 'bank');
      await signUp(t.http, guest.accessToken, event.id);
      const { token: code } = (await api(guest).get(`/events/${event.id}/check-in-code`)).body;
      const scans = await Promise.all(
        [0, 1, 2].map(() => api(organizer).post(`/events/${event.id}/check-ins`, { token: code })),
      );
      expect(scans.map((s) => s.status).sort()).toEqual([200, 409, 409]);
    });

    it('should give the waitlist no code and refuse a check-in before the doors open', async () => {
      const event = await publishedEvent(t.http, organizer.token, { capacity: 1 });
      const seated = await register(t.http, 'enterprise');
      const waiting = await register(t.http, 'enterprise');
      await signUp(t.http, seated.accessToken, event.id);
      await signUp(t.http, waiting.accessToken, event.id);
      expect((await api(waiting).get(`/events/${event.id}/check-in-code`)).status).toBe(404);
      const { token: code } = (await api(seated).get(`/events/${event.id}/check-in-code`)).body;
      const early = await api(organizer).post(`/events/${event.id}/check-ins`, { token: code });
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({
        code: 'CHECK_IN_NOT_ALLOWED',
        details: { reason: 'closed' },
      });
    });
  });

  describe('follow-ups', () => {
    it('should record follow-ups once the event started, about organizations that came', async () => {
      const event = await publishedEvent(t.http, organizer.token, {
        startsAt: hoursAhead(1),
        endsAt: hoursAhead(50),
      });
      const guest = await register(t.http, 'enterprise');
      await signUp(t.http, guest.accessToken, event.id);
      const note = {
        orgId: guest.organization.id,
        note: '有设备贷款意向，下周走访。',
        dueOn: '2031-06-01',
      };
      const early = await api(organizer).post(`/events/${event.id}/follow-ups`, note);
      expect(early.status).toBe(409);

      const clock = t.app.get(Clock);
      clock.advance(2 * 3_600_000);
      try {
        const created = await api(organizer).post(`/events/${event.id}/follow-ups`, note);
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          organization: { id: guest.organization.id, name: guest.organization.name },
          note: note.note,
          dueOn: '2031-06-01',
        });
        const stranger = await api(organizer).post(`/events/${event.id}/follow-ups`, {
          ...note,
          orgId: bank.organization.id,
        });
        expect(stranger.status).toBe(404);
        const list = await api(organizer).get(`/events/${event.id}/follow-ups`);
        expect(list.body.items).toHaveLength(1);
        const other = await createCommissioner(t.http, admin.accessToken);
        expect((await api(other).get(`/events/${event.id}/follow-ups`)).status).toBe(403);
        expect((await api(guest).get(`/events/${event.id}/follow-ups`)).status).toBe(403);
      } finally {
        clock.reset();
      }
    });
  });
});
