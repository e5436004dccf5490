import { Logger } from '@nestjs/common';

/**
 * A piece of background work run now and then every `everyMs`, never twice at once. Failures
 * are logged and the next round tries again; `stop()` waits for a round in flight.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    name: string,
    private readonly everyMs: number,
    private readonly round: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  /** A second start is a no-op. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.round()
      .catch((error: unknown) => this.logger.error(`round failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
