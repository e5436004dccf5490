import { createHash } from 'node:crypto';
import { ERROR_CODES } from '@app/core';
import fc from 'fast-check';
import type { Api, Reply, Sent } from './api-client';
import { changedTables, type DbProbe, type DbState } from './db-state';
import type { Findings } from './findings';
import { fillPath, type Operation } from './openapi';
import { planArbitrary, type BodyMutation, type Plan } from './plans';
import { formOf } from './requests';
import { Stock, TARGETS, type Target } from './targets';
import { RawJson, show } from './values';
import { CALLERS, type Caller, type World } from './world';

/**
 * Refusals that rightly write, each to these tables only. Anything else a 4xx writes is a
 * finding: a refused request must leave the database as it found it (outbox included).
 */
export const WRITES_ON_REFUSAL: {
  operation: string;
  codes: string[];
  tables: string[];
  why: string;
}[] = [
  {
    operation: 'POST /api/v1/auth/login',
    codes: ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED'],
    tables: ['login_failures'],
    why: 'a failed sign-in counts towards the lockout',
  },
  {
    operation: 'POST /api/v1/me/password',
    codes: ['PASSWORD_INCORRECT', 'ACCOUNT_LOCKED'],
    tables: ['login_failures'],
    why: 'a wrong current password counts towards the lockout, as a failed sign-in does',
  },
  {
    operation: 'POST /api/v1/me/password',
    codes: ['WEAK_PASSWORD'],
    tables: ['login_failures'],
    why: 'the right current password clears the failures counted, as a sign-in does',
  },
  {
    operation: 'POST /api/v1/auth/refresh',
    codes: ['REFRESH_TOKEN_REUSED'],
    tables: ['refresh_tokens'],
    why: 'a refresh token used twice ends every session of its sign-in',
  },
  {
    operation: 'POST /api/v1/auth/refresh',
    codes: ['ACCOUNT_SUSPENDED'],
    tables: ['refresh_tokens'],
    why: 'the refresh token of a suspended user is spent',
  },
];

/** What one operation's fuzzing saw. */
export interface OperationFigures {
  operation: string;
  sent: number;
  statuses: Map<number, number>;
  fiveXx: number;
  /** Requests that broke a rule (any finding), 5xx included. */
  broken: number;
  slowestMs: number;
}

export interface FuzzContext {
  world: World;
  api: Api;
  probe: DbProbe;
  findings: Findings;
  stock: Stock;
}

/** The seed of one operation's plans: the run's seed and the operation's key. */
export function operationSeed(seed: number, operation: string): number {
  return createHash('sha256').update(`${seed}:${operation}`).digest().readInt32LE(0);
}

/**
 * The `runs` plans of an operation for a seed: the same seed always gives the same plans.
 * `otherTokens` are sent as odd authorizations too (expired, of a suspended user…).
 */
export function plansOf(
  operation: Operation,
  world: World,
  seed: number,
  runs: number,
  otherTokens: string[] = [],
): Plan[] {
  const tokens = Object.fromEntries(
    CALLERS.map((caller) => [caller, world.token(caller)]),
  ) as Record<Caller, string | undefined>;
  return fc.sample(planArbitrary(operation, tokens, otherTokens), {
    seed: operationSeed(seed, operation.key),
    numRuns: runs,
  });
}

/**
 * Sends each plan of the operation and checks every answer: never a 5xx; a 4xx answers the
 * error envelope with a known code of that status and wrote nothing.
 */
export async function fuzzOperation(
  context: FuzzContext,
  operation: Operation,
  plans: Plan[],
): Promise<OperationFigures> {
  const { world, api, probe, findings, stock } = context;
  const targetOf = TARGETS[operation.key];
  if (!targetOf) throw new Error(`no target for ${operation.key}`);
  const figures: OperationFigures = {
    operation: operation.key,
    sent: 0,
    statuses: new Map(),
    fiveXx: 0,
    broken: 0,
    slowestMs: 0,
  };
  for (const plan of plans) {
    const target = await targetOf({ world, caller: plan.caller, scope: plan.scope, stock });
    // Taken after the target was built (which may write); a checksum of every table is cheap.
    const before = await probe.state();
    const sent = requestOfPlan(operation, target, plan, world.token(plan.caller));
    let reply: Reply;
    try {
      reply = await sendOnce(api, sent);
    } catch (error) {
      figures.broken++;
      findings.add({
        operation: operation.key,
        problem: 'no answer',
        request: describe(operation, plan, sent),
        status: 'none',
        response: String(error),
      });
      continue;
    }
    figures.sent++;
    figures.statuses.set(reply.status, (figures.statuses.get(reply.status) ?? 0) + 1);
    figures.slowestMs = Math.max(figures.slowestMs, reply.ms);
    const after = await probe.state();
    const problems = problemsOf(operation, reply, before, after);
    if (reply.status >= 500) figures.fiveXx++;
    if (problems.length > 0) figures.broken++;
    for (const problem of problems) {
      findings.add(
        {
          operation: operation.key,
          problem,
          request: describe(operation, plan, sent),
          status: reply.status,
          response: reply.text.slice(0, 2_000),
        },
        codeOf(reply) ?? '',
      );
    }
    if (reply.status >= 200 && reply.status <= 299 && target.spent) {
      await target.spent(reply, sent);
    }
  }
  return figures;
}

