import { OutboxService, TransactionRunner } from '@app/database';
import { OutboxConsumer } from '@app/search';
import { eventually, startApp, TestApp } from './helpers/test-app';

/** Rows of background topics (match recomputations) wait while search documents are due. */
describe('outbox claim order', () => {
  let t: TestApp;
  let outbox: OutboxService;

  beforeAll(async () => {
    t = await startApp();
    outbox = t.app.get(OutboxService);
    // Let other suites' rows drain, then stop the consumer so this suite claims by hand.
    await eventually(async () => expect((await outbox.backlog()).pending).toBe(0), 60_000);
    await t.app.get(OutboxConsumer).stop();
  });
  afterAll(() => t.close());

  it('should hand out due search rows before older background rows, oldest first within each', async () => {
    const queue = (topic: string, id: string) =>
      t.app.get(TransactionRunner).run((manager) => outbox.enqueue(manager, topic, [id]));
    await queue('claim-test-background', 'b1');
    await queue('claim-test-search', 's1');
    await queue('claim-test-background', 'b2');
    await queue('claim-test-search', 's2');

    const claimed = await outbox.claim(10, new Date(), ['claim-test-background']);

    expect(claimed.map((row) => row.documentId)).toEqual(['s1', 's2', 'b1', 'b2']);
    await outbox.complete(claimed.map((row) => row.id));
    expect((await outbox.backlog()).pending).toBe(0);
  });
});
