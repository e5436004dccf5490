import { availableParallelism } from 'node:os';
import { mib, msFine, ratio, table } from '../shared/stats';
import type { LoadResult } from './chat-load';
import { summarize } from './percentiles';
import type { Scenario } from './scenarios';
import type { ChatBenchSettings } from './settings';

export interface ScenarioOutcome {
  scenario: Scenario;
  load: LoadResult;
  /** Rows added to chat_messages in the window; NaN for the baseline. */
  persisted: number;
  /** Peak RSS of each server process. */
  rssPeaks: number[];
  /**
   * CPU milliseconds used in the measured window: by each server (by its label), MariaDB,
   * Redis, the clients (`bench`), every other process (`rest`) and the whole `machine`.
   */
  cpuUsed: Record<string, number>;
  loadAverage: string;
}

export const GOALS = {
  sockets: 5_000,
  rate: 1_000,
  p99OneMs: 50,
  p99TwoMs: 100,
};

/**
 * Send → receive latencies of a run, where each delivery that never came counts as infinitely
 * late: a run that loses messages cannot pass on the ones that did arrive.
 */
export function deliveryStats(load: LoadResult) {
  const missing = Math.max(0, load.expected - load.delivered);
  const samples = load.latencies.concat(Array<number>(missing).fill(Number.POSITIVE_INFINITY));
  return { ...summarize(samples), missing };
}

const msText = (value: number) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : 'late';

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export function render(
  outcomes: ScenarioOutcome[],
  settings: ChatBenchSettings,
): { text: string; ok: boolean } {
  const byKey = new Map(outcomes.map((o) => [o.scenario.key, o]));
  const rows: string[][] = [
    [
      'scenario',
      'sockets connected',
      'send→receive p50 / p99',
      'delivered',
      'of those delivered: p50 / p99',
      'send→ack p99',
      'msgs persisted/s',
      'server RSS (peak)',
      'ratio p99 vs bare',
      'client loop p99',
      'load avg',
    ],
  ];
  for (const outcome of outcomes) {
    const { load, scenario } = outcome;
    const stats = deliveryStats(load);
    const base = scenario.baseline ? byKey.get(scenario.baseline) : undefined;
    rows.push([
      scenario.label,
      `${load.connected} / ${load.socketsWanted}`,
      `${msText(stats.p50)} / ${msText(stats.p99)}`,
      `${load.delivered} / ${load.expected}`,
      ((arrived) => `${msText(arrived.p50)} / ${msText(arrived.p99)}`)(summarize(load.latencies)),
      msText(summarize(load.ackLatencies).p99),
      Number.isFinite(outcome.persisted)
        ? Math.round(outcome.persisted / load.windowSeconds).toString()
        : '—',
      outcome.rssPeaks.map(mib).join(' + '),
      base ? ratio(stats.p99, deliveryStats(base.load).p99) : '1.00×',
      `${load.clientLoopDelayP99.toFixed(0)} ms`,
      outcome.loadAverage,
    ]);
  }

  const lines: string[] = [];
  let ok = true;
  const judge = (label: string, pass: boolean, judged: string | null) => {
    if (judged) {
      lines.push(`${label}: not judged (${judged})`);
      ok = false;
      return;
    }
    ok &&= pass;
    lines.push(`${label}: ${verdict(pass)}`);
  };
  const one = byKey.get('api-1');
  const two = byKey.get('api-2');
  const small = settings.sockets < GOALS.sockets ? `BENCH_CHAT_SOCKETS=${settings.sockets}` : null;
  const slow = settings.rate < GOALS.rate ? `BENCH_CHAT_RATE=${settings.rate}` : null;
  if (one) {
    judge(
      `${GOALS.sockets.toLocaleString('en')} sockets connected on one instance ` +
        `(${one.load.connected} connected, ${one.load.joined} joined)`,
      one.load.connected >= GOALS.sockets && one.load.joined >= GOALS.sockets,
      small,
    );
    const p99 = deliveryStats(one.load).p99;
    judge(
      `p99 ≤ ${GOALS.p99OneMs} ms at ${GOALS.rate.toLocaleString('en')} msg/s on one instance ` +
        `(${msText(p99)})`,
      p99 <= GOALS.p99OneMs,
      slow,
    );
  }
  if (two) {
    const p99 = deliveryStats(two.load).p99;
    judge(
      `p99 ≤ ${GOALS.p99TwoMs} ms at ${GOALS.rate.toLocaleString('en')} msg/s across two ` +
        `instances (${msText(p99)})`,
      p99 <= GOALS.p99TwoMs,
      slow,
    );
  }

  const problems: string[] = [];
  for (const { scenario, load } of outcomes) {
    const notes = [
      ...[...load.connectErrors].map(([message, n]) => `${n}× connect_error "${message}"`),
      ...[...load.sendErrors].map(([code, n]) => `${n}× send ${code}`),
    ];
    if (notes.length > 0) problems.push(`${scenario.label}: ${notes.join(', ')}`);
  }
  const text = [
    table(rows),
    '',
    cpuTable(outcomes),
    ...(problems.length > 0 ? ['', 'Errors:', ...problems.map((p) => `  ${p}`)] : []),
    '',
    ...lines,
  ].join('\n');
  return { text, ok };
}

/**
 * CPU per message sent in the measured window, by process: what each scenario costs the
 * machine, and who competed for its cores (the clients share them with the servers).
 */
function cpuTable(outcomes: ScenarioOutcome[]): string {
  const cores = availableParallelism();
  const rows: string[][] = [
    ['scenario', 'server(s)', 'MariaDB', 'Redis', 'clients', 'rest', 'cores busy'],
  ];
  for (const { scenario, load, cpuUsed } of outcomes) {
    const perMessage = (ms: number | undefined) => msFine((ms ?? 0) / Math.max(1, load.sent));
    const servers = Object.keys(cpuUsed).filter(
      (name) => !['MariaDB', 'Redis', 'bench', 'rest', 'machine'].includes(name),
    );
    rows.push([
      scenario.label,
      servers.map((name) => perMessage(cpuUsed[name])).join(' + '),
      perMessage(cpuUsed.MariaDB),
      perMessage(cpuUsed.Redis),
      perMessage(cpuUsed.bench),
      perMessage(cpuUsed.rest),
      `${Math.round((100 * (cpuUsed.machine ?? 0)) / (load.windowSeconds * 1000 * cores))} %`,
    ]);
  }
  return (
    `CPU per message sent in the measured window, by process (MariaDB is the whole server; ` +
    `clients = this process, every socket of the load; rest = every other process on the ` +
    `machine), and how busy the machine's ${cores} cores were\n\n${table(rows)}`
  );
}
