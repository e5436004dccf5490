import { Public } from '@app/core';
import { OutboxService } from '@app/database';
import { MeilisearchConnection } from '@app/search';
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';

/** Outbox rows older than this without reaching Meilisearch make the backlog unhealthy. */
const STALE_BACKLOG_MS = 5 * 60_000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly meili: MeilisearchConnection,
    private readonly outbox: OutboxService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Database, Meilisearch and the outbox backlog are fine.' })
  @ApiServiceUnavailableResponse({
    description: 'At least one of them is not; the body says which.',
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.runChecks();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus's own report is the useful body here, not the generic error envelope.
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private runChecks(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      async () => {
        const indicator = this.indicators.check('meilisearch');
        try {
          const { status } = await this.meili.client.health();
          return status === 'available' ? indicator.up() : indicator.down({ reported: status });
        } catch (error) {
          return indicator.down({ error: error instanceof Error ? error.message : String(error) });
        }
      },
      async () => {
        const indicator = this.indicators.check('outbox');
        const backlog = await this.outbox.backlog();
        const details = {
          pending: backlog.pending,
          failing: backlog.failing,
          oldestPendingAt: backlog.oldestPendingAt?.toISOString() ?? null,
        };
        const stale =
          backlog.oldestPendingAt !== null &&
          Date.now() - backlog.oldestPendingAt.getTime() > STALE_BACKLOG_MS;
        return stale ? indicator.down(details) : indicator.up(details);
      },
    ]);
  }
}
