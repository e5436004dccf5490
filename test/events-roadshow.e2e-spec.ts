import { randomInt } from 'node:crypto';
import request from 'supertest';
import {
  createCommissioner,
  loginAdmin,
  productBody,
  publishedNeed,
  publishedProduct,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import {
  amountBand,
  moreMembers,
  publishedEvent,
  RegistrationBody,
  signUp,
} from './helpers/event-factories';
import { startApp, TestApp } from './helpers/test-app';

type Who = { accessToken: string } | { token: string };

interface Schedule {
  pitchMinutes: number;
  qaMinutes: number;
  slots: {
    slot: number;
    startsAt: string;
    questionsAt: string;
    endsAt: string;
    local: { startsAt: string };
    enterprise: { id: string; name: string } | null;
  }[];
}

interface Lead {
  id: string;
  enterprise: { id: string };
  institution: { id: string };
  needId: string | null;
  dockingSession: {
    id: string;
    status: string;
    approvedAmount: number | null;
    disbursedAmount: number | null;
  } | null;
}

/** Roadshows: pitch slots, and "want to talk" turning a pitch into a docking session. */
describe('roadshows', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const token = (who: Who) => ('token' in who ? who.token : who.accessToken);
  const api = (who: Who) => ({
    get: (path: string) =>
      request(t.http).get(`/api/v1${path}`).auth(token(who), { type: 'bearer' }),
    post: (path: string, body: object = {}) =>
      request(t.http).post(`/api/v1${path}`).auth(token(who), { type: 'bearer' }).send(body),
    delete: (path: string) =>
      request(t.http).delete(`/api/v1${path}`).auth(token(who), { type: 'bearer' }),
  });
  const told = async (who: Who, kind: string) =>
    (
      (await api(who).get('/notifications?pageSize=100')).body.items as {
        kind: string;
        data: Record<string, unknown>;
      }[]
    ).filter((n) => n.kind === kind);

  /** A published roadshow of four 8 + 7 minute slots with a fresh organizer. */
  const roadshow = async (capacity = 20) => {
    const organizer = await createCommissioner(t.http, admin.accessToken);
    const start = Date.now() + (300 + randomInt(400)) * 3_600_000;
    const event = await publishedEvent(t.http, organizer.token, {
      kind: 'roadshow',
      title: `科技企业融资路演 ${randomInt(1e9)}`,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      capacity,
    });
    return { organizer, event };
  };

  describe('pitch slots', () => {
    it('should lay out ordered 8 + 7 minute slots and book them first come first served', async () => {
      const { event } = await roadshow();
      const [first, second] = await Promise.all([
        verifiedOrg(t.http, admin.accessToken, 'enterprise'),
        verifiedOrg(t.http, admin.accessToken, 'enterprise'),
      ]);
      await signUp(t.http, first.accessToken, event.id);
      await signUp(t.http, second.accessToken, event.id);

      const booked = await api(first).post(`/events/${event.id}/pitch-slots`, { slot: 2 });

      expect(booked.status).toBe(200);
      const schedule = booked.body as Schedule;
      expect(schedule).toMatchObject({ pitchMinutes: 8, qaMinutes: 7 });
      expect(schedule.slots.map((s) => s.slot)).toEqual([1, 2, 3, 4]);
      const start = new Date(event.startsAt).getTime();
      expect(schedule.slots[1]).toMatchObject({
        startsAt: new Date(start + 15 * 60_000).toISOString(),
        questionsAt: new Date(start + 23 * 60_000).toISOString(),
        endsAt: new Date(start + 30 * 60_000).toISOString(),
        enterprise: { id: first.organization.id, name: first.organization.name },
      });
      expect(schedule.slots[1].local.startsAt).toMatch(/\+08:00$/);

      const clash = await api(second).post(`/events/${event.id}/pitch-slots`, { slot: 2 });
      expect(clash.status).toBe(409);
      expect(clash.body.error).toMatchObject({
        code: 'PITCH_SLOT_TAKEN',
        details: { slot: 2, enterprise: { id: first.organization.id } },
      });
      // Moving to another slot frees the first one.
      await api(first).post(`/events/${event.id}/pitch-slots`, { slot: 1 }).expect(200);
      await api(second).post(`/events/${event.id}/pitch-slots`, { slot: 2 }).expect(200);
      const seen = (await api(admin).get(`/events/${event.id}/pitch-slots`)).body as Schedule;
      expect(seen.slots.map((s) => s.enterprise?.id ?? null)).toEqual([
        first.organization.id,
        second.organization.id,
        null,
        null,
      ]);
      await api(second).delete(`/events/${event.id}/pitch-slots`).expect(204);
      expect((await api(second).delete(`/events/${event.id}/pitch-slots`)).status).toBe(404);

      const outside = await api(first).post(`/events/${event.id}/pitch-slots`, { slot: 5 });
      expect(outside.status).toBe(400);
      expect(outside.body.error.details[0]).toMatchObject({ field: 'slot', code: 'outOfRange' });
    });

    it('should give one of several enterprises racing for a slot the slot', async () => {
      const { event } = await roadshow();
      const racers = await Promise.all(
        [0, 1, 2, 3].map(() => verifiedOrg(t.http, admin.accessToken, 'enterprise')),
      );
      for (const racer of racers) await signUp(t.http, racer.accessToken, event.id);

      const answers = await Promise.all(
        racers.map((racer) => api(racer).post(`/events/${event.id}/pitch-slots`, { slot: 3 })),
      );

      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const schedule = (await api(racers[0]).get(`/events/${event.id}/pitch-slots`))
        .body as Schedule;
      expect(schedule.slots.filter((s) => s.enterprise !== null)).toHaveLength(1);
    });

    it('should keep one slot per enterprise, none for the waitlist, institutions or other kinds', async () => {
      const { event } = await roadshow(2);
      const pitcher = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const [colleague] = await moreMembers(t.app, pitcher, 1);
      await signUp(t.http, pitcher.accessToken, event.id);
      await signUp(t.http, colleague.accessToken, event.id);
      await api(pitcher).post(`/events/${event.id}/pitch-slots`, { slot: 1 }).expect(200);

      const twice = await api(colleague).post(`/events/${event.id}/pitch-slots`, { slot: 2 });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({
        code: 'PITCH_SLOT_NOT_ALLOWED',
        details: { reason: 'enterpriseHasSlot', slot: 1 },
      });

      const waiting = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const line = await signUp(t.http, waiting.accessToken, event.id);
      expect(line.status).toBe('waitlisted');
      const waited = await api(waiting).post(`/events/${event.id}/pitch-slots`, { slot: 2 });
      expect(waited.body.error).toMatchObject({
        code: 'PITCH_SLOT_NOT_ALLOWED',
        details: { reason: 'waitlisted' },
      });
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      expect((await api(bank).post(`/events/${event.id}/pitch-slots`, { slot: 2 })).status).toBe(
        403,
      );

      const salonHost = await createCommissioner(t.http, admin.accessToken);
      const salon = await publishedEvent(t.http, salonHost.token);
      expect((await api(pitcher).get(`/events/${salon.id}/pitch-slots`)).body.error.code).toBe(
        'EVENT_NOT_ROADSHOW',
      );
    });
  });

  describe('POST /events/:id/want-to-talk', () => {
    it("should open a docking session for both sides from an investor's mark, traceable to the loan", async () => {
      const { organizer, event } = await roadshow();
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      const base = amountBand();
      const product = await publishedProduct(
        t.http,
        bank.accessToken,
        productBody({ amountMin: base, amountMax: base + 3_000_000 }),
      );
      const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000 });
      await signUp(t.http, enterprise.accessToken, event.id);
      await api(enterprise).post(`/events/${event.id}/pitch-slots`, { slot: 1 }).expect(200);
      await signUp(t.http, bank.accessToken, event.id);

      const marked = await api(bank).post(`/events/${event.id}/want-to-talk`, {
        enterpriseOrgId: enterprise.organization.id,
        productId: product.id,
      });

      expect(marked.status).toBe(201);
      const lead = marked.body as Lead;
      expect(lead).toMatchObject({
        enterprise: { id: enterprise.organization.id },
        institution: { id: bank.organization.id },
        needId: need.id,
        dockingSession: { status: 'requested' },
      });
      const session = await api(enterprise).get(`/docking-sessions/${lead.dockingSession!.id}`);
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({
        initiatedBy: 'institution',
        need: { id: need.id, status: 'docking' },
        product: { id: product.id },
      });
      expect(session.body.timeline[0]).toMatchObject({
        action: 'invite',
        data: { note: `路演对接：${event.title}` },
      });
      expect((await told(enterprise, 'docking_request')).map((n) => n.data.sessionId)).toContain(
        lead.dockingSession!.id,
      );
      expect((await told(organizer, 'roadshow_interest')).map((n) => n.data.leadId)).toEqual([
        lead.id,
      ]);

      const again = await api(bank).post(`/events/${event.id}/want-to-talk`, {
        enterpriseOrgId: enterprise.organization.id,
        productId: product.id,
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'ROADSHOW_LEAD_EXISTS',
        details: { leadId: lead.id },
      });

      // The invitation carries on to a loan, and the roadshow's leads show it.
      const sessionId = lead.dockingSession!.id;
      const move = (who: Who, body: object) =>
        api(who).post(`/docking-sessions/${sessionId}/transitions`, body).expect(200);
      await move(enterprise, { action: 'accept' });
      await move(bank, { action: 'approve_credit', amount: 3_000_000 });
      await move(bank, { action: 'disburse', amount: 3_000_000 });
      const leads = await api(organizer).get(`/events/${event.id}/leads`);
      expect(leads.body.items).toEqual([
        expect.objectContaining({
          id: lead.id,
          dockingSession: {
            id: sessionId,
            status: 'disbursed',
            approvedAmount: 3_000_000,
            disbursedAmount: 3_000_000,
          },
        }),
      ]);
    });

    it('should keep the lead alone, telling the enterprise, when no session can be opened', async () => {
      const { organizer, event } = await roadshow();
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const investor = await verifiedOrg(t.http, admin.accessToken, 'investor');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      const product = await publishedProduct(t.http, bank.accessToken);
      await signUp(t.http, enterprise.accessToken, event.id);
      await api(enterprise).post(`/events/${event.id}/pitch-slots`, { slot: 4 }).expect(200);
      await signUp(t.http, investor.accessToken, event.id);
      await signUp(t.http, bank.accessToken, event.id);

      const card = await api(investor).post(`/events/${event.id}/want-to-talk`, {
        enterpriseOrgId: enterprise.organization.id,
        note: '对贵司的海洋传感器项目很感兴趣',
      });
      expect(card.status).toBe(201);
      expect(card.body).toMatchObject({ dockingSession: null, needId: null });
      // The enterprise has no published need the bank's product could serve.
      const noNeed = await api(bank).post(`/events/${event.id}/want-to-talk`, {
        enterpriseOrgId: enterprise.organization.id,
        productId: product.id,
      });
      expect(noNeed.status).toBe(201);
      expect(noNeed.body.dockingSession).toBeNull();
      expect(
        (await told(enterprise, 'roadshow_interest')).map((n) => n.data.leadId).sort(),
      ).toEqual([card.body.id, noNeed.body.id].sort());

      const leads = (who: Who) => api(who).get(`/events/${event.id}/leads`);
      expect((await leads(organizer)).body.total).toBe(2);
      expect((await leads(enterprise)).body.total).toBe(2);
      expect((await leads(investor)).body.items.map((l: Lead) => l.id)).toEqual([card.body.id]);
    });

    it('should refuse marks on enterprises that do not pitch, by people without a seat, and by enterprises', async () => {
      const { event } = await roadshow();
      const listener = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      await signUp(t.http, listener.accessToken, event.id);
      const mark = (who: Who) =>
        api(who).post(`/events/${event.id}/want-to-talk`, {
          enterpriseOrgId: listener.organization.id,
        });

      const unseated = await mark(bank);
      expect(unseated.status).toBe(404);
      expect(unseated.body.error.code).toBe('EVENT_REGISTRATION_NOT_FOUND');
      const seat: RegistrationBody = await signUp(t.http, bank.accessToken, event.id);
      expect(seat.status).toBe('registered');
      const notPitching = await mark(bank);
      expect(notPitching.status).toBe(409);
      expect(notPitching.body.error.code).toBe('ROADSHOW_NOT_PITCHING');
      expect((await mark(listener)).status).toBe(403);
    });
  });

  it('should keep pitch slots and marks to roadshows that are on', async () => {
    const { organizer, event } = await roadshow();
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    await signUp(t.http, enterprise.accessToken, event.id);
    await api(organizer).post(`/events/${event.id}/cancel`).expect(200);
    const closed = await api(enterprise).post(`/events/${event.id}/pitch-slots`, { slot: 1 });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({
      code: 'PITCH_SLOT_NOT_ALLOWED',
      details: { reason: 'closed', status: 'cancelled' },
    });
  });
});
