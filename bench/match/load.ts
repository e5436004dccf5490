import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import type { CpuMeter } from '../shared/cpu';
import { percentile } from '../shared/stats';

/** One HTTP request of a rotation: what autocannon sends for one id. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadFigures {
  connections: number;
  seconds: number;
  /** 2xx answers. */
  ok: number;
  /** Anything else: other statuses, connection errors and timeouts. */
  failed: number;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  /** CPU milliseconds per answered request, by process (see CpuMeter). */
  cpuPerRequest: Record<string, number>;
  /** Share of the machine's cores busy during the run, whoever used them. */
  machineBusy: number;
}

const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * Drives one target with autocannon for a fixed time, each request the next of `requests` in
 * turn (shared by every connection, so the ids rotate whatever the concurrency). Latencies are
 * taken from each response (autocannon's own histogram keeps whole milliseconds only).
 */
export async function drive(options: {
  base: string;
  headers: Record<string, string>;
  requests: readonly LoadRequest[];
  connections: number;
  seconds: number;
  cpu: CpuMeter;
}): Promise<LoadFigures> {
  const { requests } = options;
  let next = 0;
  const latencies: number[] = [];
  let failed = 0;
  options.cpu.start();
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: options.connections,
        duration: options.seconds,
        timeout: REQUEST_TIMEOUT_SECONDS,
        headers: options.headers,
        requests: [
          {
            setupRequest: (request) => {
              const chosen = requests[next];
              next = (next + 1) % requests.length;
              return { ...request, method: chosen.method, path: chosen.path, body: chosen.body };
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) =>
        error
          ? reject(error instanceof Error ? error : new Error(JSON.stringify(error)))
          : resolve(result),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else failed += 1;
    });
  });
  const result = await finished;
  const cpu = options.cpu.stop();
  failed += result.errors;
  const duration = result.duration || options.seconds;
  latencies.sort((a, b) => a - b);
  return {
    connections: options.connections,
    seconds: options.seconds,
    ok: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requestsPerSecond: latencies.length / duration,
    cpuPerRequest: Object.fromEntries(
      Object.entries(cpu).map(([name, ms]) => [name, ms / Math.max(1, latencies.length)]),
    ),
    machineBusy: cpu.machine / (duration * 1000 * availableParallelism()),
  };
}
