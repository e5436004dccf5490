import 'reflect-metadata';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { adminToken } from '../shared/accounts';
import { BENCH_OUTBOX_POLL_MS, BenchEnvironment } from '../shared/environment';
import { FRESHNESS_TIMEOUT_MS, measureFreshness, SEARCH_POLL_MS } from './freshness';
import { RawMeilisearch } from '../shared/meili-raw';
import { LIVE_HEAP_SAMPLE_MS, RSS_SAMPLE_MS } from './rss-sampler';
import { latencyStats, mib, ms, ratio, table, type LatencyStats } from '../shared/stats';
import { type FileEncoding, parseOnly, writeWhitelistCsv } from './whitelist-files';
import { type ImportFigures, importFile } from './whitelist-import';

/**
 * bench/catalog: index freshness of products and needs, and whitelist import throughput and
 * memory, each beside a baseline measured in the same run (shared machines are noisy).
 * Starts its own Meilisearch, MariaDB databases and api; removes them all when it ends.
 */
const FRESHNESS_RUNS = Number(process.env.BENCH_FRESHNESS_RUNS ?? 200);
const FRESHNESS_WARMUP = Number(process.env.BENCH_FRESHNESS_WARMUP ?? 20);
const GOAL_P95_MS = 1_000;
const GOAL_ROWS_PER_SECOND = 5_000;
/** Flat: each extra MiB of file costs the server at most this many MiB at its peak. */
const GOAL_MARGINAL_MIB_PER_FILE_MIB = 0.25;

interface ImportCase {
  label: string;
  rows: number;
  encoding: FileEncoding;
  warmup?: boolean;
}

const IMPORT_CASES: ImportCase[] = [
  { label: 'warm-up', rows: 2_000, encoding: 'utf-8', warmup: true },
  { label: '20k UTF-8', rows: 20_000, encoding: 'utf-8' },
  { label: '100k UTF-8', rows: 100_000, encoding: 'utf-8' },
  { label: '100k GBK', rows: 100_000, encoding: 'gbk' },
  { label: '180k UTF-8', rows: 180_000, encoding: 'utf-8' },
];

