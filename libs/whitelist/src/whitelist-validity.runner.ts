import { TypedConfigService } from '@app/core';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WhitelistValidityJob } from './whitelist-validity.job';

/** Starts the daily validity refresh inside this process when WORKER_IN_PROCESS says so. */
@Injectable()
export class InProcessWhitelistValidity implements OnApplicationBootstrap {
  constructor(
    private readonly job: WhitelistValidityJob,
    @Inject(ConfigService) private readonly config: TypedConfigService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('WORKER_IN_PROCESS', { infer: true })) this.job.start();
  }
}
