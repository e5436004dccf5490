import { TypedConfigService } from '@app/core';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxConsumer } from './outbox-consumer.service';

/** Starts the consumer inside this process when WORKER_IN_PROCESS says so (the embedded default). */
@Injectable()
export class InProcessOutboxConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: OutboxConsumer,
    @Inject(ConfigService) private readonly config: TypedConfigService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('WORKER_IN_PROCESS', { infer: true })) {
      this.consumer.start();
    }
  }
}
