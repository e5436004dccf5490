import { randomBytes } from 'node:crypto';
import {
  creditCode,
  isoDay,
  needBody,
  PASSWORD,
  productBody,
  registerBody,
  uniqueEmail,
} from '../helpers/factories';
import type { Reply, Sent } from './api-client';
import { missingId, whitelistCsv, type Caller, type Scope, type Side, type World } from './world';

/** A valid request of one operation, before any fuzzing. */
export interface Target {
  /** Values of the path's placeholders. */
  params: Record<string, string>;
  /** A JSON body. */
  body?: Record<string, unknown>;
  /** A multipart body: named files. */
  files?: { field: string; name: string; type: string; content: string | Uint8Array }[];
  /**
   * Called with a 2xx and the request that had it: the target was used up (or changed), so
   * the next request gets a fresh one, or the world is put back as it was.
   */
  spent?: (reply: Reply, sent: Sent) => Promise<void>;
}

export interface TargetContext {
  world: World;
  caller: Caller;
  scope: Scope;
  stock: Stock;
}

type TargetOf = (context: TargetContext) => Promise<Target> | Target;

/** Objects built on demand and kept until a request uses them up. */
export class Stock {
  private readonly items = new Map<string, Promise<unknown>>();

  get<T>(key: string, build: () => Promise<T>): Promise<T> {
    let item = this.items.get(key) as Promise<T> | undefined;
    if (!item) {
      item = build();
      this.items.set(key, item);
      item.catch(() => this.items.delete(key));
    }
    return item;
  }

  drop(key: string): void {
    this.items.delete(key);
  }
}

/** The side whose ids the scope names; undefined for missing ids. */
function sideOf(world: World, scope: Scope): Side | undefined {
  if (scope === 'missing') return undefined;
  return world.sides[scope === 'own' ? 0 : 1];
}

/** An id of the scope's side, or one that names nothing. */
function idOf(context: TargetContext, of: (side: Side) => string): string {
  const side = sideOf(context.world, context.scope);
  return side ? of(side) : missingId();
}

/** An object built fresh for the scope and kept until used up. */
async function stocked<T>(
  context: TargetContext,
  name: string,
  build: (side: Side) => Promise<T>,
  missing: () => T,
): Promise<{ value: T; drop: () => Promise<void> }> {
  const side = sideOf(context.world, context.scope);
  if (!side) return { value: missing(), drop: () => Promise.resolve() };
  const key = `${name}:${context.scope}`;
  const value = await context.stock.get(key, () => build(side));
  return {
    value,
    drop: () => {
      context.stock.drop(key);
      return Promise.resolve();
    },
  };
}

/** A fresh object id per scope; a 2xx uses it up. */
function freshId(name: string, build: (world: World, side: Side) => Promise<string>): TargetOf {
  return async (context) => {
    const { value, drop } = await stocked(
      context,
      name,
      (side) => build(context.world, side),
      missingId,
    );
    return { params: { id: value }, spent: drop };
  };
}

/** The organization a caller of the side counts as its own. */
function orgOf(caller: Caller, side: Side): string {
  return caller === 'institution' ? side.institution.orgId : side.enterprise.orgId;
}

const none: TargetOf = () => ({ params: {} });

/**
 * For every operation of the api, how to make a valid request of it as a caller, naming the ids
 * of a scope. A new operation needs a line here (the suites fail without one).
 */
