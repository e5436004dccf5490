import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CpuMeter, pidOf } from '../shared/cpu';
import { BenchEnvironment } from '../shared/environment';
import { runChatLoad } from './chat-load';
import { type ChildServer, startChild } from './child-server';
import { createChatFixtures, type ChatSessionFixture } from './fixtures';
import { loadLine, openFilesLimit } from './machine';
import { PersistedCounter } from './persisted-counter';
import { ProcessMemorySampler } from './proc-memory';
import { deleteRedisPrefix } from './redis-cleanup';
import { render, type ScenarioOutcome } from './report';
import { type Scenario, SCENARIOS } from './scenarios';
import { type ChatBenchSettings, readSettings } from './settings';

/**
 * bench/chat: sockets in sessions of 2–3 members and messages at a fixed rate, against the api
 * on one instance and on two over Redis, each beside a bare socket.io server under the same
 * load in the same run. The servers run as child processes; this process is the clients.
 * Starts its own Meilisearch and MariaDB database; removes them (and its Redis keys) at the end.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

interface Shared {
  env: BenchEnvironment;
  settings: ChatBenchSettings;
  sessions: ChatSessionFixture[];
  apiEnv: Record<string, string | undefined>;
  redisPrefix: string;
  counter: PersistedCounter;
}

async function startServers(scenario: Scenario, shared: Shared): Promise<ChildServer[]> {
  const servers: ChildServer[] = [];
  const overRedis = scenario.instances === 2;
  const env: Record<string, string | undefined> = scenario.isApi
    ? {
        ...shared.apiEnv,
        REDIS_URL: overRedis ? REDIS_URL : undefined,
        REDIS_KEY_PREFIX: `${shared.redisPrefix}api:`,
      }
    : {
        REDIS_URL: overRedis ? REDIS_URL : undefined,
        REDIS_KEY_PREFIX: `${shared.redisPrefix}bare:`,
      };
  for (let i = 0; i < scenario.instances; i++) {
    const server = await startChild(`${scenario.key}#${i + 1}`, scenario.script, env);
    shared.env.onRelease(`stop ${server.label}`, server.stop);
    servers.push(server);
  }
  return servers;
}

async function measure(scenario: Scenario, shared: Shared): Promise<ScenarioOutcome> {
  progress(`${scenario.label}: starting`);
  const servers = await startServers(scenario, shared);
  const memory = new ProcessMemorySampler(servers.map((s) => s.pid));
  memory.start();
  const cpu = new CpuMeter({
    ...Object.fromEntries(servers.map((s) => [s.label, s.pid])),
    MariaDB: pidOf('mariadbd', 'mysqld'),
    Redis: pidOf('redis-server'),
  });
  let cpuUsed: Record<string, number> = {};
  let loadAverage = '';
  try {
    const load = await runChatLoad({
      sessions: shared.sessions,
      urls: servers.map((s) => s.url),
      rate: shared.settings.rate,
      warmupSeconds: shared.settings.warmupSeconds,
      seconds: shared.settings.seconds,
      onWindow: (edge) => {
        if (scenario.isApi) shared.counter.mark(edge);
        if (edge === 'start') cpu.start();
        if (edge === 'end') {
          cpuUsed = cpu.stop();
          loadAverage = loadLine().replace(/^load average | on.*$/g, '');
        }
      },
      progress: (line) => progress(`${scenario.key}: ${line}`),
    });
    const persisted = scenario.isApi ? await shared.counter.stored() : Number.NaN;
    return { scenario, load, persisted, rssPeaks: memory.stop(), cpuUsed, loadAverage };
  } finally {
    memory.stop();
    for (const server of servers) await server.stop();
    // Let the sockets' ports and the servers' memory go before the next scenario.
    await sleep(2_000);
  }
}

async function run(env: BenchEnvironment, settings: ChatBenchSettings) {
  progress('starting Meilisearch from the shipped binary');
  const meili = await env.startMeilisearch();
  const dbUrl = await env.createDatabase('chat');
  const jwtSecret = randomBytes(48).toString('base64url');
  progress(`creating ${settings.sockets} members in sessions of 2–3 (migrations first)`);
  const created = performance.now();
  const sessions = await createChatFixtures({
    dbUrl,
    meiliUrl: meili.url,
    masterKey: meili.masterKey,
    jwtSecret,
    sockets: settings.sockets,
  });
  progress(
    `${sessions.length} sessions ready in ${((performance.now() - created) / 1000).toFixed(1)} s`,
  );
  const redisPrefix = `techfin-bench-chat-${env.runId}:`;
  env.onRelease('delete the run’s Redis keys', () => deleteRedisPrefix(REDIS_URL, redisPrefix));
  const counter = await PersistedCounter.open(dbUrl);
  env.onRelease('close the counting connection', () => counter.close());
  const shared: Shared = {
    env,
    settings,
    sessions,
    redisPrefix,
    counter,
    apiEnv: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_URL: dbUrl,
      DB_MIGRATE: 'false',
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      MEILI_INDEX_PREFIX: 'bench_',
      WORKER_IN_PROCESS: 'false',
      SEED_DEMO: 'false',
      JWT_SECRET: jwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      CHAT_RATE_LIMIT: '100000',
      API_RATE_LIMIT: '1000000',
      AUTH_RATE_LIMIT: '100000',
    },
  };
  const only = process.env.BENCH_CHAT_ONLY?.split(',').map((s) => s.trim());
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.key)) continue;
    outcomes.push(await measure(scenario, shared));
  }
  return outcomes;
}

async function main(): Promise<void> {
  const started = performance.now();
  const settings = readSettings();
  const before = loadLine();
  progress(`open files limit ${openFilesLimit()}; ${before}`);
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
  // Whatever fails, the servers, database and folders started so far go away.
  process.once('uncaughtException', (error) => {
    progress(`failed: ${error.stack ?? error.message}`);
    void release().finally(() => process.exit(1));
  });

  let outcomes: ScenarioOutcome[];
  try {
    outcomes = await run(env, settings);
  } finally {
    await release();
  }
  const { text, ok } = render(outcomes, settings);
  process.stdout.write(
    `\nbench/chat (${((performance.now() - started) / 1000).toFixed(0)} s)\n\n` +
      `${settings.sockets} sockets in sessions of 2–3, ${settings.rate} msg/s for ` +
      `${settings.seconds} s after ${settings.warmupSeconds} s of warm-up; open files limit ` +
      `${openFilesLimit()}; ${before} at the start, ${loadLine()} at the end\n\n` +
      `${text}\n\nAll goals met: ${ok ? 'yes' : 'no'}\n`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(
      `bench/chat failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
