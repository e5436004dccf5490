import { AppError, parseConfig } from '@app/core';
import { DEMO_PASSWORD } from '@app/identity';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAdmin, migrate, reindex, seed } from '../apps/worker/src/commands';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { login, uniqueEmail } from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

describe('cli commands', () => {
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', WORKER_IN_PROCESS: 'false' });
  let context: INestApplicationContext;
  let api: TestApp;
  let lines: string[];
  const print = (line: string): void => {
    lines.push(line);
  };

  beforeAll(async () => {
    context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    api = await startApp();
  });
  afterAll(async () => {
    // The demo commissioner covers districts; later suites register enterprises there.
    await api.app
      .get(DataSource)
      .query(
        'DELETE FROM commissioner_districts WHERE commissioner_id IN (SELECT id FROM users WHERE email = ?)',
        ['commissioner@kejinqiao.example'],
      );
    await context.close();
    await api.close();
  });
  beforeEach(() => {
    lines = [];
  });

  it('should report an up-to-date schema when every migration is applied', async () => {
    await migrate(config, print);
    expect(lines).toEqual(['The schema is up to date.']);
  });

  it('should create an admin once and leave it alone the second time', async () => {
    const email = uniqueEmail('cli-admin');
    await createAdmin(context, print, {
      email,
      name: '运维管理员',
      password: 'Operator-Pass-2026',
    });
    await createAdmin(context, print, {
      email,
      name: '运维管理员',
      password: 'Operator-Pass-2026',
    });
    expect(lines).toEqual([
      `Admin ${email} created.`,
      `A user with ${email} already exists; nothing changed.`,
    ]);
    const session = await login(api.http, email, 'Operator-Pass-2026');
    expect(session.user.role).toBe('admin');
  });

  it('should refuse an admin with a weak password', async () => {
    const attempt = createAdmin(context, print, {
      email: uniqueEmail('weak'),
      name: 'x',
      password: 'password',
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
  });

  it('should seed the demo data once and sign in with it', async () => {
    await seed(context, print);
    await seed(context, print);
    // Another suite may have seeded first: only the second run's answer is certain.
    expect(lines.filter((l) => l.startsWith('Demo data'))[1]).toBe(
      'Demo data was already there; nothing changed.',
    );
    const admin = await login(api.http, 'admin@kejinqiao.example', DEMO_PASSWORD);
    // The demo holds hundreds of organizations: look the named ones up by name.
    for (const name of ['青岛海湾智能装备有限公司', '琴岛银行崂山科技支行']) {
      await eventually(async () => {
        const orgs = await request(api.http)
          .get('/api/v1/orgs')
          .query({ status: 'verified', q: name })
          .auth(admin.accessToken, { type: 'bearer' });
        expect((orgs.body.items as { name: string }[]).map((o) => o.name)).toContain(name);
      });
    }
  });

  it('should rebuild the organizations index and report its size', async () => {
    await reindex(context, print, 'organizations');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^organizations: \d+ documents in \d+ ms$/);
    expect(Number(/: (\d+) documents/.exec(lines[0])![1])).toBeGreaterThanOrEqual(8);
  });
});
