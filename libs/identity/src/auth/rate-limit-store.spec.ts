import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { RateLimitStore } from './rate-limit-store';

/** Keys as the guard makes them: each its own limit, window and block, the same every time. */
const limits = fc.array(
  fc.record({
    ttl: fc.constantFrom(1_000, 5_000, 60_000),
    limit: fc.integer({ min: 0, max: 6 }),
    blockDuration: fc.constantFrom(0, 1_000, 5_000, 60_000),
  }),
  { minLength: 1, maxLength: 3 },
);

/** Requests a few seconds apart, and now and then a pause long enough for idle keys to go. */
const steps = fc.array(
  fc.record({
    key: fc.nat(),
    throttler: fc.constantFrom('api', 'auth'),
    wait: fc.oneof(
      { weight: 9, arbitrary: fc.nat(3_000) },
      fc.integer({ min: 55_000, max: 130_000 }),
    ),
  }),
  { minLength: 1, maxLength: 120 },
);

describe(RateLimitStore.name, () => {
  // Fake timers move Date.now and fire both stores' sweeps of idle keys at the same moments.
  beforeEach(() => jest.useFakeTimers({ now: 1_800_000_000_000 }));

  afterEach(() => jest.useRealTimers());

  const wait = (ms: number) => jest.advanceTimersByTime(ms);

  it("should answer every request as @nestjs/throttler's own store does", async () => {
    await fc.assert(
      fc.asyncProperty(limits, steps, async (keys, requests) => {
        const sut = new RateLimitStore();
        const reference = new ThrottlerStorageService();
        try {
          for (const { key, throttler, wait: pause } of requests) {
            wait(pause);
            const { ttl, limit, blockDuration } = keys[key % keys.length];
            const name = `key-${key % keys.length}-${throttler}`;
            expect(await sut.increment(name, ttl, limit, blockDuration, throttler)).toEqual(
              await reference.increment(name, ttl, limit, blockDuration, throttler),
            );
          }
        } finally {
          sut.onApplicationShutdown();
          reference.onApplicationShutdown();
        }
      }),
      { seed: 20_261_128, numRuns: 300 },
    );
  });

  it('should block a client over the limit until the block ends, then count afresh', async () => {
    const sut = new RateLimitStore();
    try {
      const hit = () => sut.increment('route-client', 60_000, 2, 60_000, 'api');
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
      expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 60 });
      wait(30_000);
      expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
      wait(30_000);
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    } finally {
      sut.onApplicationShutdown();
    }
  });

  it('should count only the hits of the last window', async () => {
    const sut = new RateLimitStore();
    try {
      for (let i = 0; i < 5_000; i++) {
        wait(20);
        await sut.increment('route-client', 60_000, 1_000_000, 60_000, 'api');
      }
      wait(59_990);
      const answer = await sut.increment('route-client', 60_000, 1_000_000, 60_000, 'api');
      expect(answer.totalHits).toBe(2);
    } finally {
      sut.onApplicationShutdown();
    }
  });
});