export const TARGETS: Record<string, TargetOf> = {
  'GET /api/v1/vocabulary': none,
  'POST /api/v1/auth/register': () => ({ params: {}, body: { ...registerBody('enterprise') } }),
  'POST /api/v1/auth/login': async ({ world }) => ({
    params: {},
    body: { email: (await world.signInOwner()).email, password: PASSWORD },
  }),
  'POST /api/v1/auth/refresh': async ({ world, stock }) => {
    const refreshToken = await stock.get('refresh', () => world.refreshToken());
    return {
      params: {},
      body: { refreshToken },
      spent: () => Promise.resolve(stock.drop('refresh')),
    };
  },
  'POST /api/v1/auth/logout': async ({ world, stock }) => {
    const refreshToken = await stock.get('logout', () => world.refreshToken());
    return {
      params: {},
      body: { refreshToken },
      spent: () => Promise.resolve(stock.drop('logout')),
    };
  },
  'GET /api/v1/me': none,
  'POST /api/v1/me/password': ({ world, caller }) => {
    const member = world.member(caller);
    const next = `Laoshan-${randomBytes(6).toString('hex')}-Bay`;
    return {
      params: {},
      body: { currentPassword: member?.password ?? PASSWORD, newPassword: next },
      // The change ended the caller's other sign-ins: carry on with the session it answered,
      // under the old password again. (An odd token of someone else changes nobody's here.)
      spent: async (reply, sent) => {
        const session = reply.json as { accessToken: string; user: { id: string } };
        if (!member || session.user.id !== member.userId) return;
        member.token = session.accessToken;
        const body = typeof sent.raw === 'string' ? sent.raw : '{}';
        member.password = (JSON.parse(body) as { newPassword: string }).newPassword;
        await world.changePassword(member, PASSWORD);
      },
    };
  },
  'GET /api/v1/orgs': none,
  'GET /api/v1/orgs/{id}': (context) => ({
    params: { id: idOf(context, (side) => orgOf(context.caller, side)) },
  }),
  'PATCH /api/v1/orgs/{id}': (context) => ({
    params: { id: idOf(context, (side) => orgOf(context.caller, side)) },
    body: { description: '专注智能传感器与工业物联网的研发与制造。' },
  }),
  'POST /api/v1/orgs/{id}/verify': freshId('pending-org', async (world) => {
    return (await world.register('enterprise', false)).orgId;
  }),
  'POST /api/v1/orgs/{id}/suspend': async (context) => {
    const { value } = await stocked(
      context,
      'victim-org',
      async () => (await context.world.register('enterprise')).orgId,
      missingId,
    );
    return {
      params: { id: value },
      spent: () => context.world.reinstate(value),
    };
  },
  'POST /api/v1/users': () => ({
    params: {},
    body: {
      role: 'commissioner',
      name: '新特派员',
      email: uniqueEmail('staff'),
      phone: '13800000000',
      password: PASSWORD,
    },
  }),
  'GET /api/v1/users': none,
  'PATCH /api/v1/users/{id}': async (context) => {
    const { value } = await stocked(
      context,
      'victim-user',
      async () => (await context.world.register('enterprise')).userId,
      missingId,
    );
    return {
      params: { id: value },
      body: { status: 'active' },
      spent: () => context.world.reactivate(value),
    };
  },
  'GET /api/v1/commissioners': none,
  'POST /api/v1/commissioners/{id}/assignments': (context) => ({
    params: { id: idOf(context, (side) => side.commissioner.userId) },
    body: { orgIds: [idOf(context, (side) => side.enterprise.orgId)] },
  }),
  'DELETE /api/v1/commissioners/{id}/assignments/{orgId}': (context) => {
    const side = sideOf(context.world, context.scope);
    return {
      params: {
        id: side?.commissioner.userId ?? missingId(),
        orgId: side?.enterprise.orgId ?? missingId(),
      },
      spent: () => (side ? context.world.assign(side) : Promise.resolve()),
    };
  },
  'GET /api/v1/whitelist/batches': none,
  'POST /api/v1/whitelist/batches': () => ({
    params: {},
    body: { year: 2026, name: `2026年第一批科技型企业白名单${randomBytes(4).toString('hex')}` },
  }),
  'GET /api/v1/whitelist/batches/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.batches.published) },
  }),
  'POST /api/v1/whitelist/batches/{id}/import': (context) => ({
    params: { id: idOf(context, (side) => side.batches.draft) },
    files: [
      {
        field: 'file',
        name: 'whitelist.csv',
        type: 'text/csv',
        content: whitelistCsv([creditCode()]),
      },
    ],
  }),
  'POST /api/v1/whitelist/batches/{id}/publish': freshId('draft-batch', (world) =>
    world.draftBatch(),
  ),
  'POST /api/v1/whitelist/batches/{id}/revoke': freshId('published-batch', (world) =>
    world.publishedBatch(),
  ),
  'GET /api/v1/whitelist/entries': none,
  'GET /api/v1/whitelist/entries.csv': none,
  'GET /api/v1/whitelist/me': none,
  'PATCH /api/v1/whitelist/entries/{id}': (context) => {
    const id = idOf(context, (side) => side.entryId);
    return {
      params: { id },
      body: { status: 'active' },
      spent: () => context.world.reactivateEntry(id),
    };
  },
  'POST /api/v1/needs': ({ world }) => ({
    params: {},
    body: needBody({ amount: world.sides[0].band + 1_000 }),
  }),
  'GET /api/v1/needs': none,
  'GET /api/v1/needs/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.needs.draft) },
  }),
  'PATCH /api/v1/needs/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.needs.draft) },
    body: { description: '用于中试线设备采购与研发人员投入。' },
  }),
  'POST /api/v1/needs/{id}/publish': freshId('draft-need', (world, side) => world.draftNeed(side)),
  'POST /api/v1/needs/{id}/withdraw': freshId('published-need', (world, side) =>
    world.publishedNeed(side),
  ),
  'GET /api/v1/products': none,
  'POST /api/v1/products': ({ world }) => {
    const band = world.sides[0].band;
    return { params: {}, body: productBody({ amountMin: band, amountMax: band + 3_000_000 }) };
  },
  'GET /api/v1/products/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.products.draft) },
  }),
  'PATCH /api/v1/products/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.products.draft) },
    body: { description: '面向科技型中小企业的知识产权质押贷款。' },
  }),
  'POST /api/v1/products/{id}/publish': freshId('draft-product', (world, side) =>
    world.draftProduct(side),
  ),
  'POST /api/v1/products/{id}/suspend': freshId('product-to-suspend', (world, side) =>
    world.publishedProduct(side),
  ),
  'POST /api/v1/products/{id}/retire': freshId('product-to-retire', (world, side) =>
    world.publishedProduct(side),
  ),
  'GET /api/v1/notifications': none,
  'POST /api/v1/notifications/read-all': none,
  'POST /api/v1/notifications/{id}/read': (context) => ({
    params: {
      id: idOf(context, (side) =>
        context.caller === 'anonymous'
          ? side.notifications.enterprise
          : side.notifications[context.caller],
      ),
    },
  }),
  'GET /api/v1/needs/{id}/matches': (context) => ({
    params: { id: idOf(context, (side) => side.needs.published) },
  }),
  'GET /api/v1/products/{id}/matches': (context) => ({
    params: { id: idOf(context, (side) => side.products.published) },
  }),
  'POST /api/v1/products/{id}/what-if': (context) => ({
    params: { id: idOf(context, (side) => side.products.published) },
    body: { rateMaxBps: 800, guarantees: ['credit', 'ip_pledge'] },
  }),
  'GET /api/v1/matches': none,
  'PATCH /api/v1/matches/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.matchId) },
    body: { status: 'viewed' },
  }),
  'POST /api/v1/docking-sessions': async (context) => {
    const { value: needId, drop } = await stocked(
      context,
      'need-to-dock',
      (side) => context.world.publishedNeed(side),
      missingId,
    );
    return {
      params: {},
      body: {
        needId,
        productId: idOf(context, (side) => side.products.published),
        note: '您好，希望进一步沟通融资方案。',
      },
      spent: drop,
    };
  },
  'GET /api/v1/docking-sessions': none,
  'GET /api/v1/docking-sessions/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.sessionId) },
  }),
  'POST /api/v1/docking-sessions/{id}/transitions': async (context) => {
    const { value, drop } = await stocked(
      context,
      'requested-session',
      (side) => context.world.requestedSession(side),
      missingId,
    );
    const action =
      context.caller === 'enterprise'
        ? 'withdraw'
        : context.caller === 'commissioner' || context.caller === 'admin'
          ? 'close'
          : 'accept';
    return { params: { id: value }, body: { action }, spent: drop };
  },
  'GET /api/v1/docking-sessions/{id}/messages': (context) => ({
    params: { id: idOf(context, (side) => side.sessionId) },
  }),
  'GET /api/v1/events': none,
  'POST /api/v1/events': ({ world }) => ({ params: {}, body: world.eventBody() }),
  'GET /api/v1/events/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.events.draft) },
  }),
  'PATCH /api/v1/events/{id}': (context) => ({
    params: { id: idOf(context, (side) => side.events.draft) },
    body: { description: '知识产权质押融资政策解读与银企交流（更新）。' },
  }),
  'POST /api/v1/events/{id}/publish': freshId('draft-event', (world, side) =>
    world.draftEvent(side),
  ),
  'POST /api/v1/events/{id}/cancel': async (context) => {
    const target = await freshId('event-to-cancel', (world, side) => world.publishedEvent(side))(
      context,
    );
    return { ...target, body: { reason: '场地调整，另行通知。' } };
  },
  'GET /api/v1/events/{id}/ics': (context) => ({
    params: { id: idOf(context, (side) => side.events.published) },
  }),
  'GET /api/v1/events/{id}/pitch-slots': (context) => ({
    params: { id: idOf(context, (side) => side.events.roadshow) },
  }),
  'POST /api/v1/events/{id}/pitch-slots': async (context) => {
    const target = await freshId('roadshow-to-book', (world, side) =>
      world.attendedEvent(side, { kind: 'roadshow' }),
    )(context);
    return { ...target, body: { slot: 2 } };
  },
  'DELETE /api/v1/events/{id}/pitch-slots': freshId('roadshow-to-release', (world, side) =>
    world.pitchedRoadshow(side),
  ),
  'POST /api/v1/events/{id}/registrations': async (context) => {
    const { value } = await stocked(
      context,
      'event-to-join',
      (side) => context.world.publishedEvent(side),
      missingId,
    );
    return {
      params: { id: value },
      spent: (_reply, sent) => context.world.leave(value, sent.headers?.authorization),
    };
  },
  'DELETE /api/v1/events/{id}/registrations': async (context) => {
    const { value } = await stocked(
      context,
      'event-to-leave',
      (side) => context.world.attendedEvent(side),
      missingId,
    );
    return {
      params: { id: value },
      spent: (_reply, sent) => context.world.join(value, sent.headers?.authorization),
    };
  },
  'GET /api/v1/events/{id}/registrations': (context) => ({
    params: { id: idOf(context, (side) => side.events.published) },
  }),
  'GET /api/v1/events/{id}/check-in-code': (context) => ({
    params: { id: idOf(context, (side) => side.events.published) },
  }),
  'GET /api/v1/events/{id}/check-in-code/qr': (context) => ({
    params: { id: idOf(context, (side) => side.events.published) },
  }),
  'POST /api/v1/events/{id}/check-ins': async (context) => {
    const side = sideOf(context.world, context.scope);
    const { value, drop } = await stocked(
      context,
      'live-event',
      (of) => context.world.liveCheckIn(of),
      () => ({ eventId: missingId(), token: 'x' }),
    );
    return {
      params: { id: value.eventId },
      body: { token: value.token },
      spent: async () => {
        await drop();
        if (side) await context.world.endLive(side, value.eventId);
      },
    };
  },
  'POST /api/v1/events/{id}/want-to-talk': async (context) => {
    const target = await freshId('roadshow-to-talk', (world, side) => world.pitchedRoadshow(side))(
      context,
    );
    return {
      ...target,
      body: {
        enterpriseOrgId: idOf(context, (side) => side.enterprise.orgId),
        note: '对贵公司的项目很感兴趣。',
      },
    };
  },
  'GET /api/v1/events/{id}/leads': (context) => ({
    params: { id: idOf(context, (side) => side.events.roadshow) },
  }),
  'POST /api/v1/events/{id}/follow-ups': (context) => ({
    params: { id: idOf(context, (side) => side.events.started) },
    body: {
      orgId: idOf(context, (side) => side.enterprise.orgId),
      note: '企业有500万设备贷款意向，已约下周走访。',
      dueOn: isoDay(7),
    },
  }),
  'GET /api/v1/events/{id}/follow-ups': (context) => ({
    params: { id: idOf(context, (side) => side.events.started) },
  }),
  'POST /api/v1/calendar/token': none,
  'DELETE /api/v1/calendar/token': ({ world }) => ({
    params: {},
    spent: async (_reply, sent) => {
      await world.as(sent.headers?.authorization, 'POST', '/calendar/token');
    },
  }),
  'GET /api/v1/calendar/{token}/ics': (context) => {
    const side = sideOf(context.world, context.scope);
    return { params: { token: side?.feedToken ?? randomBytes(32).toString('base64url') } };
  },
  'GET /api/v1/commissioners/me/portfolio': none,
  'POST /api/v1/service-logs': (context) => ({
    params: {},
    body: {
      enterpriseOrgId: idOf(context, (side) => side.enterprise.orgId),
      kind: 'visit',
      occurredOn: isoDay(-1),
      notes: '走访企业，了解设备更新资金缺口约800万元。',
      outcome: '推荐至合作银行科技支行。',
    },
  }),
  'GET /api/v1/service-logs': none,
  'GET /api/v1/stats/public': none,
  'GET /health': none,
};
