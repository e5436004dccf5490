import { OutboxService, TransactionRunner } from '@app/database';
import { OutboxConsumer } from '@app/search';
import { startApp, TestApp } from './helpers/test-app';

/** Rows of background topics (match recomputations) wait while search documents are due. */
describe('outbox claim order', () => {
  let t: TestApp;
  let outbox: OutboxService;

  beforeAll(async () => {
    t = await startApp();
    outbox = t.app.get(OutboxService);
    // Stop the consumer so this suite claims by hand.
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

    const claimed = await outbox.claim(1000, new Date(), ['claim-test-background']);

    // Rows another process queued meanwhile may be among them; only these four are ours.
    const ours = claimed.filter((row) => row.topic.startsWith('claim-test-'));
    expect(ours.map((row) => row.documentId)).toEqual(['s1', 's2', 'b1', 'b2']);
    await outbox.complete(ours.map((row) => row.id));
  });
});
