import { AppError, Clock, TypedConfigService } from '@app/core';
import { ChatRateLimiter } from './chat-rate-limiter';
import type { RealtimeRedis } from './realtime-redis';

function limiterOf(limit: number, windowSeconds: number): { sut: ChatRateLimiter; clock: Clock } {
  const clock = new Clock();
  // Windows are checked to the millisecond: only advance() moves time here.
  clock.freeze();
  const settings: Record<string, number> = {
    CHAT_RATE_LIMIT: limit,
    CHAT_RATE_WINDOW_SECONDS: windowSeconds,
  };
  const config = { get: (key: string) => settings[key] } as unknown as TypedConfigService;
  const redis = { client: null, keyPrefix: 'test:' } as unknown as RealtimeRedis;
  return { sut: new ChatRateLimiter(redis, clock, config), clock };
}

async function refusal(attempt: Promise<void>): Promise<AppError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the send was let through');
}

describe(ChatRateLimiter.name, () => {
  it('should let a user send the limit within the window and refuse the next, saying when to retry', async () => {
    const { sut, clock } = limiterOf(3, 10);
    await sut.take('u1');
    clock.advance(4_000);
    await sut.take('u1');
    await sut.take('u1');

    const refused = await refusal(sut.take('u1'));

    expect(refused.code).toBe('RATE_LIMITED');
    // The first send leaves the window 6 s from now.
    expect(refused.details).toEqual({ retryAfter: 6 });
  });

  it('should slide: each send counts for one window after it was made', async () => {
    const { sut, clock } = limiterOf(2, 10);
    await sut.take('u1');
    clock.advance(5_000);
    await sut.take('u1');
    clock.advance(5_001);

    await expect(sut.take('u1')).resolves.toBeUndefined();
    expect((await refusal(sut.take('u1'))).details).toEqual({ retryAfter: 5 });
  });

  it('should count each user apart and not count refused sends', async () => {
    const { sut, clock } = limiterOf(1, 10);
    await sut.take('u1');
    await expect(sut.take('u2')).resolves.toBeUndefined();
    for (let i = 0; i < 5; i++) await refusal(sut.take('u1'));

    clock.advance(10_001);
    await expect(sut.take('u1')).resolves.toBeUndefined();
  });

  it('should answer at least one second to wait', async () => {
    const { sut, clock } = limiterOf(1, 1);
    await sut.take('u1');
    clock.advance(999);

    expect((await refusal(sut.take('u1'))).details).toEqual({ retryAfter: 1 });
  });
});
