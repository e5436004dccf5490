import { setTimeout as sleep } from 'node:timers/promises';

export const RSS_SAMPLE_MS = 10;

/** Peak resident memory of this process (the api runs in it) between start() and stop(). */
export class RssSampler {
  private peak = 0;
  private timer?: NodeJS.Timeout;

  start(): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss());
    }, RSS_SAMPLE_MS);
  }

  stop(): number {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return this.peak;
  }
}

/**
 * Collects garbage (node runs with --expose-gc) and lets the heap settle, so that "before"
 * reads what the process needs rather than what an earlier step left for the collector.
 */
export async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 2; i++) {
    gc?.();
    await sleep(100);
  }
  return process.memoryUsage.rss();
}