interface ImportResult extends ImportFigures {
  label: string;
  encoding: FileEncoding;
  fileBytes: number;
  parseRowsPerSecond: number;
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function run(env: BenchEnvironment): Promise<{ tables: string[]; ok: boolean }> {
  progress('starting Meilisearch from the shipped binary');
  const meili = await env.startMeilisearch();

  // Imports first, on a fresh database: a large whitelist_entries table would slow MariaDB's
  // small buffer pool for whatever came after it.
  const folder = await env.tempDir('files');
  const files: { kase: ImportCase; path: string; bytes: number }[] = [];
  for (const [index, kase] of IMPORT_CASES.entries()) {
    const path = join(folder, `whitelist-${index}-${kase.rows}-${kase.encoding}.csv`);
    files.push({
      kase,
      path,
      bytes: await writeWhitelistCsv(path, kase.rows, kase.encoding, index),
    });
  }
  progress(`generated ${files.length} whitelist files; starting the api on a fresh database`);
  const importApi = await env.startApi({
    dbUrl: await env.createDatabase('import'),
    meiliUrl: meili.url,
    masterKey: meili.masterKey,
  });
  const importAdmin = await adminToken(importApi.base);
  const imports: ImportResult[] = [];
  for (const { kase, path, bytes } of files) {
    const parsed = await parseOnly(path, kase.encoding);
    if (parsed.rows !== kase.rows) throw new Error(`${path}: csv-parse read ${parsed.rows} rows`);
    progress(`importing ${kase.label} (${mib(bytes)})`);
    const figures = await importFile(importApi.base, importAdmin, path, kase.rows);
    if (!kase.warmup) {
      imports.push({
        ...figures,
        label: kase.label,
        encoding: kase.encoding,
        fileBytes: bytes,
        parseRowsPerSecond: parsed.rows / parsed.seconds,
      });
    }
  }
  await importApi.close();

  progress('starting the api on a second fresh database for index freshness');
  const api = await env.startApi({
    dbUrl: await env.createDatabase('fresh'),
    meiliUrl: meili.url,
    masterKey: meili.masterKey,
  });
  const samples = await measureFreshness({
    base: api.base,
    app: api.app,
    meili: new RawMeilisearch(meili.url, meili.masterKey),
    admin: await adminToken(api.base),
    warmup: FRESHNESS_WARMUP,
    runs: FRESHNESS_RUNS,
    progress,
  });
  await api.close();

  const freshness = freshnessTable(samples);
  const memory = importTables(imports);
  return {
    tables: [freshness.text, ...memory.texts],
    ok: freshness.ok && memory.ok,
  };
}

function freshnessTable(samples: Awaited<ReturnType<typeof measureFreshness>>): {
  text: string;
  ok: boolean;
} {
  const series: [string, LatencyStats, LatencyStats][] = [
    [
      'product publish → GET /api/v1/products?q=',
      latencyStats(samples.products),
      latencyStats(samples.rawProducts),
    ],
    [
      'need publish → GET /api/v1/needs?q= (institution)',
      latencyStats(samples.needs),
      latencyStats(samples.rawNeeds),
    ],
  ];
  let ok = true;
  const rows: string[][] = [
    [
      'publish → found',
      'p50',
      'p95',
      'max',
      'timeouts',
      'ratio p50 / p95',
      `goal p95 ≤ ${GOAL_P95_MS} ms`,
    ],
  ];
  for (const [label, stats, raw] of series) {
    const pass = stats.timeouts === 0 && stats.p95 <= GOAL_P95_MS;
    ok &&= pass;
    rows.push([
      label,
      ms(stats.p50),
      ms(stats.p95),
      ms(stats.max),
      String(stats.timeouts),
      `${ratio(stats.p50, raw.p50)} / ${ratio(stats.p95, raw.p95)}`,
      verdict(pass),
    ]);
    rows.push([
      '  baseline: raw Meilisearch, same settings',
      ms(raw.p50),
      ms(raw.p95),
      ms(raw.max),
      String(raw.timeouts),
      '1.00× / 1.00×',
      '',
    ]);
  }
  const title =
    `1. Index freshness: ${samples.products.length} publishes of each kind after ` +
    `${FRESHNESS_WARMUP} warm-ups; search polled every ${SEARCH_POLL_MS} ms (timeout ` +
    `${FRESHNESS_TIMEOUT_MS} ms); in-process outbox consumer, OUTBOX_POLL_MS=${BENCH_OUTBOX_POLL_MS}`;
  return { text: `${title}\n\n${table(rows)}`, ok };
}

function importTables(imports: ImportResult[]): { texts: string[]; ok: boolean } {
  let ok = true;
  const rows: string[][] = [
    [
      'file',
      'size',
      'csv-parse rows/s',
      'import rows/s',
      'ratio',
      'RSS before',
      'RSS peak',
      'RSS growth',
      'live heap growth',
      'live growth / file MiB',
      `goal ≥ ${GOAL_ROWS_PER_SECOND} rows/s`,
    ],
  ];
  for (const result of imports) {
    const rowsPerSecond = result.rows / result.seconds;
    const growth = result.rssPeak - result.rssBefore;
    const liveGrowth = result.livePeak - result.liveBefore;
    const pass = rowsPerSecond >= GOAL_ROWS_PER_SECOND;
    if (result.rows >= 100_000) ok &&= pass;
    rows.push([
      `${result.label} (${result.rows} rows)`,
      mib(result.fileBytes),
      Math.round(result.parseRowsPerSecond).toString(),
      Math.round(rowsPerSecond).toString(),
      ratio(rowsPerSecond, result.parseRowsPerSecond),
      mib(result.rssBefore),
      mib(result.rssPeak),
      mib(growth),
      mib(liveGrowth),
      (liveGrowth / result.fileBytes).toFixed(2),
      result.rows >= 100_000 ? verdict(pass) : '',
    ]);
  }
  const texts = [
    `2. Whitelist import through POST /api/v1/whitelist/batches/:id/import (api in the bench ` +
      `process; RSS sampled every ${RSS_SAMPLE_MS} ms, live heap after a forced collection every ` +
      `${LIVE_HEAP_SAMPLE_MS} ms; ratio = import / csv-parse alone)\n\n` +
      table(rows),
  ];

  const small = imports.find((r) => r.label === '20k UTF-8');
  const large = imports.find((r) => r.label === '180k UTF-8');
  if (small && large) {
    // Judged on the live heap: what an import keeps, not garbage awaiting the collector.
    const growth = (r: ImportResult) => r.livePeak - r.liveBefore;
    const marginal = (growth(large) - growth(small)) / (large.fileBytes - small.fileBytes);
    const pass = marginal <= GOAL_MARGINAL_MIB_PER_FILE_MIB;
    ok &&= pass;
    texts.push(
      `Memory in file size: ${mib(small.fileBytes)} → ${mib(large.fileBytes)} of file ` +
        `(${ratio(large.fileBytes, small.fileBytes)}) moved the live heap growth ` +
        `${mib(growth(small))} → ${mib(growth(large))} (${ratio(growth(large), growth(small))}): ` +
        `${marginal.toFixed(2)} MiB per extra MiB of file; goal flat ` +
        `(≤ ${GOAL_MARGINAL_MIB_PER_FILE_MIB}) ${verdict(pass)}`,
    );
  }
  return { texts, ok };
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = new BenchEnvironment();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    progress('stopping and cleaning up');
    await env.release();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void release().finally(() => process.exit(130));
    });
  }

  let outcome: Awaited<ReturnType<typeof run>>;
  try {
    outcome = await run(env);
  } finally {
    await release();
  }
  process.stdout.write(
    `\nbench/catalog (${((performance.now() - started) / 1000).toFixed(0)} s)\n\n` +
      `${outcome.tables.join('\n\n')}\n\nAll goals met: ${outcome.ok ? 'yes' : 'no'}\n`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(
      `bench/catalog failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
