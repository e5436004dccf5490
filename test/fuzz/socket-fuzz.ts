import { randomUUID } from 'node:crypto';
import { ERROR_CODES, type Role } from '@app/core';
import fc from 'fast-check';
import { ChatClient } from '../helpers/chat-client';
import { changedTables, type DbProbe, type DbState } from './db-state';
import type { Findings } from './findings';
import { mutate, operationSeed, type OperationFigures } from './http-fuzz';
import { fieldsOf, type BodyMutation } from './plans';
import type { JsonSchema } from './openapi';
import {
  boundaryValue,
  controlString,
  hostileString,
  show,
  smallJson,
  unknownKey,
  validValue,
  wrongType,
  type Shown,
} from './values';
import type { Member, Scope, World } from './world';

/** Who holds a socket: the four roles, and a party whose organization was suspended meanwhile. */
export type SocketCaller = Role | 'suspended';
export const SOCKET_CALLERS: readonly SocketCaller[] = [
  'enterprise',
  'institution',
  'commissioner',
  'admin',
  'suspended',
];

const uuid: JsonSchema = { type: 'string', format: 'uuid' };

/** What each client event takes, as the gateway's DTOs say (sockets have no OpenAPI document). */
export const SOCKET_EVENTS: Record<string, JsonSchema> = {
  'session:join': {
    type: 'object',
    properties: { sessionId: uuid, afterSeq: { type: 'integer', minimum: 0 } },
    required: ['sessionId'],
  },
  typing: { type: 'object', properties: { sessionId: uuid }, required: ['sessionId'] },
  'message:send': {
    type: 'object',
    properties: {
      sessionId: uuid,
      clientId: uuid,
      body: { type: 'string', minLength: 1, maxLength: 4000 },
    },
    required: ['sessionId', 'clientId', 'body'],
  },
  'message:read': {
    type: 'object',
    properties: { sessionId: uuid, seq: { type: 'integer', minimum: 1 } },
    required: ['sessionId', 'seq'],
  },
  'session:leave': { type: 'object', properties: { sessionId: uuid }, required: ['sessionId'] },
};

/** Fuzzed as one: events nobody handles, and the names of the server's own events. */
export const STRAY_EVENT = 'unknown events';
const STRAY_EVENTS = [
  'nope',
  'message:new',
  'exception',
  'auth:expired',
  '__proto__',
  'constructor',
  'session:join ',
  'SESSION:JOIN',
];

/** A payload drawn, with the kind of abuse it is. */
interface Drawn {
  category: string;
  payload: SocketPayload;
}

/** A payload: the event's valid one mutated, or another value altogether. */
type SocketPayload =
  | { kind: 'valid'; mutations: BodyMutation[] }
  | { kind: 'value'; value: unknown; shown: string }
  | { kind: 'deep'; depth: number };

export interface SocketPlan {
  event: string;
  category: string;
  caller: SocketCaller;
  scope: Scope;
  payload: SocketPayload;
  /** With an acknowledgement callback (the way the chat client sends). */
  ack: boolean;
  /** More arguments after the payload. */
  extra: unknown[];
}

/**
 * A socket of each caller on `/chat`, kept open across events and in the room of the caller's
 * own session (typing needs it); reopened and joined again when one drops.
 */
export class SocketCallers {
  private readonly clients = new Map<SocketCaller, ChatClient>();

  constructor(
    private readonly baseUrl: string,
    private readonly members: Record<SocketCaller, Member>,
    private readonly homes: Record<SocketCaller, string>,
  ) {}

