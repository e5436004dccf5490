import { AppError, Clock, TypedConfigService } from '@app/core';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RealtimeRedis } from './realtime-redis';

/**
 * A sliding window in Redis: drops the sends older than the window, then records this one if
 * fewer than the limit remain. Answers 0 when recorded, else the milliseconds until the
 * oldest send leaves the window.
 */
const SLIDING_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + ARGV[2] - ARGV[1]
`;

/**
 * How many chat messages a user may send: CHAT_RATE_LIMIT per CHAT_RATE_WINDOW_SECONDS over a
 * sliding window. Counted in Redis when it is configured, so the limit holds however many api
 * instances the user's sockets are spread over; in this process's memory otherwise.
 */
@Injectable()
export class ChatRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  /** Per user, the times of the sends still inside the window, oldest first. */
  private readonly sends = new Map<string, number[]>();
  private lastSweep = 0;
  private counter = 0;

  constructor(
    private readonly redis: RealtimeRedis,
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.limit = config.get('CHAT_RATE_LIMIT', { infer: true });
    this.windowMs = config.get('CHAT_RATE_WINDOW_SECONDS', { infer: true }) * 1000;
  }

  /** Counts one send of the user; RATE_LIMITED (details.retryAfter in seconds) when over. */
  async take(userId: string): Promise<void> {
    const now = this.clock.now().getTime();
    const waitMs = this.redis.client
      ? await this.takeInRedis(this.redis.client, userId, now)
      : this.takeInMemory(userId, now);
    if (waitMs > 0) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError('RATE_LIMITED', {
        message: `Too many messages: wait ${retryAfter} s before sending again.`,
        details: { retryAfter },
      });
    }
  }

  private async takeInRedis(
    client: NonNullable<RealtimeRedis['client']>,
    userId: string,
    now: number,
  ): Promise<number> {
    const member = `${now}:${process.pid}:${++this.counter}`;
    const wait = await client.eval(SLIDING_WINDOW, {
      keys: [`${this.redis.keyPrefix}chat:rate:${userId}`],
      arguments: [String(now), String(this.windowMs), String(this.limit), member],
    });
    return Number(wait);
  }

  private takeInMemory(userId: string, now: number): number {
    this.sweep(now);
    const since = now - this.windowMs;
    const times = (this.sends.get(userId) ?? []).filter((time) => time > since);
    if (times.length >= this.limit) {
      this.sends.set(userId, times);
      return times[0] + this.windowMs - now;
    }
    times.push(now);
    this.sends.set(userId, times);
    return 0;
  }

  /** Once a window, forgets the users whose last send has left it. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [userId, times] of this.sends) {
      if (times[times.length - 1] <= now - this.windowMs) this.sends.delete(userId);
    }
  }
}
