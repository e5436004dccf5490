import { KeyedQueue } from './keyed-queue';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe(KeyedQueue.name, () => {
  it('should run the work of one key one at a time, in the order it was queued', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const work = (name: string, ms: number) => () =>
      (async () => {
        log.push(`start ${name}`);
        await tick(ms);
        log.push(`end ${name}`);
        return name;
      })();

    const results = await Promise.all([
      queue.run('a', work('1', 20)),
      queue.run('a', work('2', 0)),
      queue.run('a', work('3', 5)),
    ]);

    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('should run different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const slow = queue.run('a', async () => {
      await tick(20);
      log.push('a');
    });
    const fast = queue.run('b', async () => {
      await tick(0);
      log.push('b');
    });
    await Promise.all([slow, fast]);

    expect(log).toEqual(['b', 'a']);
  });

  it('should go on with the next work after one fails, and forget idle keys', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('boom')));
    const next = queue.run('a', () => Promise.resolve('next'));

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    await tick();
    expect(queue.size).toBe(0);
  });
});