  async client(caller: SocketCaller): Promise<ChatClient> {
    const open = this.clients.get(caller);
    if (open?.socket.connected) return open;
    open?.close();
    const client = await ChatClient.connect(this.baseUrl, this.members[caller].token);
    this.clients.set(caller, client);
    await client.join(this.homes[caller]);
    return client;
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

/** The plans of one event for a seed. */
export function socketPlans(event: string, seed: number, runs: number): SocketPlan[] {
  // Stray events carry what a join would.
  const schema = SOCKET_EVENTS[event] ?? SOCKET_EVENTS['session:join'];
  const fields = fieldsOf(schema);
  const set = (valueOf: (schema: JsonSchema) => fc.Arbitrary<Shown>, max = 2) =>
    fc.array(
      fc.constantFrom(...fields).chain((field) =>
        valueOf(field.schema).map((value): BodyMutation => ({
          op: 'set',
          path: field.path,
          value: value.value,
          shown: value.shown,
        })),
      ),
      { minLength: 1, maxLength: max },
    );
  const valid = (category: string, mutations: fc.Arbitrary<BodyMutation[]>) =>
    mutations.map((list): Drawn => ({ category, payload: { kind: 'valid', mutations: list } }));
  const payloads = fc.oneof(
    { weight: 14, arbitrary: valid('valid', fc.constant([])) },
    {
      weight: 6,
      arbitrary: valid(
        'valid',
        set((field) => validValue(field).map((value) => ({ value, shown: show(value) }))),
      ),
    },
    { weight: 10, arbitrary: valid('boundary', set(boundaryValue)) },
    { weight: 10, arbitrary: valid('wrong type', set(wrongType)) },
    {
      weight: 8,
      arbitrary: valid(
        'huge or control string',
        set(() => hostileString, 1),
      ),
    },
    {
      weight: 5,
      arbitrary: valid(
        'unknown field',
        fc.array(
          fc.record({ key: unknownKey, value: smallJson }).map((extra): BodyMutation => ({
            op: 'add',
            path: [],
            ...extra,
            shown: show(extra.value),
          })),
          { minLength: 1, maxLength: 3 },
        ),
      ),
    },
    {
      weight: 4,
      arbitrary: valid(
        'missing field',
        fc
          .subarray(fields, { minLength: 1, maxLength: Math.min(2, fields.length) })
          .map((list) => list.map((field): BodyMutation => ({ op: 'delete', path: field.path }))),
      ),
    },
    {
      weight: 5,
      arbitrary: fc
        .oneof(
          fc.constantFrom<unknown>(undefined, null, 0, '', 'text', true, [], [{}], {}),
          controlString,
          fc.jsonValue({ maxDepth: 3 }),
          fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
        )
        .map((value): Drawn => ({
          category: 'whole payload',
          payload: { kind: 'value', value, shown: show(value) },
        })),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(32, 200, 1_000, 3_000)
        .map((depth): Drawn => ({ category: 'deep nesting', payload: { kind: 'deep', depth } })),
    },
  );
  const plan = fc.record({
    caller: fc.constantFrom(...SOCKET_CALLERS),
    scope: fc.constantFrom<Scope>('own', 'own', 'own', 'foreign', 'foreign', 'missing'),
    body: payloads,
    /** One in ten without an ack: a refusal then comes as an `exception` event. */
    noAck: fc.integer({ min: 0, max: 9 }),
    extra: fc.oneof(
      { weight: 9, arbitrary: fc.constant<unknown[]>([]) },
      { weight: 1, arbitrary: fc.array(smallJson, { minLength: 1, maxLength: 2 }) },
    ),
    stray: fc.constantFrom(...STRAY_EVENTS),
  });
  return fc
    .sample(plan, { seed: operationSeed(seed, `socket ${event}`), numRuns: runs })
    .map(({ caller, scope, body, noAck, extra, stray }) => ({
      event: event === STRAY_EVENT ? stray : event,
      category: body.category,
      caller,
      scope,
      payload: body.payload,
      // Nothing answers an event nobody handles: no ack to wait for.
      ack: event !== STRAY_EVENT && noAck > 0,
      extra,
    }));
}

export interface SocketFuzzContext {
  world: World;
  sockets: SocketCallers;
  probe: DbProbe;
  findings: Findings;
  /** The session each scope names, as seen by each caller. */
  sessionOf: (caller: SocketCaller, scope: Scope) => string;
}

/** Events that read or write a session: never served to outsiders or suspended callers. */
const PRIVATE_EVENTS = ['session:join', 'message:send', 'message:read', 'typing'];
/** Callers whose access to the other side's session nothing in the fuzz can grant. */
const PARTIES: readonly SocketCaller[] = ['enterprise', 'institution'];

const ACK_MS = 10_000;
const QUIET_MS = 150;

/**
 * Sends each plan of the event on the caller's socket and checks what comes back: an ack (or,
 * without one, at most an `exception` event) that is `ok` or a 4xx error in the envelope's
 * shape; the socket still open; and a refusal wrote nothing.
 */
export async function fuzzSocketEvent(
  context: SocketFuzzContext,
  event: string,
  plans: SocketPlan[],
): Promise<OperationFigures> {
  const { sockets, probe, findings } = context;
  const name = `socket ${event}`;
  const figures: OperationFigures = {
    operation: name,
    sent: 0,
    statuses: new Map(),
    fiveXx: 0,
    broken: 0,
    slowestMs: 0,
  };
  const count = (outcome: number) =>
    figures.statuses.set(outcome, (figures.statuses.get(outcome) ?? 0) + 1);
  for (const plan of plans) {
    let client: ChatClient;
    try {
      client = await sockets.client(plan.caller);
    } catch (error) {
      // A caller the server no longer admits (suspended): its refusal is the answer.
      const status = statusOf({
        ok: false,
        error: (error as { data?: Record<string, unknown> }).data,
      });
      figures.sent++;
      count(status);
      continue;
    }
    const sessionId = context.sessionOf(plan.caller, plan.scope);
    // Taken once the socket is open: reopening one joins its room, which is not the event's doing.
    const before = await probe.state();
    const payload = payloadOf(plan.event, plan, sessionId);
    const started = performance.now();
    const problems: string[] = [];
    let outcome: { ok: boolean; error?: Record<string, unknown> } | undefined;
    let onDrop = () => undefined as void;
    const dropped = new Promise<'dropped'>((resolve) => {
      onDrop = () => resolve('dropped');
      client.socket.once('disconnect', onDrop);
    });
    if (plan.ack) {
      const acked = client.socket
        .timeout(ACK_MS)
        .emitWithAck(plan.event, payload, ...plan.extra) as Promise<typeof outcome>;
      const answer = await Promise.race([acked, dropped]).catch(() => 'late' as const);
      if (answer === 'late') problems.push(`no ack within ${ACK_MS} ms`);
      else if (answer !== 'dropped') outcome = answer;
      acked.catch(() => undefined);
    } else {
      let onException = (_refused: { error?: Record<string, unknown> }) => undefined as void;
      const exception = new Promise<Record<string, unknown> | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), QUIET_MS);
        onException = (refused) => {
          clearTimeout(timer);
          resolve(refused?.error ?? {});
        };
        client.socket.once('exception', onException);
      });
      client.socket.emit(plan.event, payload, ...plan.extra);
      const error = await Promise.race([exception, dropped.then(() => undefined)]);
      client.socket.off('exception', onException);
      outcome = error ? { ok: false, error } : undefined;
    }
    figures.sent++;
    figures.slowestMs = Math.max(figures.slowestMs, performance.now() - started);
    const status = statusOf(outcome);
    count(status);
    if (outcome && !outcome.ok) {
      const problem = refusalProblem(outcome.error);
      if (problem) problems.push(problem);
      if (status >= 500) figures.fiveXx++;
    }
    client.socket.off('disconnect', onDrop);
    if (!client.socket.connected && !oversized(payload))
      problems.push('the server dropped the socket');
    const served = outcome?.ok === true && PRIVATE_EVENTS.includes(plan.event);
    if (served && plan.caller === 'suspended') {
      problems.push(`served ${plan.event} to a party whose organization is suspended`);
    } else if (served && plan.scope === 'foreign' && PARTIES.includes(plan.caller)) {
      problems.push(`served ${plan.event} on a session the caller is not party to`);
    }
    const after = await probe.state();
    const refused = outcome !== undefined && !outcome.ok;
    if (refused) {
      const written = changedTables(before, after);
      if (written.length > 0)
        problems.push(`a refused ${plan.event} wrote to ${written.join(', ')}`);
    } else {
      // An accepted event may write after its ack (offline notifications): let that finish.
      await quiet(probe, after);
    }
    if (problems.length > 0) {
      figures.broken++;
      const code = typeof outcome?.error?.code === 'string' ? outcome.error.code : '';
      for (const problem of problems) {
        findings.add(
          {
            operation: name,
            problem,
            request: describeSocket(plan, payload),
            status: status || 'no answer',
            response: outcome === undefined ? '(nothing)' : show(outcome).slice(0, 2_000),
          },
          code,
        );
      }
    }
  }
  return figures;
}

