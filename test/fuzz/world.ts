import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@app/core';
import { NotificationsService } from '@app/notifications';
import { OutboxConsumer } from '@app/search';
import { DataSource } from 'typeorm';
import { amountBand, eventBody, hoursAhead } from '../helpers/event-factories';
import {
  csvText,
  creditCode,
  needBody,
  PASSWORD,
  productBody,
  registerBody,
  uniqueEmail,
  type Kind,
} from '../helpers/factories';
import { E2E_ADMIN, type TestApp } from '../helpers/test-app';
import type { Api } from './api-client';

export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = [
  'anonymous',
  'enterprise',
  'institution',
  'commissioner',
  'admin',
];

/** Whose ids a request names: the caller's side, the other side, or ids that do not exist. */
export type Scope = 'own' | 'foreign' | 'missing';
export const SCOPES: readonly Scope[] = ['own', 'foreign', 'missing'];

export interface Member {
  /** The access token requests carry; replaced when a password change ends the old one. */
  token: string;
  password: string;
  userId: string;
  orgId: string;
  email: string;
}

/**
 * One half of the world: an enterprise, an institution and the commissioner of the enterprise,
 * with what they own. Callers act from side 0; side 1 holds the "foreign" objects, each in the
 * same state as its side-0 twin. Each side has its own band of amounts, so that its needs and
 * products match each other only.
 */
export interface Side {
  index: 0 | 1;
  band: number;
  enterprise: Member;
  institution: Member;
  commissioner: Member;
  needs: { published: string; draft: string };
  products: { published: string; draft: string };
  /** Accepted: the enterprise applied with a need of its own to the published product. */
  sessionId: string;
  /** The stored match of needs.published × products.published. */
  matchId: string;
  /**
   * Of the side's commissioner: a draft; a published one the side's enterprise and institution
   * signed up for; a roadshow where the enterprise pitches; one that has started (they signed up).
   */
  events: { draft: string; published: string; roadshow: string; started: string };
  batches: { published: string; draft: string };
  /** The enterprise's entry in batches.published. */
  entryId: string;
  /** The private calendar feed of a user of its own (nobody's caller). */
  feedToken: string;
  /** One unread notification of each caller of the side (of the enterprise for side 1's admin). */
  notifications: Record<Role, string>;
}

/** A UUID that names nothing. */
export function missingId(): string {
  return randomUUID();
}

/** How far ahead the event that has started by the end of the build starts. */
const STARTS_SOON_MS = 8_000;

const CSV_HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];

/**
 * The world every fuzz and access-matrix request runs in: two sides and an admin, built through
 * the api itself. The app runs without its background worker (so that nothing writes between
 * requests but the requests): `settle()` runs the outbox by hand where search must catch up.
 */
export class World {
  sides!: [Side, Side];
  private liveSlot = 0;
  private eventSlot = 0;
  private readonly opensAt = Date.now() + 21 * 24 * 3_600_000;
  /** When the last event that starts during the build starts. */
  private startsSoon = 0;
  private owners = new Map<string, Promise<Member>>();

  private constructor(
    readonly t: TestApp,
    readonly api: Api,
    public admin: Member,
  ) {}

  static async build(t: TestApp, api: Api): Promise<World> {
    const world = new World(t, api, await login(api, E2E_ADMIN.email, E2E_ADMIN.password));
    // An admin of its own: requests may lock it out or change its password, and other suites
    // sign in as the first admin.
    world.admin = await world.staff('admin');
    world.sides = await Promise.all([world.buildSide(0), world.buildSide(1)]);
    // One after the other: two first feeds at once can deadlock (see the findings).
    for (const side of world.sides) {
      const owner = await world.register('enterprise');
      side.feedToken = (
        await api.ok<{ token: string }>('POST', '/calendar/token', owner.token)
      ).token;
    }
    await world.settle();
    // Follow-ups are recorded once an event has started.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, world.startsSoon - Date.now())));
    for (const side of world.sides) side.matchId = await world.matchOf(side);
    return world;
  }

  /** The member acting as `caller` (side 0), or undefined for anonymous. */
  member(caller: Caller, side: 0 | 1 = 0): Member | undefined {
    if (caller === 'anonymous') return undefined;
    if (caller === 'admin') return this.admin;
    return this.sides[side][caller];
  }

  token(caller: Caller): string | undefined {
    return this.member(caller)?.token;
  }

  /** Runs the outbox until it is empty: search documents, stored matches and their follow-ups. */
  async settle(): Promise<void> {
    const consumer = this.t.app.get(OutboxConsumer);
    for (let round = 0; round < 50; round++) {
      if ((await consumer.drainOnce()) === 0) return;
    }
    throw new Error('the outbox did not empty');
  }

