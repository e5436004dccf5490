import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AuthService } from '@app/identity';
import { adminToken } from '../shared/accounts';
import { CpuMeter, pidOf } from '../shared/cpu';
import { BenchEnvironment, randomJwtSecret } from '../shared/environment';
import { RawMeilisearch } from '../shared/meili-raw';
import { msFine, ratio, table } from '../shared/stats';
import { AUTH_PIECE, breakdown, type Breakdown } from './breakdown';
import { startBareServer } from './bare';
import { loadScale, type Loaded, sampleIds, type Scale, SCALES, type ScaleName } from './dataset';
import { drive, type LoadFigures } from './load';
import { buildTargets, checkSameAnswers, type Direction } from './targets';

/**
 * bench/match: the matching endpoints under load, beside raw Meilisearch answering the very
 * multi-search the engine sends for the same ids and beside a bare node:http server doing the
 * same SQL, search, ranking and JSON without the framework, on data made by the project's
 * generator. Starts its own Meilisearch, MariaDB database, api and bare server (child
 * processes) for each scale and removes them all when the scale is done.
 */
const SECONDS = Number(process.env.BENCH_MATCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_MATCH_WARMUP_SECONDS ?? 3);
const IDS = Number(process.env.BENCH_MATCH_IDS ?? 500);
const BREAKDOWN_IDS = Number(process.env.BENCH_MATCH_BREAKDOWN_IDS ?? 300);
const WARMUP_CONNECTIONS = 10;
const CONNECTIONS = [1, 50] as const;
const SIDES: readonly Side[] = ['ours', 'bare', 'raw'];

/** p99 at one connection, judged at 100,000 needs (scale A). */
const GOAL_P99_MS: Record<Direction, number> = {
  'need → products': 10,
  'product → needs': 20,
};
const GOAL_P99_NEEDS = 100_000;
/** At 50 connections, our requests per second against raw Meilisearch's. */
const GOAL_THROUGHPUT_RATIO = 0.7;

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Side = 'ours' | 'bare' | 'raw';

interface Cell {
  direction: Direction;
  connections: number;
  ours: LoadFigures;
  bare: LoadFigures;
  raw: LoadFigures;
}

let current: BenchEnvironment | undefined;