/** The status an ack stands for: 200 ok, the error code's status, 0 for no answer. */
function statusOf(outcome: { ok: boolean; error?: Record<string, unknown> } | undefined): number {
  if (!outcome) return 0;
  if (outcome.ok) return 200;
  const known = (ERROR_CODES as Record<string, { status: number }>)[String(outcome.error?.code)];
  return known?.status ?? 599;
}

function refusalProblem(error: Record<string, unknown> | undefined): string | undefined {
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return 'a refusal without code and message';
  }
  const known = (ERROR_CODES as Record<string, { status: number }>)[error.code];
  if (!known) return `a refusal with the unknown code ${error.code}`;
  if (known.status >= 500) return `refused with ${error.code} (${known.status})`;
  return undefined;
}

/**
 * Socket.io drops a client whose message passes maxHttpBufferSize (1 MB, UTF-8 with the packet's
 * own few bytes): that is no finding.
 */
function oversized(payload: unknown): boolean {
  try {
    return Buffer.byteLength(JSON.stringify(payload ?? null)) > 999_000;
  } catch {
    return true;
  }
}

/** Waits out writes that follow an accepted event (offline notifications gather 100 ms). */
export async function quiet(probe: DbProbe, state: DbState): Promise<DbState> {
  let last = state;
  for (let round = 0; round < 20; round++) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const next = await probe.state();
    if (changedTables(last, next).length === 0) return next;
    last = next;
  }
  return last;
}

