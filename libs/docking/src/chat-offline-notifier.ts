import { TransactionRunner } from '@app/database';
import { User } from '@app/identity';
import { NotificationsService } from '@app/notifications';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ChatMessageView } from './chat-message.view';
import { ChatReadMarker } from './chat-read-marker.entity';
import { DockingSession } from './docking-session.entity';

/** Characters of the message shown in its notification. */
const PREVIEW_CHARS = 80;

/**
 * Tells the people of a session who have no socket open anywhere that a message came. One
 * notification per unread stretch: its dedupe key is the user's read marker, so more messages
 * before they read add nothing, and the first message after they read tells them again.
 */
@Injectable()
export class ChatOfflineNotifier {
  private readonly logger = new Logger('ChatOfflineNotifier');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsService,
  ) {}

  async tell(message: ChatMessageView, isOnline: (userId: string) => Promise<boolean>) {
    try {
      const session = await this.dataSource
        .getRepository(DockingSession)
        .findOneByOrFail({ id: message.sessionId });
      const members = await this.dataSource.getRepository(User).find({
        select: { id: true },
        where: {
          orgId: In([session.enterpriseOrgId, session.institutionOrgId]),
          status: 'active',
        },
      });
      const people = [
        ...members.map((m) => m.id),
        ...(session.commissionerId ? [session.commissionerId] : []),
      ];
      const others = [...new Set(people)].filter((id) => id !== message.senderId);
      const offline: string[] = [];
      for (const userId of others) if (!(await isOnline(userId))) offline.push(userId);
      if (offline.length === 0) return;
      const markers = await this.dataSource
        .getRepository(ChatReadMarker)
        .findBy({ sessionId: session.id, userId: In(offline) });
      const readUpTo = new Map(markers.map((marker) => [marker.userId, marker.seq]));
      const preview = [...message.body].slice(0, PREVIEW_CHARS).join('');
      await this.transactions.run((manager) =>
        this.notifications.notify(
          manager,
          offline.map((userId) => ({
            userId,
            kind: 'chat_message',
            title: `新消息：${message.senderName}`,
            body: preview,
            dedupeKey: `chat:${session.id}:${readUpTo.get(userId) ?? 0}`,
            data: { sessionId: session.id, seq: message.seq },
          })),
        ),
      );
    } catch (error) {
      // The message is stored and delivered; a missed notification must not fail the send.
      this.logger.warn(`offline notification for ${message.sessionId} failed: ${String(error)}`);
    }
  }
}
