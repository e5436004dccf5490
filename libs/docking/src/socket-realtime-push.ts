import { RealtimePush } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { userRoom } from './chat-events';

/**
 * RealtimePush over the chat namespace: an event to the room every socket of the user joins.
 * A process without the socket server (the worker) has nowhere to push: the event is dropped.
 */
@Injectable()
export class SocketRealtimePush extends RealtimePush {
  private readonly logger = new Logger('RealtimePush');
  private namespace: Namespace | null = null;

  /** Called by the gateway once its namespace exists. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  toUser(userId: string, event: string, payload: unknown): void {
    if (!this.namespace) {
      this.logger.debug(`no socket server in this process: ${event} not pushed`);
      return;
    }
    this.namespace.to(userRoom(userId)).emit(event, payload);
  }
}