function validPayload(event: string, sessionId: string): Record<string, unknown> {
  switch (event) {
    case 'message:send':
      return { sessionId, clientId: randomUUID(), body: '您好，想了解一下审批进度。' };
    case 'message:read':
      return { sessionId, seq: 1 };
    case 'session:join':
      return { sessionId, afterSeq: 0 };
    default:
      return { sessionId };
  }
}

function payloadOf(event: string, plan: SocketPlan, sessionId: string): unknown {
  switch (plan.payload.kind) {
    case 'valid':
      return mutate(validPayload(event, sessionId), plan.payload.mutations);
    case 'value':
      return plan.payload.value;
    case 'deep': {
      let nested: unknown = sessionId;
      for (let i = 0; i < plan.payload.depth; i++) nested = { sessionId: nested };
      return nested;
    }
  }
}

function describeSocket(plan: SocketPlan, payload: unknown): string {
  const lines = [
    `emit ${JSON.stringify(plan.event)} on /chat as ${plan.caller}, ${plan.scope} session; ${plan.category}${plan.ack ? ', with an ack' : ', without an ack'}`,
  ];
  if (plan.payload.kind === 'valid') {
    for (const mutation of plan.payload.mutations) {
      const path = mutation.path.join('.');
      if (mutation.op === 'set') lines.push(`payload.${path} = ${mutation.shown}`);
      else if (mutation.op === 'add')
        lines.push(`payload[${show(mutation.key)}] = ${mutation.shown}`);
      else lines.push(`without payload.${path}`);
    }
  } else if (plan.payload.kind === 'deep') {
    lines.push(`payload: { sessionId: … } nested ${plan.payload.depth} deep`);
  } else {
    lines.push(`payload: ${plan.payload.shown}`);
  }
  if (plan.extra.length > 0) lines.push(`more arguments: ${show(plan.extra)}`);
  lines.push(show(payload));
  return lines.join('\n');
}

/** Handshakes with odd tokens: each is admitted, or refused with a known 401/403 code. */
export async function fuzzHandshakes(
  baseUrl: string,
  world: World,
  suspendedToken: string,
  findings: Findings,
): Promise<OperationFigures> {
  const valid = world.token('enterprise') ?? '';
  const tokens: unknown[] = [
    undefined,
    '',
    ' ',
    'Bearer',
    'Bearer ',
    'x',
    'a.b.c',
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    `${valid}x`,
    valid.slice(0, -3),
    `bearer ${valid}`,
    suspendedToken,
    'a'.repeat(100_000),
    '\u0000',
    '\ud800',
    123,
    true,
    null,
    {},
    [valid],
    { token: valid },
  ];
  const figures: OperationFigures = {
    operation: 'socket handshake',
    sent: 0,
    statuses: new Map(),
    fiveXx: 0,
    broken: 0,
    slowestMs: 0,
  };
  for (const token of tokens) {
    figures.sent++;
    const started = performance.now();
    let status = 200;
    let problem: string | undefined;
    let answer = 'admitted';
    try {
      const client = await ChatClient.connect(baseUrl, undefined, { auth: { token } });
      client.close();
      if (token !== valid && token !== `bearer ${valid}`)
        problem = 'admitted a socket with a bad token';
    } catch (error) {
      const code = (error as { data?: { code?: string } }).data?.code;
      answer = show((error as { data?: unknown }).data ?? String(error));
      const known = code ? (ERROR_CODES as Record<string, { status: number }>)[code] : undefined;
      status = known?.status ?? 599;
      if (!known) problem = 'refused without a known code';
      else if (known.status >= 500) problem = `refused with ${code}`;
    }
    figures.slowestMs = Math.max(figures.slowestMs, performance.now() - started);
    figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1);
    if (status >= 500) figures.fiveXx++;
    if (problem) {
      figures.broken++;
      findings.add({
        operation: 'socket handshake',
        problem,
        request: `io(url + '/chat', { auth: { token: ${show(token)} } })`,
        status,
        response: answer,
      });
    }
  }
  return figures;
}