  // Fresh objects, for requests that use theirs up.

  async register(kind: Kind, verified = true): Promise<Member> {
    const body = registerBody(kind);
    const session = await this.api.ok<{
      accessToken: string;
      user: { id: string; orgId: string; email: string };
    }>('POST', '/auth/register', undefined, body);
    if (verified) await this.api.ok('POST', `/orgs/${session.user.orgId}/verify`, this.admin.token);
    return {
      token: session.accessToken,
      password: PASSWORD,
      userId: session.user.id,
      orgId: session.user.orgId,
      email: session.user.email,
    };
  }

  async staff(role: 'commissioner' | 'admin'): Promise<Member> {
    const email = uniqueEmail(role);
    await this.api.ok('POST', '/users', this.admin.token, {
      role,
      name: role === 'admin' ? '测试管理员' : '测试特派员',
      email,
      phone: '13800000000',
      password: PASSWORD,
    });
    return login(this.api, email, PASSWORD);
  }

  async draftNeed(side: Side): Promise<string> {
    const need = await this.api.ok<{ id: string }>(
      'POST',
      '/needs',
      side.enterprise.token,
      needBody({ amount: side.band + 1_000 }),
    );
    return need.id;
  }

  async publishedNeed(side: Side): Promise<string> {
    const id = await this.draftNeed(side);
    await this.api.ok('POST', `/needs/${id}/publish`, side.enterprise.token);
    return id;
  }

  async draftProduct(side: Side): Promise<string> {
    const product = await this.api.ok<{ id: string }>(
      'POST',
      '/products',
      side.institution.token,
      productBody({ amountMin: side.band, amountMax: side.band + 3_000_000 }),
    );
    return product.id;
  }

  async publishedProduct(side: Side): Promise<string> {
    const id = await this.draftProduct(side);
    await this.api.ok('POST', `/products/${id}/publish`, side.institution.token);
    return id;
  }

  /** A requested docking session: a fresh need of the side applied to its published product. */
  async requestedSession(side: Side): Promise<string> {
    const needId = await this.publishedNeed(side);
    const session = await this.api.ok<{ id: string }>(
      'POST',
      '/docking-sessions',
      side.enterprise.token,
      { needId, productId: side.products.published },
    );
    return session.id;
  }

  async acceptedSession(side: Side): Promise<string> {
    const id = await this.requestedSession(side);
    await this.api.ok('POST', `/docking-sessions/${id}/transitions`, side.institution.token, {
      action: 'accept',
    });
    return id;
  }

