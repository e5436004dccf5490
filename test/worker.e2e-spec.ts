import { parseConfig } from '@app/core';
import { OutboxConsumer } from '@app/search';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Meilisearch } from 'meilisearch';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { register } from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

describe('worker', () => {
  let worker: INestApplicationContext;
  let api: TestApp;
  const meili = new Meilisearch({
    host: process.env.MEILI_URL!,
    apiKey: process.env.MEILI_MASTER_KEY,
  });
  const index = meili.index(`${process.env.MEILI_INDEX_PREFIX}organizations`);

  beforeAll(async () => {
    // The worker is created first: the api started after it handles sign-ins in this process.
    const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50' });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    api = await startApp({ WORKER_IN_PROCESS: 'false' });
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
  });

  it('should leave the index alone while no consumer runs', async () => {
    const session = await register(api.http);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(index.getDocument(session.organization.id)).rejects.toThrow();
  });

  it('should push what the api wrote once the worker runs', async () => {
    const session = await register(api.http);
    worker.get(OutboxConsumer).start();
    const document = await eventually(() => index.getDocument(session.organization.id));
    expect(document).toMatchObject({
      id: session.organization.id,
      status: 'pending',
      kind: 'enterprise',
    });
  });
});
