import { Injectable } from '@nestjs/common';

/**
 * The one source of "now". Services ask it instead of calling Date directly, so tests can move
 * time (lockouts, token expiry, deadlines) without sleeping.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozenAtMs: number | null = null;

  now(): Date {
    return new Date((this.frozenAtMs ?? Date.now()) + this.offsetMs);
  }

  /**
   * Stops this process's time where it is, so that only advance() moves it (tests only): for a
   * check on the last millisecond of a period, which real time could pass between two lines.
   */
  freeze(): void {
    this.frozenAtMs ??= Date.now();
  }

  /** Moves this process's time forward (tests only). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAtMs = null;
  }
}
