import { readFileSync } from 'node:fs';

/** Resident memory of a process from /proc/<pid>/status, in bytes; 0 when it is gone. */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak RSS of each of some processes, sampled every `everyMs` between start() and stop(). */
export class ProcessMemorySampler {
  private readonly peaks: number[];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    private readonly everyMs = 250,
  ) {
    this.peaks = pids.map(() => 0);
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** The peak of each process, in the order of the pids. */
  stop(): number[] {
    clearInterval(this.timer);
    this.sample();
    return [...this.peaks];
  }

  private sample(): void {
    this.pids.forEach((pid, i) => {
      this.peaks[i] = Math.max(this.peaks[i], rssOf(pid));
    });
  }
}
