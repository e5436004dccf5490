import { AppError, Clock } from '@app/core';
import { newId, TransactionRunner, uniqueViolation } from '@app/database';
import type { AuthUser } from '@app/identity';
import { User } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThan, MoreThan } from 'typeorm';
import type { JoinedChat } from './chat-events';
import { ChatMessage } from './chat-message.entity';
import {
  ChatHistoryView,
  ChatMessageView,
  ChatReadView,
  toChatMessageView,
  toChatReadView,
} from './chat-message.view';
import { ChatRateLimiter } from './chat-rate-limiter';
import { ChatReadMarker } from './chat-read-marker.entity';
import { partyOrNull } from './docking-party';
import { DockingSession } from './docking-session.entity';
import { DockingSessionsService } from './docking-sessions.service';
import { FINAL_DOCKING_STATUSES } from './docking-workflow';
import { KeyedQueue } from './keyed-queue';
import type { ListChatMessagesQuery } from './list-chat-messages.query';
import { MAX_CHAT_PAGE } from './list-chat-messages.query';
import type { SendChatMessageDto } from './send-chat-message.dto';

/** A message as `send` answers it: `created` is false when a resend found it stored. */
export interface SentChatMessage {
  message: ChatMessageView;
  created: boolean;
}

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
  /** Sends to one session take turns in this process, so they are delivered in seq order. */
  private readonly sends = new KeyedQueue();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly sessions: DockingSessionsService,
    private readonly limiter: ChatRateLimiter,
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
  async send(
    user: AuthUser,
    dto: SendChatMessageDto,
    deliver: (sent: SentChatMessage) => void,
  ): Promise<void> {
    await this.limiter.take(user.id);
    await this.sends.run(dto.sessionId, async () => {
      const sent = await this.transactions.run((manager) => this.store(manager, user, dto));
      deliver(sent);
    });
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

  private async store(
    manager: EntityManager,
    user: AuthUser,
    dto: SendChatMessageDto,
  ): Promise<SentChatMessage> {
    // The session row is locked first: every sender of the session, on any api instance, waits
    // here, so MAX(seq) + 1 below is free and no message lands after a move closed the session.
    // The reads after it see every message committed before the lock was granted.
    const query = manager
      .getRepository(DockingSession)
      .createQueryBuilder('s')
      .where('s.id = :id', { id: dto.sessionId });
    if (this.transactions.isMysql) query.setLock('pessimistic_write');
    const session = await query.getOne();
    const party = session && partyOrNull(user, session);
    if (!session || !party) throw new AppError('DOCKING_SESSION_NOT_FOUND');
    const stored = await manager.findOneBy(ChatMessage, {
      sessionId: session.id,
      senderId: user.id,
      clientId: dto.clientId,
    });
    if (stored) return { message: toChatMessageView(stored, user.name), created: false };
    if (FINAL_DOCKING_STATUSES.includes(session.status)) {
      throw new AppError('DOCKING_SESSION_CLOSED', { details: { status: session.status } });
    }
    const last = (await manager.maximum(ChatMessage, 'seq', { sessionId: session.id })) ?? 0;
    const message = manager.create(ChatMessage, {
      id: newId(),
      sessionId: session.id,
      seq: last + 1,
      clientId: dto.clientId,
      senderId: user.id,
      senderRole: party,
      body: dto.body,
      createdAt: this.clock.now(),
    });
    await manager.insert(ChatMessage, message);
    return { message: toChatMessageView(message, user.name), created: true };
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
