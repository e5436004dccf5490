import { randomBytes, randomInt } from 'node:crypto';
import { NEEDS_INDEX } from '@app/needs';
import { PRODUCTS_INDEX } from '@app/products';
import { IndexShapes, OutboxConsumer, SearchIndexes, SearchIndexRegistry } from '@app/search';
import { Meilisearch } from 'meilisearch';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  loginAdmin,
  productBody,
  publishedNeed,
  publishedProduct,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

const meili = new Meilisearch({
  host: process.env.MEILI_URL!,
  apiKey: process.env.MEILI_MASTER_KEY,
});

/**
 * A deployment upgraded from documents of an older shape (here: products and needs indexed
 * before they carried a card). Its indexes live under a prefix of their own, so the rebuild
 * this suite causes touches no other suite's indexes.
 */
describe('search index shapes', () => {
  const prefix = `${process.env.MEILI_INDEX_PREFIX}shape${randomBytes(3).toString('hex')}_`;
  let t: TestApp;
  let enterprise: SessionBody;
  let bank: SessionBody;

  beforeAll(async () => {
    // No consumer yet: the test writes the old documents itself, as an older release did.
    t = await startApp({ MEILI_INDEX_PREFIX: prefix, WORKER_IN_PROCESS: 'false' });
    const admin = await loginAdmin(t.http);
    enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
  });
  afterAll(async () => {
    await t.close();
    const { results } = await meili.getIndexes({ limit: 1000 });
    await Promise.all(
      results
        .filter((index) => index.uid.startsWith(prefix))
        .map((index) => meili.deleteIndex(index.uid).waitTask()),
    );
  });

  /** Writes the documents as they were before cards: every field but `card`. */
  const indexWithoutCards = async (name: string, ids: string[]): Promise<void> => {
    const documents = await t.app.get(SearchIndexRegistry).get(name)!.load(ids);
    expect(documents).toHaveLength(ids.length);
    const old = documents.map(({ card: _card, ...rest }) => rest);
    const task = await meili.index(`${prefix}${name}`).addDocuments(old).waitTask();
    expect(task.status).toBe('succeeded');
  };

  const recordedShapes = async (): Promise<Record<string, string>> => {
    const rows = await t.app
      .get(DataSource)
      .query<{ uid: string; shape: string }[]>('SELECT uid, shape FROM search_index_shapes');
    return Object.fromEntries(
      rows.filter((row) => row.uid.startsWith(prefix)).map((row) => [row.uid, row.shape]),
    );
  };

  it("should answer 503 while the documents are old, rebuild them on the consumer's start, then match", async () => {
    const base = 20_000_000_000 + randomInt(7_000) * 10_000_000;
    const need = await publishedNeed(t.http, enterprise.accessToken, { amount: base + 1_000_000 });
    const product = await publishedProduct(
      t.http,
      bank.accessToken,
      productBody({ amountMin: base, amountMax: base + 5_000_000 }),
    );
    await indexWithoutCards(PRODUCTS_INDEX, [product.id]);
    await indexWithoutCards(NEEDS_INDEX, [need.id]);
    expect(await recordedShapes()).toEqual({});

    const matches = () =>
      request(t.http)
        .get(`/api/v1/needs/${need.id}/matches`)
        .auth(enterprise.accessToken, { type: 'bearer' });
    const before = await matches();
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({ error: { code: 'SEARCH_UNAVAILABLE' } });
    expect(before.headers['retry-after']).toBeDefined();
    const productSide = await request(t.http)
      .get(`/api/v1/products/${product.id}/matches`)
      .auth(bank.accessToken, { type: 'bearer' });
    expect(productSide.status).toBe(503);

    t.app.get(OutboxConsumer).start();
    const after = await eventually(async () => {
      const response = await matches();
      expect(response.status).toBe(200);
      return response.body as { items: { item: { id: string } }[] };
    }, 60_000);
    expect(after.items.map((m) => m.item.id)).toEqual([product.id]);

    const indexes = t.app.get(SearchIndexes);
    const expected = Object.fromEntries(
      t.app
        .get(SearchIndexRegistry)
        .all()
        .map((definition) => [indexes.uid(definition.name), definition.shape]),
    );
    await eventually(async () => expect(await recordedShapes()).toEqual(expected), 60_000);
    // Up to date now: nothing to rebuild on the next start.
    expect(await t.app.get(IndexShapes).bringUpToDate()).toEqual([]);
  });

  it("should rebuild only the index whose recorded shape differs from the code's", async () => {
    const uid = t.app.get(SearchIndexes).uid(PRODUCTS_INDEX);
    await t.app
      .get(DataSource)
      .query('UPDATE search_index_shapes SET shape = ? WHERE uid = ?', ['1', uid]);
    expect(await t.app.get(IndexShapes).bringUpToDate()).toEqual([PRODUCTS_INDEX]);
    expect((await recordedShapes())[uid]).toBe(
      t.app.get(SearchIndexRegistry).get(PRODUCTS_INDEX)!.shape,
    );
  });
});
