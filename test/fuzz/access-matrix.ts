import type { Api } from './api-client';
import type { Findings } from './findings';
import type { Operation } from './openapi';
import { outcomeOf, requestOf } from './requests';
import { type Stock, TARGETS } from './targets';
import { CALLERS, SCOPES, type Caller, type Scope, type World } from './world';

/**
 * `METHOD path` -> caller -> what the api answers on the caller's own ids, the other side's
 * and missing ids, in that order: each `2xx` or the 4xx status, e.g. "2xx 404 404".
 */
export type AccessMatrix = Record<string, Record<Caller, string>>;

/** How the matrix's findings begin. */
export const MATRIX = 'access matrix:';

export interface MatrixRun {
  observed: AccessMatrix;
  /** One line per caller and operation whose answers differ from the table. */
  wrong: string[];
}

/** Sends the valid request of every operation as every caller on every scope, in order. */
export async function runAccessMatrix(
  world: World,
  api: Api,
  operations: Operation[],
  expected: Partial<AccessMatrix>,
  stock: Stock,
  findings: Findings,
): Promise<MatrixRun> {
  const observed: AccessMatrix = {};
  const wrong: string[] = [];
  for (const operation of operations) {
    const targetOf = TARGETS[operation.key];
    if (!targetOf) continue;
    const cell = async (caller: Caller, scope: Scope) => {
      const target = await targetOf({ world, caller, scope, stock });
      const sent = requestOf(operation, target, world.token(caller));
      const reply = await api.send(sent);
      if (reply.status >= 200 && reply.status <= 299) await target.spent?.(reply, sent);
      return {
        outcome: outcomeOf(reply.status),
        answer: `${scope}: ${sent.method} ${sent.path} -> ${reply.status} ${reply.text.slice(0, 300)}`,
      };
    };
    const cells = CALLERS.flatMap((caller) => SCOPES.map((scope) => ({ caller, scope })));
    // A read uses nothing up: its cells can go at once. Writes go one by one, in order.
    const results =
      operation.method === 'GET'
        ? await Promise.all(cells.map(({ caller, scope }) => cell(caller, scope)))
        : await inOrder(cells, ({ caller, scope }) => cell(caller, scope));
    const row = {} as Record<Caller, string>;
    for (const [i, caller] of CALLERS.entries()) {
      const mine = results.slice(i * SCOPES.length, (i + 1) * SCOPES.length);
      row[caller] = mine.map((result) => result.outcome).join(' ');
      const want = expected[operation.key]?.[caller];
      if (want !== undefined && want !== row[caller]) {
        wrong.push(`${operation.key} as ${caller}: expected ${want}, got ${row[caller]}`);
        findings.add({
          operation: operation.key,
          problem: `${MATRIX} as ${caller} expected ${want} (own foreign missing), got ${row[caller]}`,
          request: `as ${caller}, the valid request of test/fuzz/targets.ts on each scope`,
          status: row[caller],
          response: mine.map((result) => result.answer).join('\n'),
        });
      }
    }
    observed[operation.key] = row;
  }
  return { observed, wrong };
}

async function inOrder<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}
