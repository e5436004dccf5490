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

export const LIVE_HEAP_SAMPLE_MS = 250;

/**
 * Peak live memory between start() and stop(): every 250 ms it collects garbage and reads
 * what is left (heap and external). RSS peaks also hold garbage the collector has not reached
 * yet, more of it the longer a request runs; live memory is what the import really keeps.
 */
export class LiveHeapSampler {
  private peak = 0;
  private timer?: NodeJS.Timeout;

  start(): void {
    this.peak = liveHeap();
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, liveHeap());
    }, LIVE_HEAP_SAMPLE_MS);
  }

  stop(): number {
    clearInterval(this.timer);
    return Math.max(this.peak, liveHeap());
  }
}

/**
 * The JavaScript heap plus the memory outside it that JavaScript objects hold (buffers, typed
 * arrays), right after a full collection (node runs with --expose-gc).
 */
export function liveHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}