/** A server that closed the connection mid-upload may still have answered: retry once. */
async function sendOnce(api: Api, sent: Sent): Promise<Reply> {
  try {
    return await api.send(sent);
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw error;
    return api.send(sent);
  }
}

function codeOf(reply: Reply): string | undefined {
  const code = (reply.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What is wrong with an answer; nothing for a good one. */
export function problemsOf(
  operation: Operation,
  reply: Reply,
  before: DbState,
  after: DbState,
): string[] {
  const problems: string[] = [];
  if (reply.status >= 500) problems.push(`answered ${reply.status}`);
  if (reply.status < 400 || reply.status >= 500) return problems;
  const envelope = envelopeProblem(reply);
  if (envelope) problems.push(envelope);
  const code = codeOf(reply) ?? '';
  const allowed = WRITES_ON_REFUSAL.filter(
    (entry) => entry.operation === operation.key && entry.codes.includes(code),
  ).flatMap((entry) => entry.tables);
  const written = changedTables(before, after).filter((table) => !allowed.includes(table));
  if (written.length > 0) problems.push(`a ${reply.status} ${code} wrote to ${written.join(', ')}`);
  return problems;
}

/** Why a 4xx body is not `{ error: { code, message, details? } }` with a code of its status. */
export function envelopeProblem(reply: Reply): string | undefined {
  if (!reply.contentType.includes('application/json')) {
    return `a ${reply.status} answered ${reply.contentType || 'no content type'}, not the JSON envelope`;
  }
  const body = reply.json as Record<string, unknown> | undefined;
  const error = body?.error as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error' || !error) {
    return `a ${reply.status} answered a body that is not { error }`;
  }
  const extra = Object.keys(error).filter((key) => !['code', 'message', 'details'].includes(key));
  if (typeof error.code !== 'string' || typeof error.message !== 'string' || extra.length > 0) {
    return `a ${reply.status} answered an error without code and message, or with more`;
  }
  const known = (ERROR_CODES as Record<string, { status: number }>)[error.code];
  if (!known) return `a ${reply.status} answered the unknown code ${error.code}`;
  if (known.status !== reply.status) {
    return `a ${reply.status} answered ${error.code}, a code of ${known.status}`;
  }
  return undefined;
}

/** The request a plan makes of a target. */
export function requestOfPlan(
  operation: Operation,
  target: Target,
  plan: Plan,
  token: string | undefined,
): Sent {
  const params = { ...target.params };
  for (const [name, value] of Object.entries(plan.params)) params[name] = value.value;
  let query: string;
  if ('raw' in plan.query) {
    query = plan.query.raw;
  } else {
    query = new URLSearchParams(plan.query.pairs).toString();
  }
  const path = fillPath(operation.path, params) + (query ? `?${query}` : '');
  const headers: Record<string, string> = {};
  const authorization = plan.authorization?.value ?? (token ? `Bearer ${token}` : undefined);
  if (authorization !== undefined) headers.authorization = authorization;
  const sent: Sent = { method: operation.method, path, headers };
  if (operation.method === 'GET') return sent;
  const body = plan.body;
  switch (body.kind) {
    case 'target':
      if (target.files && body.mutations.length === 0) {
        sent.raw = formOf(target.files);
      } else if (target.body || body.mutations.length > 0) {
        sent.raw = serialize(mutate(target.body ?? {}, body.mutations));
        headers['content-type'] = 'application/json';
      }
      return sent;
    case 'json':
      sent.raw = serialize(body.value);
      headers['content-type'] = 'application/json';
      return sent;
    case 'raw':
      sent.raw = body.content;
      Object.assign(headers, body.headers);
      return sent;
    case 'files':
      sent.raw = formOf(body.files);
      return sent;
  }
}

/** The target's body with the mutations applied (own keys even for `__proto__`). */
export function mutate(body: Record<string, unknown>, mutations: BodyMutation[]): unknown {
  const copy = structuredClone(body);
  for (const mutation of mutations) {
    const path = mutation.op === 'add' ? mutation.path : mutation.path.slice(0, -1);
    let parent: unknown = copy;
    for (const [i, key] of path.entries()) {
      const holder = parent as Record<string, unknown>;
      if (holder[key] === undefined || holder[key] === null) {
        define(holder, key, /^\d+$/.test(path[i + 1] ?? mutation.path.at(-1) ?? '') ? [] : {});
      }
      parent = holder[key];
      if (typeof parent !== 'object' || parent === null || parent instanceof RawJson) break;
    }
    if (typeof parent !== 'object' || parent === null || parent instanceof RawJson) continue;
    const holder = parent as Record<string, unknown>;
    if (mutation.op === 'add') define(holder, mutation.key, mutation.value);
    else if (mutation.op === 'set') define(holder, mutation.path.at(-1) ?? '', mutation.value);
    else delete holder[mutation.path.at(-1) ?? ''];
  }
  return copy;
}

function define(holder: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(holder, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** JSON text of a value, with RawJson pieces spliced in as they are. */
export function serialize(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  const raws: RawJson[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner instanceof RawJson) {
      raws.push(inner);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return inner;
  });
  return raws.reduce(
    (result, raw, i) => result.replace(`"\\u0001RAW${i}\\u0001"`, () => raw.text),
    text ?? '',
  );
}

/** How to send the request again, for a person: the plan's words where the body is long. */
export function describe(operation: Operation, plan: Plan, sent: Sent): string {
  const lines = [
    `${sent.method} ${sent.path.length > 400 ? `${sent.path.slice(0, 400)}…` : sent.path}`,
    `as ${plan.caller}, ${plan.scope} ids; ${plan.category}`,
  ];
  if (plan.authorization) lines.push(`Authorization: ${plan.authorization.shown}`);
  for (const [name, value] of Object.entries(sent.headers ?? {})) {
    if (name !== 'authorization') lines.push(`${name}: ${value}`);
  }
  for (const [name, value] of Object.entries(plan.params)) lines.push(`{${name}} = ${value.shown}`);
  const body = plan.body;
  if (operation.method !== 'GET') {
    if (body.kind === 'target') {
      for (const mutation of body.mutations) {
        const path = mutation.path.join('.');
        if (mutation.op === 'set') lines.push(`body.${path} = ${mutation.shown}`);
        else if (mutation.op === 'add')
          lines.push(`body${path ? `.${path}` : ''}[${show(mutation.key)}] = ${mutation.shown}`);
        else lines.push(`without body.${path}`);
      }
    } else if (body.kind === 'json') {
      lines.push(`body: ${show(body.value)}`);
    } else {
      lines.push(`body: ${body.shown}`);
    }
    if (typeof sent.raw === 'string') {
      lines.push(
        sent.raw.length <= 1_500
          ? sent.raw
          : `${sent.raw.slice(0, 300)}… (${sent.raw.length} chars)`,
      );
    }
  }
  return lines.join('\n');
}

/** One line per operation: requests sent, statuses seen, 5xx. */
export function figuresTable(all: OperationFigures[]): string {
  const width = Math.max(...all.map((figures) => figures.operation.length));
  const lines = all.map((figures) => {
    const statuses = [...figures.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status === 0 ? 'no-ack' : status}×${count}`)
      .join(' ');
    return `${figures.operation.padEnd(width)}  ${String(figures.sent).padStart(5)} sent  5xx ${String(figures.fiveXx).padStart(3)}  broken ${String(figures.broken).padStart(3)}  slowest ${Math.round(figures.slowestMs)} ms  ${statuses}`;
  });
  const sent = all.reduce((sum, figures) => sum + figures.sent, 0);
  const fiveXx = all.reduce((sum, figures) => sum + figures.fiveXx, 0);
  lines.push(`${all.length} operations, ${sent} requests, ${fiveXx} answered 5xx`);
  return lines.join('\n');
}
