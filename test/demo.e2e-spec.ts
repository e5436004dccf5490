import { randomBytes } from 'node:crypto';
import { isValidCreditCode } from '@app/core';
import {
  DataGenerator,
  DemoDataSeeder,
  GENERATED_EMAIL_DOMAIN,
  generateDataset,
  institutionsFor,
} from '@app/demo';
import { DEMO_PASSWORD } from '@app/identity';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/database';
import { login } from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

const TABLES = [
  'organizations',
  'users',
  'needs',
  'products',
  'whitelist_batches',
  'whitelist_entries',
];

describe('demo data', () => {
  let api: TestApp;
  let db: DataSource;

  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> => db.query<T[]>(sql, params);
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await rows<{ n: number | string }>(sql, params))[0].n);

  beforeAll(async () => {
    api = await startApp();
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    // The demo commissioner covers districts; later suites register enterprises there.
    await db.query(
      'DELETE FROM commissioner_districts WHERE commissioner_id IN (SELECT id FROM users WHERE email = ?)',
      ['commissioner@kejinqiao.example'],
    );
    await api.close();
  });

  /**
   * The consumer queues dependent work as it goes (documents, then the stored matches of every
   * demo need and product), so the outbox is compared once drained.
   */
  const drained = (timeoutMs = 30_000) =>
    eventually(
      async () => expect((await api.app.get(OutboxService).backlog()).pending).toBe(0),
      timeoutMs,
    );

  describe('seed', () => {
    beforeAll(async () => {
      await api.app.get(DemoDataSeeder).seed();
      await drained(120_000);
    }, 180_000);

    it('should change nothing when it runs a second time', async () => {
      const counts = async () =>
        Promise.all(TABLES.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
      const outbox = api.app.get(OutboxService);
      await drained();
      const before = await counts();
      const lastOutboxId = await outbox.lastId();

      const again = await api.app.get(DemoDataSeeder).seed();

      expect(again.created).toBe(false);
      expect(await counts()).toEqual(before);
      await drained();
      expect(await outbox.lastId()).toBe(lastOutboxId);
    });

    it('should hold the demo marketplace: 200 enterprises, about 20 institutions, 60 products, 300 needs', async () => {
      const demoOrgs = `SELECT o.id FROM organizations o JOIN users u ON u.org_id = o.id WHERE u.email LIKE '%@kejinqiao.example'`;
      expect(
        await count(`SELECT COUNT(*) AS n FROM users WHERE email LIKE 'qiye%@kejinqiao.example'`),
      ).toBe(200);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM organizations WHERE kind NOT IN ('enterprise', 'service_center') AND id IN (${demoOrgs})`,
        ),
      ).toBe(20);
      expect(await count(`SELECT COUNT(*) AS n FROM products WHERE org_id IN (${demoOrgs})`)).toBe(
        60,
      );
      expect(await count(`SELECT COUNT(*) AS n FROM needs WHERE org_id IN (${demoOrgs})`)).toBe(
        300,
      );
      expect(
        await count(
          `SELECT COUNT(DISTINCT district) AS n FROM organizations WHERE kind = 'enterprise' AND id IN (${demoOrgs})`,
        ),
      ).toBe(10);
      const batch = await rows<{ status: string; n: string | number }>(
        `SELECT b.status, COUNT(*) AS n FROM whitelist_batches b JOIN whitelist_entries e ON e.batch_id = b.id
         JOIN organizations o ON o.credit_code = e.credit_code WHERE o.id IN (${demoOrgs}) GROUP BY b.status`,
      );
      expect(batch).toHaveLength(1);
      expect(batch[0].status).toBe('published');
      expect(Number(batch[0].n)).toBeGreaterThan(80);
    });

    it('should sign a demo enterprise in and show it its own needs', async () => {
      const [owner] = await rows<{ email: string; orgId: string; n: string | number }>(
        `SELECT u.email, n.org_id AS orgId, COUNT(*) AS n FROM needs n JOIN users u ON u.org_id = n.org_id
         WHERE u.email LIKE 'qiye%@kejinqiao.example' GROUP BY u.email, n.org_id ORDER BY u.email LIMIT 1`,
      );
      const session = await login(api.http, owner.email, DEMO_PASSWORD);

      const needs = await request(api.http)
        .get('/api/v1/needs?pageSize=100')
        .auth(session.accessToken, { type: 'bearer' });

      expect(session.user.role).toBe('enterprise');
      expect(needs.status).toBe(200);
      expect(needs.body.total).toBe(Number(owner.n));
      expect(needs.body.items.every((n: { orgId: string }) => n.orgId === owner.orgId)).toBe(true);
    });

    it('should find demo products in the public catalog by a Chinese keyword', async () => {
      const ids = (
        await rows<{ id: string }>(
          `SELECT p.id FROM products p JOIN users u ON u.org_id = p.org_id
           WHERE u.email LIKE '%@kejinqiao.example' AND p.status = 'published' AND p.kind = 'ip_pledge_loan'`,
        )
      ).map((r) => r.id);
      expect(ids.length).toBeGreaterThan(0);

      await eventually(async () => {
        const found = await request(api.http)
          .get('/api/v1/products')
          .query({ q: '知识产权质押', pageSize: 100 });
        expect(found.status).toBe(200);
        const hits = (found.body.items as { id: string }[]).map((p) => p.id);
        expect(hits).toEqual(expect.arrayContaining(ids.slice(0, 3)));
      }, 25_000);
    });

    it('should show a demo bank the published demo needs, found by their title', async () => {
      const bank = await login(api.http, 'zhaomin@kejinqiao.example', DEMO_PASSWORD);
      const [need] = await rows<{ id: string; title: string }>(
        `SELECT n.id, n.title FROM needs n JOIN users u ON u.org_id = n.org_id
         WHERE u.email LIKE 'qiye%@kejinqiao.example' AND n.status = 'published' ORDER BY n.id LIMIT 1`,
      );

      await eventually(async () => {
        const found = await request(api.http)
          .get('/api/v1/needs')
          .query({ q: need.title, pageSize: 100 })
          .auth(bank.accessToken, { type: 'bearer' });
        expect(found.status).toBe(200);
        expect((found.body.items as { id: string }[]).map((n) => n.id)).toContain(need.id);
      }, 25_000);
      // Every published demo need reaches the index through the outbox.
      const published = await count(
        `SELECT COUNT(*) AS n FROM needs n JOIN users u ON u.org_id = n.org_id
         WHERE u.email LIKE '%@kejinqiao.example' AND n.status = 'published'`,
      );
      await eventually(async () => {
        const listed = await request(api.http)
          .get('/api/v1/needs?pageSize=5')
          .auth(bank.accessToken, { type: 'bearer' });
        expect(listed.body.total).toBeGreaterThanOrEqual(published);
      }, 25_000);
    });
  });

  describe('generator', () => {
    const seed = `e2e-${randomBytes(4).toString('hex')}`;
    const size = { enterprises: 50, needs: 200, products: 20 };
    let report: Awaited<ReturnType<DataGenerator['generate']>>;
    const generatedOrgs = `SELECT org_id FROM users WHERE email LIKE '%.${seed.replace('-', '')}@${GENERATED_EMAIL_DOMAIN}'`;

    beforeAll(async () => {
      report = await api.app.get(DataGenerator).generate({ ...size, seed });
    }, 60_000);

    it('should write exactly the rows asked for, with one institution per 20 products', async () => {
      const institutions = institutionsFor(size.products);
      expect(report.created).toBe(true);
      expect(
        await count(`SELECT COUNT(*) AS n FROM users WHERE org_id IN (${generatedOrgs})`),
      ).toBe(size.enterprises + institutions);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM organizations WHERE kind = 'enterprise' AND id IN (${generatedOrgs})`,
        ),
      ).toBe(size.enterprises);
      expect(
        await count(`SELECT COUNT(*) AS n FROM needs WHERE org_id IN (${generatedOrgs})`),
      ).toBe(size.needs);
      expect(
        await count(`SELECT COUNT(*) AS n FROM products WHERE org_id IN (${generatedOrgs})`),
      ).toBe(size.products);
    });

    it('should give every organization a valid credit code', async () => {
      const codes = (
        await rows<{
          code: string;
        }>(`SELECT credit_code AS code FROM organizations WHERE id IN (${generatedOrgs})`)
      ).map((r) => r.code);
      expect(codes).toHaveLength(51);
      expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([]);
    });

    it('should write the same names and amounts as the seed generates again', async () => {
      const again = generateDataset({
        seed,
        ...size,
        institutions: institutionsFor(size.products),
        now: new Date(),
        emailOf: () => 'unused@example.com',
      });
      const names = (
        await rows<{
          name: string;
        }>(`SELECT name FROM organizations WHERE id IN (${generatedOrgs}) ORDER BY id`)
      ).map((r) => r.name);
      const amounts = (
        await rows<{ id: string; amount: string | number }>(
          `SELECT id, amount FROM needs WHERE org_id IN (${generatedOrgs}) ORDER BY id`,
        )
      ).map((r) => [r.id, Number(r.amount)]);
      const sortedById = <T extends { id: string }>(list: T[]) =>
        [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(names).toEqual(sortedById(again.organizations).map((o) => o.name));
      expect(amounts).toEqual(sortedById(again.needs).map((n) => [n.id, n.amount]));
    });

    it('should refuse to write the same seed twice', async () => {
      const second = await api.app.get(DataGenerator).generate({ ...size, seed });
      expect(second.created).toBe(false);
      expect(
        await count(`SELECT COUNT(*) AS n FROM needs WHERE org_id IN (${generatedOrgs})`),
      ).toBe(size.needs);
    });

    it('should rebuild the indexes with every published document the database holds', async () => {
      const indexed = Object.fromEntries(report.indexes.map((r) => [r.index, r.documents]));
      expect(indexed.organizations).toBe(await count('SELECT COUNT(*) AS n FROM organizations'));
      expect(indexed.needs).toBe(
        await count(
          `SELECT COUNT(*) AS n FROM needs n JOIN organizations o ON o.id = n.org_id
           WHERE n.status = 'published' AND o.status <> 'suspended'`,
        ),
      );
      expect(indexed.products).toBe(
        await count(
          `SELECT COUNT(*) AS n FROM products p JOIN organizations o ON o.id = p.org_id
           WHERE p.status = 'published' AND o.status <> 'suspended'`,
        ),
      );
    });
  });
});
