import { AppConfig, parseConfig } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { createApp } from '../../apps/api/src/create-app';

export const E2E_ADMIN = {
  email: 'admin@e2e.kejinqiao.example',
  password: 'E2e-Platform-Pass-2026',
};

export interface TestApp {
  app: INestApplication;
  http: App;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real api against the run's MariaDB and Meilisearch (see test/setup), with the outbox
 * consumer in-process and polling fast. Limits are high unless a suite lowers them.
 */
export async function startApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = parseConfig({
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT: '100000',
    API_RATE_LIMIT: '1000000',
    WORKER_IN_PROCESS: 'true',
    OUTBOX_POLL_MS: '50',
    SEED_DEMO: 'false',
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    ...overrides,
  });
  const app = await createApp(config);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    config,
    close: () => app.close(),
  };
}

/** Polls until `check` stops throwing (or the time runs out and its last error is thrown). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