  /**
   * A body for an event of its own: four-hour windows one after the other from three weeks
   * ahead, so that no two events of an organizer ever overlap.
   */
  eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const start = this.opensAt + this.eventSlot++ * 4 * 3_600_000;
    return eventBody({
      startsAt: hoursAhead(0, start),
      endsAt: hoursAhead(3, start),
      ...overrides,
    });
  }

  async draftEvent(side: Side, overrides: Record<string, unknown> = {}): Promise<string> {
    const event = await this.api.ok<{ id: string }>(
      'POST',
      '/events',
      side.commissioner.token,
      this.eventBody(overrides),
    );
    return event.id;
  }

  async publishedEvent(side: Side, overrides: Record<string, unknown> = {}): Promise<string> {
    const id = await this.draftEvent(side, overrides);
    await this.api.ok('POST', `/events/${id}/publish`, side.commissioner.token);
    return id;
  }

  /** A published event the side's enterprise and institution signed up for. */
  async attendedEvent(side: Side, overrides: Record<string, unknown> = {}): Promise<string> {
    const id = await this.publishedEvent(side, overrides);
    await this.api.ok('POST', `/events/${id}/registrations`, side.enterprise.token);
    await this.api.ok('POST', `/events/${id}/registrations`, side.institution.token);
    return id;
  }

  /** A roadshow where the side's enterprise holds pitch slot 1 and its institution a seat. */
  async pitchedRoadshow(side: Side): Promise<string> {
    const id = await this.attendedEvent(side, {
      kind: 'roadshow',
      title: `科技企业融资路演 ${randomBytes(4).toString('hex')}`,
    });
    await this.api.ok('POST', `/events/${id}/pitch-slots`, side.enterprise.token, { slot: 1 });
    return id;
  }

  /**
   * An event whose check-in is open (it starts within two hours), with the check-in code of
   * the side's enterprise. Each is three minutes long and the next starts after it, so that
   * the organizer's events never overlap.
   */
  async liveCheckIn(side: Side): Promise<{ eventId: string; token: string }> {
    const start = Date.now() + 10 * 60_000 + (this.liveSlot++ % 30) * 3 * 60_000;
    const eventId = await this.publishedEvent(side, {
      startsAt: hoursAhead(0, start),
      endsAt: hoursAhead(0, start + 3 * 60_000),
    });
    await this.api.ok('POST', `/events/${eventId}/registrations`, side.enterprise.token);
    const code = await this.api.ok<{ token: string }>(
      'GET',
      `/events/${eventId}/check-in-code`,
      side.enterprise.token,
    );
    return { eventId, token: code.token };
  }

  /** Ends a live event that has served, so that its time is free for the next one. */
  async endLive(side: Side, eventId: string): Promise<void> {
    await this.api.ok('POST', `/events/${eventId}/cancel`, side.commissioner.token, {});
  }

  async draftBatch(): Promise<string> {
    const batch = await this.api.ok<{ id: string }>(
      'POST',
      '/whitelist/batches',
      this.admin.token,
      { year: 2026, name: `2026年测试白名单${randomBytes(4).toString('hex')}` },
    );
    return batch.id;
  }

  async publishedBatch(creditCodes: string[] = []): Promise<string> {
    const id = await this.draftBatch();
    if (creditCodes.length > 0) await this.importCsv(id, whitelistCsv(creditCodes));
    await this.api.ok('POST', `/whitelist/batches/${id}/publish`, this.admin.token);
    return id;
  }

  async importCsv(batchId: string, csv: string): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'whitelist.csv');
    const reply = await this.api.send({
      method: 'POST',
      path: `/api/v1/whitelist/batches/${batchId}/import`,
      token: this.admin.token,
      raw: form,
    });
    if (reply.status !== 200) throw new Error(`import answered ${reply.status}: ${reply.text}`);
  }

  /**
   * A user of its own for each purpose, whom nobody acts as: requests may sign it in, lock it
   * out or end its sessions without touching the callers.
   */
  owner(purpose: string): Promise<Member> {
    let owner = this.owners.get(purpose);
    if (!owner) {
      owner = this.register('enterprise');
      this.owners.set(purpose, owner);
    }
    return owner;
  }

  /** The user whose email and password sign-in requests carry. */
  signInOwner(): Promise<Member> {
    return this.owner('sign-in');
  }

  /** A fresh sign-in of a user nobody acts as: its refresh token. */
  async refreshToken(): Promise<string> {
    const owner = await this.owner('refresh');
    const session = await this.api.ok<{ refreshToken: string }>('POST', '/auth/login', undefined, {
      email: owner.email,
      password: PASSWORD,
    });
    return session.refreshToken;
  }

  /** A fresh enterprise of the side with an accepted docking session of its own. */
  async sessionParty(side: Side): Promise<{ member: Member; sessionId: string }> {
    const member = await this.register('enterprise');
    const needId = await this.api.ok<{ id: string }>(
      'POST',
      '/needs',
      member.token,
      needBody({ amount: side.band + 2_000 }),
    );
    await this.api.ok('POST', `/needs/${needId.id}/publish`, member.token);
    const session = await this.api.ok<{ id: string }>('POST', '/docking-sessions', member.token, {
      needId: needId.id,
      productId: side.products.published,
    });
    await this.api.ok(
      'POST',
      `/docking-sessions/${session.id}/transitions`,
      side.institution.token,
      {
        action: 'accept',
      },
    );
    return { member, sessionId: session.id };
  }

  async suspend(orgId: string): Promise<void> {
    await this.api.ok('POST', `/orgs/${orgId}/suspend`, this.admin.token);
  }

  // Putting back what a request changed.

  async changePassword(member: Member, password: string): Promise<void> {
    const session = await this.api.ok<{ accessToken: string }>(
      'POST',
      '/me/password',
      member.token,
      { currentPassword: member.password, newPassword: password },
    );
    member.token = session.accessToken;
    member.password = password;
  }

  async reinstate(orgId: string): Promise<void> {
    await this.api.ok('POST', `/orgs/${orgId}/verify`, this.admin.token);
  }

  async reactivate(userId: string): Promise<void> {
    await this.api.ok('PATCH', `/users/${userId}`, this.admin.token, { status: 'active' });
  }

  async reactivateEntry(entryId: string): Promise<void> {
    await this.api.ok('PATCH', `/whitelist/entries/${entryId}`, this.admin.token, {
      status: 'active',
    });
  }

  async assign(side: Side): Promise<void> {
    await this.api.ok(
      'POST',
      `/commissioners/${side.commissioner.userId}/assignments`,
      this.admin.token,
      { orgIds: [side.enterprise.orgId] },
    );
  }

  /** Sends a request with this Authorization header, insisting on a 2xx. */
  async as(authorization: string | undefined, method: string, path: string): Promise<void> {
    const reply = await this.api.send({
      method,
      path: `/api/v1${path}`,
      headers: authorization === undefined ? {} : { authorization },
    });
    if (reply.status > 299)
      throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text}`);
  }

  async join(eventId: string, authorization: string | undefined): Promise<void> {
    await this.as(authorization, 'POST', `/events/${eventId}/registrations`);
  }

  async leave(eventId: string, authorization: string | undefined): Promise<void> {
    await this.as(authorization, 'DELETE', `/events/${eventId}/registrations`);
  }

  async notification(userId: string): Promise<string> {
    const dataSource = this.t.app.get(DataSource);
    const [created] = await this.t.app.get(NotificationsService).notify(dataSource.manager, [
      {
        userId,
        kind: 'docking_request',
        title: '新的对接申请',
        body: '测试通知',
        data: {},
        dedupeKey: `fuzz:${randomUUID()}`,
      },
    ]);
    return created.id;
  }

  private async matchOf(side: Side): Promise<string> {
    const page = await this.api.ok<{ items: { id: string; productId: string }[] }>(
      'GET',
      `/matches?needId=${side.needs.published}&pageSize=100`,
      this.admin.token,
    );
    const match = page.items.find((item) => item.productId === side.products.published);
    if (!match) throw new Error(`no stored match for side ${side.index}`);
    return match.id;
  }

  private async buildSide(index: 0 | 1): Promise<Side> {
    const [enterprise, institution, commissioner] = await Promise.all([
      this.register('enterprise'),
      this.register('bank'),
      this.staff('commissioner'),
    ]);
    const side = {
      index,
      band: amountBand(),
      enterprise,
      institution,
      commissioner,
    } as Side;
    // Signing up closes at the start: sign up at once, then build the rest while it comes.
    const startsAt = Date.now() + STARTS_SOON_MS;
    this.startsSoon = Math.max(this.startsSoon, startsAt);
    const started = await this.attendedEvent(side, {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 5 * 60_000).toISOString(),
    });
    const [, published, draft] = await Promise.all([
      this.assign(side),
      this.publishedProduct(side),
      this.draftProduct(side),
    ]);
    side.products = { published, draft };
    const [publishedNeed, draftNeed, sessionId] = await Promise.all([
      this.publishedNeed(side),
      this.draftNeed(side),
      this.acceptedSession(side),
    ]);
    side.needs = { published: publishedNeed, draft: draftNeed };
    side.sessionId = sessionId;
    const [draftEvent, attended, roadshow] = await Promise.all([
      this.draftEvent(side),
      this.attendedEvent(side),
      this.pitchedRoadshow(side),
    ]);
    side.events = { started, draft: draftEvent, published: attended, roadshow };
    const { creditCode: code } = await this.api.ok<{ creditCode: string }>(
      'GET',
      `/orgs/${enterprise.orgId}`,
      enterprise.token,
    );
    const [publishedBatch, draftBatch] = await Promise.all([
      this.publishedBatch([code, creditCode()]),
      this.draftBatch(),
    ]);
    side.batches = { published: publishedBatch, draft: draftBatch };
    const entries = await this.api.ok<{ items: { id: string; creditCode: string }[] }>(
      'GET',
      `/whitelist/entries?batchId=${side.batches.published}&pageSize=100`,
      this.admin.token,
    );
    const entry = entries.items.find((item) => item.creditCode === code);
    if (!entry) throw new Error('the whitelist entry was not imported');
    side.entryId = entry.id;
    side.notifications = {
      enterprise: await this.notification(enterprise.userId),
      institution: await this.notification(institution.userId),
      commissioner: await this.notification(commissioner.userId),
      admin: await this.notification(index === 0 ? this.admin.userId : enterprise.userId),
    };
    return side;
  }
}

export function whitelistCsv(creditCodes: string[]): string {
  return csvText([
    CSV_HEADER,
    ...creditCodes.map((code, i) => [
      code,
      `青岛白名单科技有限公司${i}`,
      'high_tech',
      '2020-01-01',
      '2099-12-31',
    ]),
  ]);
}

async function login(api: Api, email: string, password: string): Promise<Member> {
  const session = await api.ok<{
    accessToken: string;
    user: { id: string; orgId: string; email: string };
  }>('POST', '/auth/login', undefined, { email, password });
  return {
    token: session.accessToken,
    password,
    userId: session.user.id,
    orgId: session.user.orgId,
    email: session.user.email,
  };
}
