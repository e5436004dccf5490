import { TypedConfigService } from '@app/core';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NeedExpiryJob } from './need-expiry.job';

/** Starts the expiry job inside this process when WORKER_IN_PROCESS says so (embedded default). */
@Injectable()
export class InProcessNeedExpiry implements OnApplicationBootstrap {
  constructor(
    private readonly job: NeedExpiryJob,
    @Inject(ConfigService) private readonly config: TypedConfigService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('WORKER_IN_PROCESS', { infer: true })) this.job.start();
  }
}
