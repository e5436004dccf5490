/** Sizes of a run, from the environment so that a quick run is one variable away. */
export interface ChatBenchSettings {
  /** Sockets per scenario, spread over sessions of 2 and 3 members. */
  sockets: number;
  /** Messages per second, all sessions together. */
  rate: number;
  /** Seconds measured, after the warm-up. */
  seconds: number;
  /** Seconds of sending before the measurement starts. */
  warmupSeconds: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function readSettings(): ChatBenchSettings {
  return {
    sockets: Math.round(positive('BENCH_CHAT_SOCKETS', 5_000)),
    rate: positive('BENCH_CHAT_RATE', 1_000),
    seconds: positive('BENCH_CHAT_SECONDS', 20),
    warmupSeconds: positive('BENCH_CHAT_WARMUP_SECONDS', 5),
  };
}
