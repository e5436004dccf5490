import { AppError, type ErrorCode, RealtimePush } from '@app/core';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { chatErrorOf } from './chat-errors';
import { type ChatNamespace, userRoom } from './chat-events';
import { RealtimeRedis, RedisClient } from './realtime-redis';

interface RelayedPush {
  userId: string;
  event: string;
  payload: unknown;
  /** Disconnect the user's sockets after the event. */
  disconnect?: boolean;
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
  /** For pushes, whose events come from every lib. */
  private namespace: Namespace | null = null;
  /** The same namespace, typed as the chat speaks it. */
  private chat: ChatNamespace | null = null;
  private subscriber: RedisClient | null = null;

  constructor(private readonly redis: RealtimeRedis) {
    super();
  }

  private get channel(): string {
    return `${this.redis.keyPrefix}push`;
  }

  /**
   * Called by the gateway once its namespace exists: from then on, relayed pushes arrive and
   * the other instances' presence questions are answered.
   */
  attach(namespace: ChatNamespace): void {
    this.namespace = namespace;
    this.chat = namespace;
    namespace.on('presence:online', (userIds, answer) => {
      answer(userIds.filter((userId) => this.connectedHere(namespace, userId)));
    });
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
    this.send({ userId, event, payload });
  }

  disconnectUser(userId: string, code: ErrorCode): void {
    this.send({
      userId,
      event: 'auth:revoked',
      payload: chatErrorOf(new AppError(code)),
      disconnect: true,
    });
  }

  private send(push: RelayedPush): void {
    const { userId, event } = push;
    if (this.namespace) {
      // Through the adapter: the user's sockets on every instance hear it and are let go.
      this.namespace.to(userRoom(userId)).emit(event, push.payload);
      if (push.disconnect) this.namespace.in(userRoom(userId)).disconnectSockets(true);
      return;
    }
    if (!this.redis.client) {
      this.logger.debug(`no socket server in this process and no Redis: ${event} not pushed`);
      return;
    }
    this.relay(push).catch((error: unknown) =>
      this.logger.warn(`push relay failed, ${event} not pushed: ${String(error)}`),
    );
  }

  /**
   * The users among `userIds` with a socket open on any api instance: those connected here are
   * seen at once; for the others, with Redis, the other instances are asked in one round trip
   * (rejects when one does not answer within the adapter's request timeout).
   */
  async onlineAmong(userIds: readonly string[]): Promise<Set<string>> {
    const namespace = this.chat;
    if (!namespace) return new Set();
    const online = new Set(userIds.filter((userId) => this.connectedHere(namespace, userId)));
    const elsewhere = userIds.filter((userId) => !online.has(userId));
    if (elsewhere.length === 0 || !this.redis.client) return online;
    const answers = await namespace.serverSideEmitWithAck('presence:online', elsewhere);
    for (const answer of answers) for (const userId of answer) online.add(userId);
    return online;
  }

  private connectedHere(namespace: ChatNamespace, userId: string): boolean {
    return (namespace.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0;
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
    if (push.disconnect) this.namespace?.local.in(userRoom(push.userId)).disconnectSockets(true);
  }
}
