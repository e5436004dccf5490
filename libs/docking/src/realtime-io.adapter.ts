import type { Server as HttpServer } from 'node:http';
import type { AppConfig } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, ServerOptions } from 'socket.io';
import { RealtimeRedis } from './realtime-redis';

/** How long a dropped client may come back and get what it missed (connection state recovery). */
const RECOVERY_WINDOW_MS = 2 * 60_000;

/**
 * The socket.io server of the api: CORS as for HTTP, connection state recovery, and with
 * REDIS_URL the Redis streams adapter, so that a broadcast on one api instance reaches the
 * sockets of every other (and a client recovers its missed packets on any of them).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private constructor(
    app: INestApplication,
    private readonly config: AppConfig,
    private readonly redis: RealtimeRedis,
  ) {
    super(app);
  }

  /** The adapter for `app`, once Redis (when configured) answers. */
  static async connect(app: INestApplication, config: AppConfig): Promise<RealtimeIoAdapter> {
    const redis = app.get(RealtimeRedis);
    await redis.connect();
    return new RealtimeIoAdapter(app, config, redis);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const prefix = `${this.redis.keyPrefix}socket.io`;
    const serverOptions: Partial<ServerOptions> = {
      ...options,
      cors: {
        origin: this.config.CORS_ORIGIN_LIST.includes('*') ? true : this.config.CORS_ORIGIN_LIST,
      },
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        // A returning socket shows its token again: a suspended user is not let back in.
        skipMiddlewares: false,
      },
      ...(this.redis.client && {
        adapter: createAdapter(this.redis.client, {
          streamName: prefix,
          channelPrefix: prefix,
          sessionKeyPrefix: `${prefix}:session:`,
        }),
      }),
    };
    const httpServer = this.httpServer as HttpServer | undefined;
    return httpServer && port === 0
      ? new Server(httpServer, serverOptions)
      : new Server(port, serverOptions);
  }
}
