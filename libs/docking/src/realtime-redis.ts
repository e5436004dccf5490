import { TypedConfigService } from '@app/core';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** How long the api waits for Redis at boot before it gives up. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The process's Redis connection when REDIS_URL is set: socket broadcasts cross api instances
 * through it, and chat rate limits are counted there. Only the api connects (before it serves
 * sockets); other processes that load the module never open it. Closed at shutdown, after the
 * socket server, so that the last writes of closing sockets still go out.
 */
@Injectable()
export class RealtimeRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: RedisClient | null;
  /** Prefix of every key and stream this deployment writes. */
  readonly keyPrefix: string;
  private healthy = true;

  constructor(@Inject(ConfigService) config: TypedConfigService) {
    const url = config.get('REDIS_URL', { infer: true });
    this.keyPrefix = config.get('REDIS_KEY_PREFIX', { infer: true });
    this.client = url ? createClient({ url }) : null;
    // Logged when the connection is lost and when it is back, not on every retry; the URL
    // may hold a password, so it is never logged.
    this.client?.on('error', (error: Error) => {
      if (!this.healthy) return;
      this.healthy = false;
      this.logger.warn(`Redis connection lost: ${error.message}`);
    });
    this.client?.on('ready', () => {
      if (this.healthy) return;
      this.healthy = true;
      this.logger.log('Redis connection is back');
    });
  }

  async connect(): Promise<void> {
    const client = this.client;
    if (!client || client.isOpen) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis (REDIS_URL) did not answer within ${CONNECT_TIMEOUT_MS} ms`)),
        CONNECT_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([client.connect(), timeout]);
    } catch (error) {
      if (client.isOpen) client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close();
  }
}
