import { Clock, parseConfig } from '@app/core';
import { EventRemindersJob, ReminderRound } from '@app/events';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createCommissioner, loginAdmin, register, SessionBody } from './helpers/factories';
import { HOUR_MS, publishedEvent, signUp } from './helpers/event-factories';
import { startApp, TestApp } from './helpers/test-app';

interface Told {
  kind: string;
  title: string;
  data: { eventId?: string; window?: string };
}

/**
 * Reminders a day and an hour ahead, sent once per registrant however many workers run: the
 * api's job and a worker's job run their rounds at the same moment on the same database, with
 * both clocks moved to the moments that matter.
 */
describe('event reminders', () => {
  let worker: INestApplicationContext;
  let api: TestApp;
  let clocks: Clock[];
  let jobs: EventRemindersJob[];

  beforeAll(async () => {
    // The worker first: the api started after it handles sign-ins in this process.
    const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent' });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    api = await startApp({ WORKER_IN_PROCESS: 'false' });
    clocks = [api.app.get(Clock), worker.get(Clock)];
    jobs = [api.app.get(EventRemindersJob), worker.get(EventRemindersJob)];
  });
  afterAll(async () => {
    for (const clock of clocks) clock.reset();
    await api.close();
    await worker.close();
  });

  /** Moves both clocks to `at` (real time is still passing underneath). */
  const moveTo = (at: number) => {
    for (const clock of clocks) {
      clock.reset();
      clock.advance(at - Date.now());
    }
  };
  /** One round of each worker at the same moment. */
  const bothRounds = async (): Promise<ReminderRound[]> =>
    Promise.all(jobs.map((job) => job.runOnce()));

  const reminders = async (who: SessionBody, eventId: string) =>
    (
      (
        await request(api.http)
          .get('/api/v1/notifications?pageSize=100')
          .auth(who.accessToken, { type: 'bearer' })
      ).body.items as Told[]
    ).filter((n) => n.kind === 'event_reminder' && n.data.eventId === eventId);

  it('should remind each registrant once a day ahead and once an hour ahead, with two workers', async () => {
    const admin = await loginAdmin(api.http);
    const organizer = await createCommissioner(api.http, admin.accessToken);
    // Far enough ahead that no other suite's moved clock reaches it.
    const startsAt = Date.now() + 30 * HOUR_MS;
    const event = await publishedEvent(api.http, organizer.token, {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * HOUR_MS).toISOString(),
      capacity: 2,
    });
    const people = await Promise.all([
      register(api.http, 'enterprise'),
      register(api.http, 'bank'),
      register(api.http, 'enterprise'),
    ]);
    for (const person of people) await signUp(api.http, person.accessToken, event.id);
    const [first, second, waiting] = people;
    const sent = (rounds: ReminderRound[]) =>
      rounds.flatMap((round) => round.sent).filter((key) => key.startsWith(event.id));

    moveTo(startsAt - 25 * HOUR_MS);
    expect(sent(await bothRounds())).toEqual([]);

    moveTo(startsAt - 24 * HOUR_MS + 60_000);
    expect(sent(await bothRounds())).toEqual([`${event.id}:24h`]);
    expect(sent(await bothRounds())).toEqual([]);
    for (const person of [first, second]) {
      expect((await reminders(person, event.id)).map((n) => n.data.window)).toEqual(['24h']);
    }
    expect(await reminders(waiting, event.id)).toEqual([]);

    moveTo(startsAt - HOUR_MS + 60_000);
    const [a, b] = await Promise.all([bothRounds(), bothRounds()]);
    expect(sent([...a, ...b])).toEqual([`${event.id}:1h`]);
    for (const person of [first, second]) {
      const told = await reminders(person, event.id);
      expect(told.map((n) => n.data.window).sort()).toEqual(['1h', '24h']);
      expect(told.find((n) => n.data.window === '1h')?.title).toBe(`1小时后开始：${event.title}`);
    }

    moveTo(startsAt + 2 * HOUR_MS + 60_000);
    const ended = await bothRounds();
    expect(ended.flatMap((round) => round.completed).filter((id) => id === event.id)).toEqual([
      event.id,
    ]);
    const after = await request(api.http)
      .get(`/api/v1/events/${event.id}`)
      .auth(organizer.token, { type: 'bearer' });
    expect(after.body.status).toBe('completed');
  });

  it('should remind a rescheduled event for its new start, skipping a day-ahead reminder that comes due within the hour', async () => {
    for (const clock of clocks) clock.reset();
    const admin = await loginAdmin(api.http);
    const organizer = await createCommissioner(api.http, admin.accessToken);
    const startsAt = Date.now() + 27 * HOUR_MS;
    const event = await publishedEvent(api.http, organizer.token, {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + HOUR_MS).toISOString(),
    });
    const guest = await register(api.http, 'enterprise');
    await signUp(api.http, guest.accessToken, event.id);

    moveTo(startsAt - 24 * HOUR_MS + 60_000);
    await bothRounds();
    expect((await reminders(guest, event.id)).map((n) => n.data.window)).toEqual(['24h']);

    // Brought forward by an hour: both reminders are due again for the new start, and when the
    // rounds only come half an hour before it, the hour-ahead one alone goes out.
    for (const clock of clocks) clock.reset();
    const earlier = startsAt - HOUR_MS;
    await request(api.http)
      .patch(`/api/v1/events/${event.id}`)
      .auth(organizer.token, { type: 'bearer' })
      .send({ startsAt: new Date(earlier).toISOString() })
      .expect(200);
    moveTo(earlier - 30 * 60_000);
    const rounds = await bothRounds();
    expect(rounds.flatMap((r) => r.sent).filter((key) => key.startsWith(event.id))).toEqual([
      `${event.id}:1h`,
    ]);
    expect((await reminders(guest, event.id)).map((n) => n.data.window).sort()).toEqual([
      '1h',
      '24h',
    ]);
    expect(await bothRounds()).toEqual([
      expect.objectContaining({ sent: [] }),
      expect.objectContaining({ sent: [] }),
    ]);
  });
});
