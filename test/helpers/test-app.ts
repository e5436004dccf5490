import { AppConfig, parseConfig } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import passport from 'passport';
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
  const opened = { strategies: { ...passportStrategies() } };
  openApps.push(opened);
  return {
    app,
    http: app.getHttpServer() as App,
    config,
    close: async () => {
      await app.close();
      openApps.splice(openApps.indexOf(opened), 1);
      const latest = openApps.at(-1);
      if (latest) Object.assign(passportStrategies(), latest.strategies);
    },
  };
}

/**
 * Nest's passport strategies register themselves on the one global passport instance, so the
 * last app started in this process authenticates for all of them. When it closes (its data
 * source gone), the strategies of the latest app still open take over again.
 */
const openApps: { strategies: Record<string, unknown> }[] = [];

function passportStrategies(): Record<string, unknown> {
  return (passport as unknown as { _strategies: Record<string, unknown> })._strategies;
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