async function runScale(scale: Scale): Promise<{ text: string; ok: boolean }> {
  const env = new BenchEnvironment();
  current = env;
  try {
    progress(`scale ${scale.name}: starting Meilisearch and a fresh database`);
    const meili = await env.startMeilisearch();
    const target = {
      dbUrl: await env.createDatabase(`match${scale.name.toLowerCase()}`),
      meiliUrl: meili.url,
      masterKey: meili.masterKey,
    };
    const jwtSecret = randomJwtSecret();
    progress(
      `scale ${scale.name}: generating ${count(scale.products)} products, ` +
        `${count(scale.needs)} needs, ${count(scale.enterprises)} enterprises and indexing them`,
    );
    const loaded = await loadScale(env, scale, target);
    progress(`scale ${scale.name}: loaded in ${loaded.seconds.toFixed(0)} s; starting the api`);
    const api = await env.startApiProcess({ ...target, jwtSecret });
    const bare = await startBareServer(env, target);
    const context = await env.openApiContext({ ...target, jwtSecret });
    const token = await adminToken(api.base);
    const admin = await context.get(AuthService).authenticate(token);
    const ids = await sampleIds(context, IDS);
    const targets = await buildTargets(context, admin, ids);
    const meiliRaw = new RawMeilisearch(meili.url, meili.masterKey);

    progress(`scale ${scale.name}: comparing answers for every id (also warms up)`);
    const checks: string[] = [];
    let same = true;
    for (const t of targets) {
      const check = await checkSameAnswers(t, { base: api.base, token }, bare, meiliRaw);
      same &&= check.different === 0;
      checks.push(
        `${t.direction}: ${check.ids - check.different}/${check.ids} ids identical ` +
          `(${(check.hits / check.ids).toFixed(1)} matches per answer)`,
      );
    }

    const sides: Record<Side, { base: string; headers: Record<string, string> }> = {
      ours: { base: api.base, headers: { authorization: `Bearer ${token}` } },
      bare: { base: bare.base, headers: {} },
      raw: {
        base: meili.url,
        headers: { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' },
      },
    };
    const cpu = new CpuMeter({
      api: api.pid,
      bare: bare.pid,
      meilisearch: meili.pid,
      mariadb: pidOf('mariadbd', 'mysqld'),
    });
    const run = (side: Side, t: (typeof targets)[number], connections: number, s: number) =>
      drive({
        ...sides[side],
        // The bare server answers the api's paths.
        requests: side === 'raw' ? t.raw : t.ours,
        connections,
        seconds: s,
        cpu,
      });
    for (const t of targets) {
      progress(`scale ${scale.name}: warm-up ${t.direction}, ${WARMUP_SECONDS} s each side`);
      for (const side of SIDES) await run(side, t, WARMUP_CONNECTIONS, WARMUP_SECONDS);
    }
    const cells: Cell[] = [];
    for (const t of targets) {
      for (const connections of CONNECTIONS) {
        progress(
          `scale ${scale.name}: ${t.direction} at ${connections} connection(s), ${SECONDS} s each side`,
        );
        const ours = await run('ours', t, connections, SECONDS);
        const bare = await run('bare', t, connections, SECONDS);
        const raw = await run('raw', t, connections, SECONDS);
        cells.push({ direction: t.direction, connections, ours, bare, raw });
      }
    }

    progress(`scale ${scale.name}: timing the pieces of a request in-process`);
    const pieces = await breakdown(context, token, {
      needs: ids.needs.slice(0, BREAKDOWN_IDS),
      products: ids.products.slice(0, BREAKDOWN_IDS),
    });
    const load = loadTable(scale, cells);
    return {
      text: [
        scaleHeader(scale, loaded, ids),
        `Same work on every side (api, bare server, raw): ${checks.join('; ')}${same ? '' : ' — NOT all identical, so the sides did not do the same work'}`,
        load.text,
        floorTable(cells),
        cpuTable(cells),
        ...pieces.map((b) => breakdownTable(b, cells)),
      ].join('\n\n'),
      ok: load.ok && same,
    };
  } finally {
    progress(`scale ${scale.name}: stopping and cleaning up`);
    current = undefined;
    await env.release();
  }
}

function scaleHeader(
  scale: Scale,
  loaded: Loaded,
  ids: { needs: string[]; products: string[] },
): string {
  const step = (name: string) => loaded.steps.find(([s]) => s === name)?.[1] ?? 0;
  const inserted = ['organizations', 'users', 'products', 'needs', 'whitelistEntries']
    .map(step)
    .reduce((a, b) => a + b, 0);
  const indexes = loaded.steps
    .filter(([name]) => name.startsWith('index '))
    .map(([name, ms]) => `${name} ${seconds(ms)}`);
  return (
    `Scale ${scale.name}: ${count(scale.products)} products, ${count(scale.needs)} needs, ` +
    `${count(scale.enterprises)} enterprises (generator seed "bench"; ${ids.needs.length} ` +
    `published needs and ${ids.products.length} published products sampled)\n` +
    `Generation + indexing: ${loaded.seconds.toFixed(0)} s wall (migrate and gen in child ` +
    `processes, as npm run gen): rows built ${seconds(step('generate'))}, inserted ` +
    `${seconds(inserted)}, ${indexes.join(', ')}`
  );
}

/** p50, p99 and req/s of one side, as the tables print them. */
function figuresOf(side: LoadFigures): string[] {
  return [msFine(side.p50), msFine(side.p99), side.requestsPerSecond.toFixed(0)];
}

/** p50, p99 and req/s of one side against another's, as ratios. */
function ratiosOf(side: LoadFigures, base: LoadFigures): string[] {
  return [
    ratio(side.p50, base.p50),
    ratio(side.p99, base.p99),
    ratio(side.requestsPerSecond, base.requestsPerSecond),
  ];
}

function loadTable(scale: Scale, cells: Cell[]): { text: string; ok: boolean } {
  let ok = true;
  const rows: string[][] = [
    [
      'direction',
      'conns',
      'ours p50',
      'ours p99',
      'ours req/s',
      'raw p50',
      'raw p99',
      'raw req/s',
      'ours/raw p50',
      'p99',
      'req/s',
      'goal',
    ],
  ];
  for (const { direction, connections, ours, raw } of cells) {
    const failures = ours.failed + raw.failed;
    let goal = '';
    if (connections === 1) {
      const limit = GOAL_P99_MS[direction];
      if (scale.needs === GOAL_P99_NEEDS) {
        const pass = ours.p99 <= limit && failures === 0;
        ok &&= pass;
        goal = `p99 ≤ ${limit} ms ${verdict(pass)}`;
      } else {
        goal = `p99 ≤ ${limit} ms at ${count(GOAL_P99_NEEDS)} needs: n/a`;
      }
    } else {
      const pass =
        ours.requestsPerSecond >= GOAL_THROUGHPUT_RATIO * raw.requestsPerSecond && failures === 0;
      ok &&= pass;
      goal = `req/s ≥ ${GOAL_THROUGHPUT_RATIO}× raw ${verdict(pass)}`;
    }
    if (failures > 0) goal += ` (${ours.failed} + ${raw.failed} failed requests)`;
    rows.push([
      direction,
      String(connections),
      ...figuresOf(ours),
      ...figuresOf(raw),
      ...ratiosOf(ours, raw),
      goal,
    ]);
  }
  const title =
    `Load (autocannon in the bench process; api in a child process; ${IDS} ids per direction ` +
    `in rotation; ${SECONDS} s per side and concurrency after ${WARMUP_SECONDS} s warm-ups). ` +
    `ours = GET /api/v1/needs/:id/matches and GET /api/v1/products/:id/matches as the admin ` +
    `(default limit 10); raw = POST /multi-search to Meilisearch with the same queries`;
  return { text: `${title}\n\n${table(rows)}`, ok };
}

function floorTable(cells: Cell[]): string {
  const rows: string[][] = [
    [
      'direction',
      'conns',
      'bare p50',
      'bare p99',
      'bare req/s',
      'bare/raw req/s',
      'ours/bare p50',
      'p99',
      'req/s',
    ],
  ];
  for (const { direction, connections, ours, bare, raw } of cells) {
    rows.push([
      direction,
      String(connections),
      ...figuresOf(bare),
      ratio(bare.requestsPerSecond, raw.requestsPerSecond),
      ...ratiosOf(ours, bare),
    ]);
  }
  return (
    `The floor: bare = bench/match/bare-server.ts, a plain node:http server doing only what a ` +
    `match cannot do without (the same SQL on the same driver, the same multi-search on the ` +
    `api's Meilisearch client, the engine's ranking and views, the same JSON) and nothing else: ` +
    `no framework, authentication, access check, validation or logging. bare against raw is ` +
    `what a match costs beyond Meilisearch; ours against bare is what the api's request ` +
    `handling costs\n\n${table(rows)}`
  );
}

function cpuTable(cells: Cell[]): string {
  const rows: string[][] = [
    [
      'direction',
      'conns',
      'side',
      'api',
      'bare',
      'Meilisearch',
      'MariaDB',
      'bench',
      'rest',
      'cores busy',
    ],
  ];
  for (const { direction, connections, ours, bare, raw } of cells) {
    for (const [side, figures] of [
      ['ours', ours],
      ['bare', bare],
      ['raw', raw],
    ] as const) {
      const cpu = figures.cpuPerRequest;
      rows.push([
        direction,
        String(connections),
        side,
        msFine(cpu.api),
        msFine(cpu.bare),
        msFine(cpu.meilisearch),
        msFine(cpu.mariadb),
        msFine(cpu.bench),
        msFine(cpu.rest),
        `${Math.round(figures.machineBusy * 100)} %`,
      ]);
    }
  }
  return (
    `CPU per answered request during each run above, by process (MariaDB is the whole server, ` +
    `also serving anything else on the machine; bench = autocannon; rest = every other process ` +
    `on the machine), and how busy the machine's cores were\n\n${table(rows)}`
  );
}

function breakdownTable(b: Breakdown, cells: Cell[]): string {
  const http = cells.find((c) => c.direction === b.direction && c.connections === 1)!.ours.p50;
  const sum = (key: 'wallMs' | 'cpuMs') => b.pieces.reduce((total, piece) => total + piece[key], 0);
  const auth = b.pieces.find((piece) => piece.name === AUTH_PIECE)!;
  const rows: string[][] = [['piece', 'median', 'CPU (mean)']];
  for (const piece of b.pieces) rows.push([piece.name, msFine(piece.wallMs), msFine(piece.cpuMs)]);
  rows.push(['sum of the pieces', msFine(sum('wallMs')), msFine(sum('cpuMs'))]);
  rows.push([
    '  the service in one call (no auth), with JSON',
    msFine(b.service.wallMs),
    msFine(b.service.cpuMs),
  ]);
  rows.push([
    '  the same call again: from memory (MATCH_MEMO_SIZE=0: searching)',
    msFine(b.again.wallMs),
    msFine(b.again.cpuMs),
  ]);
  rows.push(['HTTP p50 at 1 connection (above)', msFine(http), '']);
  rows.push([
    '  HTTP, Nest, guards, pipes: p50 − auth − the call again (about)',
    msFine(http - auth.wallMs - b.again.wallMs),
    '',
  ]);
  return (
    `Where the time goes, ${b.direction}: each step of the request timed on its own in the ` +
    `bench process, one at a time, median wall time over ${b.ids} ids and the mean CPU time the ` +
    `bench process spent on it (what the api spends; not MariaDB's or Meilisearch's). The load ` +
    `above asked for ids already answered, as the call again does\n\n` +
    table(rows)
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'all' } },
  });
  const chosen = values.scale?.toUpperCase();
  if (chosen !== 'A' && chosen !== 'B' && chosen !== 'ALL') {
    throw new Error(`--scale takes A, B or all, got "${values.scale}"`);
  }
  const scales: ScaleName[] = chosen === 'ALL' ? ['A', 'B'] : [chosen];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress('interrupted: cleaning up');
      void (current?.release() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }

  const started = performance.now();
  const outcomes: { text: string; ok: boolean }[] = [];
  for (const name of scales) outcomes.push(await runScale(SCALES[name]));
  process.stdout.write(
    `\nbench/match (${((performance.now() - started) / 1000).toFixed(0)} s)\n\n` +
      `${outcomes.map((o) => o.text).join('\n\n\n')}\n\n` +
      `All goals met: ${outcomes.every((o) => o.ok) ? 'yes' : 'no'}\n`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(
      `bench/match failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
