import { AppError } from '@app/core';
import { AuthService } from '@app/identity';
import { UseFilters, UseGuards } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  CHAT_NAMESPACE,
  ChatAck,
  ChatNamespace,
  ChatSocket,
  JoinedChat,
  sessionRoom,
  userRoom,
} from './chat-events';
import { ChatCallerGuard } from './chat-caller.guard';
import { ChatExceptionFilter } from './chat-exception.filter';
import { ChatOfflineNotifier } from './chat-offline-notifier';
import { chatHandshake, expireWithToken } from './chat-handshake';
import type { ChatMessageView } from './chat-message.view';
import { ChatMessagesService } from './chat-messages.service';
import { ChatPayloadPipe } from './chat-payload.pipe';
import { ChatSessionDto } from './chat-session.dto';
import { JoinChatSessionDto } from './join-chat-session.dto';
import { MarkChatReadDto } from './mark-chat-read.dto';
import { SendChatMessageDto } from './send-chat-message.dto';
import { SocketRealtimePush } from './socket-realtime-push';

const validated = new ChatPayloadPipe();

/**
 * The `/chat` namespace: sockets admitted by their access token, each in its user's room, the
 * caller checked again before every event; a session's parties join its room to chat. Every event is answered through its ack, `ok` or
 * the error (see ChatExceptionFilter).
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
@UseFilters(ChatExceptionFilter)
@UseGuards(ChatCallerGuard)
export class ChatGateway implements OnGatewayInit<ChatNamespace>, OnGatewayConnection<ChatSocket> {
  constructor(
    private readonly auth: AuthService,
    private readonly chat: ChatMessagesService,
    private readonly push: SocketRealtimePush,
    private readonly offline: ChatOfflineNotifier,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    namespace.use(chatHandshake(this.auth));
    this.push.attach(namespace);
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    expireWithToken(socket);
    await socket.join(userRoom(socket.data.user.id));
  }

  @SubscribeMessage('session:join')
  async join(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(validated) dto: JoinChatSessionDto,
  ): Promise<ChatAck<JoinedChat>> {
    const joined = await this.chat.join(socket.data.user, dto.sessionId, dto.afterSeq, () =>
      socket.join(sessionRoom(dto.sessionId)),
    );
    return { ok: true, ...joined };
  }

  @SubscribeMessage('session:leave')
  async leave(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(validated) dto: ChatSessionDto,
  ): Promise<ChatAck> {
    await socket.leave(sessionRoom(dto.sessionId));
    return { ok: true };
  }

  /** Acked once stored, then broadcast to the room's other sockets; a resend is not broadcast. */
  @SubscribeMessage('message:send')
  async send(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(validated) dto: SendChatMessageDto,
    @Ack() ack: ((answer: ChatAck<{ message: ChatMessageView }>) => void) | undefined,
  ): Promise<void> {
    await this.chat.send(socket.data.user, dto, ({ message, created }) => {
      ack?.({ ok: true, message });
      if (!created) return;
      socket.to(sessionRoom(dto.sessionId)).emit('message:new', message);
      this.offline.tell(message);
    });
  }

  @SubscribeMessage('message:read')
  async read(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(validated) dto: MarkChatReadDto,
  ): Promise<ChatAck<{ seq: number }>> {
    const { user } = socket.data;
    const marker = await this.chat.markRead(user, dto.sessionId, dto.seq);
    if (marker.advanced) {
      socket
        .to(sessionRoom(dto.sessionId))
        .emit('message:read', { sessionId: dto.sessionId, userId: user.id, seq: marker.seq });
    }
    return { ok: true, seq: marker.seq };
  }

  /** Passed on to the others in the room, never stored; only from a socket that joined. */
  @SubscribeMessage('typing')
  typing(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(validated) dto: ChatSessionDto,
  ): ChatAck {
    const room = sessionRoom(dto.sessionId);
    if (!socket.rooms.has(room)) throw new AppError('DOCKING_SESSION_NOT_FOUND');
    const { user } = socket.data;
    // Volatile: a typing hint is worth nothing late, so it is neither queued nor replayed.
    socket.to(room).volatile.emit('typing', {
      sessionId: dto.sessionId,
      userId: user.id,
      name: user.name,
    });
    return { ok: true };
  }
}
