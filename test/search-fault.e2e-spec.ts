import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxEntry, OutboxService } from '@app/database';
import { Organization } from '@app/identity';
import { EmbeddedMeilisearch } from '@app/search';
import { Meilisearch } from 'meilisearch';
import request from 'supertest';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import {
  loginAdmin,
  publishedNeed,
  publishedProduct,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

/**
 * The real Meilisearch process dies in the middle of a stream of writes and comes back on the
 * same port with the same data: every write must have answered 2xx, and once the outbox has
 * caught up the index must hold exactly what the database holds.
 */
describe('search sync when Meilisearch crashes', () => {
  const masterKey = randomBytes(24).toString('base64url');
  const prefix = `fault_${randomBytes(3).toString('hex')}_`;
  let dataDir: string;
  let meili: EmbeddedMeilisearch;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'techfin-fault-meili-'));
    meili = await EmbeddedMeilisearch.start({ dataDir, masterKey });
    t = await startApp({
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: masterKey,
      MEILI_INDEX_PREFIX: prefix,
    });
  });

  afterAll(async () => {
    await t.close();
    await meili.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should lose no write and end with the indexes equal to the database', async () => {
    const admin = await loginAdmin(t.http);
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    const firstRow = await t.app.get(OutboxService).lastId();
    const statuses: number[] = [];
    const orgIds: string[] = [];
    const needIds: string[] = [];
    const productIds: string[] = [];
    const post = (who: SessionBody, path: string) =>
      request(t.http).post(`/api/v1${path}`).auth(who.accessToken, { type: 'bearer' });
    const write = async (round: number): Promise<void> => {
      const session = await register(t.http);
      orgIds.push(session.organization.id);
      const rename = await request(t.http)
        .patch(`/api/v1/orgs/${session.organization.id}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ name: `故障演练企业${round}号` });
      statuses.push(rename.status);
      needIds.push((await publishedNeed(t.http, enterprise.accessToken)).id);
      productIds.push((await publishedProduct(t.http, bank.accessToken)).id);
      // Every third round takes an earlier one off the shelf again.
      if (round % 3 === 2) {
        statuses.push((await post(enterprise, `/needs/${needIds[round - 1]}/withdraw`)).status);
        statuses.push((await post(bank, `/products/${productIds[round - 1]}/suspend`)).status);
      }
    };

    for (let round = 0; round < 6; round += 1) await write(round);
    const port = meili.port;
    await meili.stop();
    for (let round = 6; round < 14; round += 1) await write(round);
    const search = await request(t.http)
      .get('/api/v1/orgs?q=故障演练')
      .auth(admin.accessToken, { type: 'bearer' });
    expect(search.status).toBe(503);
    meili = await EmbeddedMeilisearch.start({ dataDir, masterKey, port });
    for (let round = 14; round < 20; round += 1) await write(round);

    expect(statuses).toEqual(Array(statuses.length).fill(200));
    const outbox = t.app.get(DataSource).getRepository(OutboxEntry);
    await eventually(
      async () =>
        expect(await outbox.countBy({ id: MoreThan(firstRow), processedAt: IsNull() })).toBe(0),
      60_000,
    );

    const client = new Meilisearch({ host: meili.url, apiKey: masterKey });
    const { results } = await client
      .index(`${prefix}organizations`)
      .getDocuments<{ id: string; name: string; status: string }>({ limit: 10_000 });
    const indexed = new Map(results.map((doc) => [doc.id, doc]));
    const rows = await t.app
      .get(DataSource)
      .getRepository(Organization)
      .findBy({ id: In(orgIds) });
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      expect(indexed.get(row.id)).toMatchObject({ id: row.id, name: row.name, status: row.status });
    }
    // Nothing in the index that the database does not hold, field for field.
    const everything = await t.app
      .get(DataSource)
      .getRepository(Organization)
      .findBy({ id: In([...indexed.keys()]) });
    expect(everything).toHaveLength(indexed.size);
    for (const row of everything) expect(indexed.get(row.id)?.name).toBe(row.name);

    // The needs and products indexes hold exactly the published rows: every one of this test's
    // published rows is there, and nothing is there that the database does not publish. (Rows of
    // earlier suites in the shared database were pushed to another Meilisearch.)
    const ids = async (index: string): Promise<string[]> =>
      (
        await client.index(`${prefix}${index}`).getDocuments<{ id: string }>({ limit: 10_000 })
      ).results.map((doc) => doc.id);
    const db = t.app.get(DataSource);
    for (const [index, repo, mine] of [
      ['needs', db.getRepository(Need), needIds],
      ['products', db.getRepository(Product), productIds],
    ] as const) {
      const indexed = await ids(index);
      const published = (
        await repo.findBy({ id: In([...indexed, ...mine]), status: 'published' })
      ).map((row) => row.id);
      const minePublished = published.filter((id) => mine.includes(id));
      expect(minePublished).toHaveLength(20 - 6);
      expect(minePublished.every((id) => indexed.includes(id))).toBe(true);
      expect(indexed.every((id) => published.includes(id))).toBe(true);
    }
  }, 120_000);
});
