import type { Server as HttpServer } from 'node:http';
import { type AppConfig, ERROR_CODES } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { type ExtendedError, Server, ServerOptions } from 'socket.io';
import { RealtimeRedis } from './realtime-redis';

/** How long a dropped client may come back and get what it missed (connection state recovery). */
const RECOVERY_WINDOW_MS = 2 * 60_000;

/**
 * socket.io always serves the main namespace `/`, which the platform does not use: every
 * connection to it is refused, so nobody unauthenticated holds a socket open on the api.
 */
function closeMainNamespace(server: Server): void {
  server.of('/').use((_socket, next) => {
    const refusal: ExtendedError = new Error(ERROR_CODES.ROUTE_NOT_FOUND.message);
    refusal.data = {
      code: 'ROUTE_NOT_FOUND',
      message: ERROR_CODES.ROUTE_NOT_FOUND.message,
      details: [],
    };
    next(refusal);
  });
}

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

  private get streamName(): string {
    return `${this.redis.keyPrefix}socket.io`;
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const prefix = this.streamName;
    const serverOptions: Partial<ServerOptions> = {
      ...options,
      cors: {
        origin: this.config.CORS_ORIGIN_LIST.includes('*') ? true : this.config.CORS_ORIGIN_LIST,
      },
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        // A recovered socket goes on with the user it was admitted with, like a socket that
        // never dropped. Running the handshake again would open a gap: socket.io works out
        // what was missed before the middleware and adds the socket to its rooms after it.
        skipMiddlewares: true,
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
    const server =
      httpServer && port === 0
        ? new Server(httpServer, serverOptions)
        : new Server(port, serverOptions);
    closeMainNamespace(server);
    return server;
  }

  /**
   * After the servers closed: the Redis adapter's reader sits in a blocking XREAD for up to 5 s
   * and only notices the close when that returns. An entry without a namespace (which readers
   * skip) wakes it, so the process can end at once.
   */
  override async dispose(): Promise<void> {
    const client = this.redis.client;
    if (client?.isReady) await client.xAdd(this.streamName, '*', { shutdown: String(process.pid) });
  }
}
