import { Meilisearch } from 'meilisearch';
import { register } from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

/**
 * An in-process consumer does not wait for its next poll: a commit that queued outbox rows
 * wakes it. With the poll set to a minute, a document still reaches the index in moments.
 */
describe('outbox consumer woken by commits', () => {
  let t: TestApp;
  const meili = new Meilisearch({
    host: process.env.MEILI_URL!,
    apiKey: process.env.MEILI_MASTER_KEY,
  });
  const index = meili.index(`${process.env.MEILI_INDEX_PREFIX}organizations`);

  beforeAll(async () => {
    t = await startApp({ OUTBOX_POLL_MS: '60000' });
    // Let the consumer's first (empty) round pass, so that it is asleep for a minute.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  afterAll(() => t.close());

  it('should push a new document long before the next poll', async () => {
    const started = Date.now();
    const session = await register(t.http);
    await eventually(() => index.getDocument(session.organization.id), 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
