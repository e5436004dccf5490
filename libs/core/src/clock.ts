import { Injectable } from '@nestjs/common';

/**
 * The one source of "now". Services ask it instead of calling Date directly, so tests can move
 * time (lockouts, token expiry, deadlines) without sleeping.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves this process's time forward (tests only). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
