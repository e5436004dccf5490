import { AppError, Clock } from '@app/core';
import { TransactionRunner, uniqueViolation } from '@app/database';
import type { AuthUser } from '@app/identity';
import { User } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThan } from 'typeorm';
import type { JoinedChat } from './chat-events';
import { ChatMessage } from './chat-message.entity';
import { ChatDelivery, ChatMessageWriter } from './chat-message-writer';
import {
  ChatHistoryView,
  ChatReadView,
  toChatMessageView,
  toChatReadView,
} from './chat-message.view';
import { ChatRateLimiter } from './chat-rate-limiter';
import { ChatReadMarker } from './chat-read-marker.entity';
import { DockingSession } from './docking-session.entity';
import { DockingSessionsService } from './docking-sessions.service';
import type { ListChatMessagesQuery } from './list-chat-messages.query';
import { MAX_CHAT_PAGE } from './list-chat-messages.query';
import type { SendChatMessageDto } from './send-chat-message.dto';

/** A read marker after `markRead`: `advanced` is false when it was already that far. */
export interface ReadMarkerResult {
  seq: number;
  advanced: boolean;
}

/**
 * The chat of docking sessions: who may read and write it, messages numbered 1, 2, 3… per
 * session without gaps, stored once per client id, and read markers that only move forward.
 */
@Injectable()
export class ChatMessagesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly sessions: DockingSessionsService,
    private readonly limiter: ChatRateLimiter,
    private readonly writer: ChatMessageWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Lets a party in: `enter` puts its socket in the session's room, then the chat is read, so
   * a message stored meanwhile is in the answer or broadcast to the socket (maybe both: clients
   * keep one message per seq).
   */
  async join(
    user: AuthUser,
    sessionId: string,
    afterSeq: number | undefined,
    enter: () => Promise<void> | void,
  ): Promise<JoinedChat> {
    await this.partyOrNotFound(user, sessionId);
    await enter();
    const history =
      afterSeq === undefined
        ? { items: [], ...(await this.lastSeqAndReads(sessionId)) }
        : await this.page(sessionId, afterSeq, MAX_CHAT_PAGE);
    return { lastSeq: history.lastSeq, messages: history.items, reads: history.reads };
  }

  async history(
    user: AuthUser,
    sessionId: string,
    query: ListChatMessagesQuery,
  ): Promise<ChatHistoryView> {
    await this.partyOrNotFound(user, sessionId);
    return this.page(sessionId, query.afterSeq, query.limit);
  }

  /**
   * Stores a message and hands it to `deliver` once committed. A resend with the same client id
   * finds the stored message and hands that over, with `created: false`. Deliveries for one
   * session happen in seq order within this process.
   */
  async send(user: AuthUser, dto: SendChatMessageDto, deliver: ChatDelivery): Promise<void> {
    await this.limiter.take(user.id);
    await this.writer.write(user, dto, deliver);
  }

  /** Moves the user's read marker up to `seq` (at most the last message); never back. */
  async markRead(user: AuthUser, sessionId: string, seq: number): Promise<ReadMarkerResult> {
    await this.partyOrNotFound(user, sessionId);
    const key = { sessionId, userId: user.id };
    const advanced = await this.moveReadMarker(key, Math.min(seq, await this.lastSeq(sessionId)));
    const marker = await this.dataSource.getRepository(ChatReadMarker).findOneBy(key);
    return { seq: marker?.seq ?? 0, advanced };
  }

  /**
   * One statement a transaction, so two sockets of the same user marking at once cannot
   * deadlock: the slower one just finds the marker as far or further.
   */
  private async moveReadMarker(
    key: { sessionId: string; userId: string },
    target: number,
  ): Promise<boolean> {
    const before = await this.dataSource.getRepository(ChatReadMarker).findOneBy(key);
    if (target <= (before?.seq ?? 0)) return false;
    const now = this.clock.now();
    const moveUp = () =>
      this.transactions.run(async (manager) => {
        const updated = await manager.update(
          ChatReadMarker,
          { ...key, seq: LessThan(target) },
          { seq: target, updatedAt: now },
        );
        return updated.affected === 1;
      });
    if (before) return moveUp();
    try {
      await this.transactions.run((manager) =>
        manager.insert(ChatReadMarker, { ...key, seq: target, updatedAt: now }),
      );
      return true;
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      return moveUp();
    }
  }

  private async page(sessionId: string, afterSeq: number, limit: number): Promise<ChatHistoryView> {
    const { lastSeq, reads } = await this.lastSeqAndReads(sessionId);
    const messages = await this.dataSource.getRepository(ChatMessage).find({
      where: { sessionId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
    const senderIds = [...new Set(messages.map((m) => m.senderId))];
    const senders =
      senderIds.length === 0
        ? []
        : await this.dataSource.getRepository(User).findBy({ id: In(senderIds) });
    const names = new Map(senders.map((u) => [u.id, u.name]));
    return {
      items: messages.map((m) => toChatMessageView(m, names.get(m.senderId) ?? '')),
      lastSeq,
      reads,
    };
  }

  private async lastSeqAndReads(
    sessionId: string,
  ): Promise<{ lastSeq: number; reads: ChatReadView[] }> {
    const [lastSeq, markers] = await Promise.all([
      this.lastSeq(sessionId),
      this.dataSource
        .getRepository(ChatReadMarker)
        .find({ where: { sessionId }, order: { userId: 'ASC' } }),
    ]);
    return { lastSeq, reads: markers.map(toChatReadView) };
  }

  private async lastSeq(sessionId: string): Promise<number> {
    return (await this.dataSource.getRepository(ChatMessage).maximum('seq', { sessionId })) ?? 0;
  }

  private async partyOrNotFound(user: AuthUser, sessionId: string): Promise<DockingSession> {
    const session = await this.sessions.participates(user, sessionId);
    if (!session) throw new AppError('DOCKING_SESSION_NOT_FOUND');
    return session;
  }
}
