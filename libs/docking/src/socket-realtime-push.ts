import { RealtimePush } from '@app/core';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { userRoom } from './chat-events';
import { RealtimeRedis, RedisClient } from './realtime-redis';

interface RelayedPush {
  userId: string;
  event: string;
  payload: unknown;
}

/**
 * RealtimePush over the chat namespace: an event to the room every socket of the user joins.
 * A process without the socket server (the worker) relays its pushes through Redis when it is
 * set: every api instance hears them and delivers to the sockets connected to it (`local`, so
 * each socket gets the event once). Without Redis such a process has nowhere to push.
 */
@Injectable()
export class SocketRealtimePush extends RealtimePush implements OnApplicationShutdown {
  private readonly logger = new Logger('RealtimePush');
  private namespace: Namespace | null = null;
  private subscriber: RedisClient | null = null;

  constructor(private readonly redis: RealtimeRedis) {
    super();
  }

  private get channel(): string {
    return `${this.redis.keyPrefix}push`;
  }

  /** Called by the gateway once its namespace exists: from then on, relayed pushes arrive. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
    const client = this.redis.client;
    if (!client) return;
    const subscriber = client.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.warn(`push relay: ${error.message}`));
    subscriber
      .connect()
      .then(() => subscriber.subscribe(this.channel, (message) => this.deliverLocally(message)))
      .catch((error: unknown) => this.logger.warn(`push relay not listening: ${String(error)}`));
  }

  toUser(userId: string, event: string, payload: unknown): void {
    if (this.namespace) {
      this.namespace.to(userRoom(userId)).emit(event, payload);
      return;
    }
    if (!this.redis.client) {
      this.logger.debug(`no socket server in this process and no Redis: ${event} not pushed`);
      return;
    }
    this.relay({ userId, event, payload }).catch((error: unknown) =>
      this.logger.warn(`push relay failed, ${event} not pushed: ${String(error)}`),
    );
  }

  /**
   * The users among `userIds` with a socket open on any api instance: those connected here are
   * seen at once, the others are asked of the other instances in one round trip.
   */
  async onlineAmong(userIds: readonly string[]): Promise<Set<string>> {
    const online = new Set<string>();
    const namespace = this.namespace;
    if (!namespace) return online;
    const elsewhere: string[] = [];
    for (const userId of userIds) {
      if ((namespace.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0) online.add(userId);
      else elsewhere.push(userId);
    }
    if (elsewhere.length === 0) return online;
    const rooms = new Map(elsewhere.map((userId) => [userRoom(userId), userId]));
    for (const socket of await namespace.in([...rooms.keys()]).fetchSockets()) {
      for (const room of socket.rooms) {
        const userId = rooms.get(room);
        if (userId) online.add(userId);
      }
    }
    return online;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber?.isOpen) await this.subscriber.close();
  }

  private async relay(push: RelayedPush): Promise<void> {
    await this.redis.connect();
    await this.redis.client?.publish(this.channel, JSON.stringify(push));
  }

  private deliverLocally(message: string): void {
    const push = JSON.parse(message) as RelayedPush;
    this.namespace?.local.to(userRoom(push.userId)).emit(push.event, push.payload);
  }
}
