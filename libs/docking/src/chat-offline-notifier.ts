import { TransactionRunner } from '@app/database';
import { NotificationItem, NotificationsService } from '@app/notifications';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ChatMessageView } from './chat-message.view';
import { ChatReadMarker } from './chat-read-marker.entity';
import { SocketRealtimePush } from './socket-realtime-push';

/** Characters of the message shown in its notification. */
const PREVIEW_CHARS = 80;
/** How long messages gather before one round looks at who is offline. */
const ROUND_MS = 100;

/** A session's first new message since the last round, and everyone who wrote since. */
interface SessionNews {
  first: ChatMessageView;
  senders: Set<string>;
}

/**
 * Tells the people of a session who have no socket open anywhere that a message came. One
 * notification per unread stretch: its dedupe key is the user's read marker, so more messages
 * before they read add nothing, and the first message after they read tells them again.
 *
 * Messages gather for ROUND_MS; one round then reads the sessions, their members and who of them
 * is online for all of them at once, off the path of the send.
 */
@Injectable()
export class ChatOfflineNotifier implements OnApplicationShutdown {
  private readonly logger = new Logger('ChatOfflineNotifier');
  private news = new Map<string, SessionNews>();
  private timer: NodeJS.Timeout | null = null;
  private rounds: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsService,
    private readonly push: SocketRealtimePush,
  ) {}

  /** Notes a stored message; its round comes within ROUND_MS. */
  tell(message: ChatMessageView): void {
    const news = this.news.get(message.sessionId);
    if (news) news.senders.add(message.senderId);
    else this.news.set(message.sessionId, { first: message, senders: new Set([message.senderId]) });
    // Unref'd: shutting down flushes what has gathered instead.
    this.timer ??= setTimeout(() => void this.flush(), ROUND_MS).unref();
  }

  /** Runs a round for what has gathered (after any round still running); answers when done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const news = this.news;
    this.news = new Map();
    if (news.size > 0) this.rounds = this.rounds.then(() => this.round(news));
    return this.rounds;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async round(news: Map<string, SessionNews>): Promise<void> {
    try {
      const told = await this.offlineOf(news);
      if (told.length === 0) return;
      const markers = await this.dataSource.getRepository(ChatReadMarker).findBy({
        sessionId: In([...new Set(told.map((t) => t.sessionId))]),
        userId: In([...new Set(told.map((t) => t.userId))]),
      });
      const readUpTo = new Map(markers.map((m) => [`${m.sessionId}\n${m.userId}`, m.seq]));
      const items = told.map(({ sessionId, userId }): NotificationItem => {
        const message = news.get(sessionId)!.first;
        return {
          userId,
          kind: 'chat_message',
          title: `新消息：${message.senderName}`,
          body: [...message.body].slice(0, PREVIEW_CHARS).join(''),
          dedupeKey: `chat:${sessionId}:${readUpTo.get(`${sessionId}\n${userId}`) ?? 0}`,
          data: { sessionId, seq: message.seq },
        };
      });
      await this.transactions.run((manager) => this.notifications.notify(manager, items));
    } catch (error) {
      // The messages are stored and delivered; a missed notification must not fail anything.
      this.logger.warn(`offline notifications for ${news.size} sessions failed: ${String(error)}`);
    }
  }

  /** Per session, its people (members of both sides, its commissioner) offline and not writing. */
  private async offlineOf(
    news: Map<string, SessionNews>,
  ): Promise<{ sessionId: string; userId: string }[]> {
    const ids = [...news.keys()];
    const marks = ids.map(() => '?').join(', ');
    // Plain SQL, as this runs every round: the active members of each side, and the commissioner.
    const rows: { sessionId: string; userId: string }[] = await this.dataSource.query(
      `SELECT s.id AS sessionId, u.id AS userId FROM docking_sessions s
         JOIN users u ON u.org_id = s.enterprise_org_id AND u.status = 'active'
        WHERE s.id IN (${marks})
       UNION ALL
       SELECT s.id, u.id FROM docking_sessions s
         JOIN users u ON u.org_id = s.institution_org_id AND u.status = 'active'
        WHERE s.id IN (${marks})
       UNION ALL
       SELECT id, commissioner_id FROM docking_sessions
        WHERE id IN (${marks}) AND commissioner_id IS NOT NULL`,
      [...ids, ...ids, ...ids],
    );
    const people = rows.filter((row) => !news.get(row.sessionId)?.senders.has(row.userId));
    const online = await this.push.onlineAmong([...new Set(people.map((p) => p.userId))]);
    const seen = new Set<string>();
    return people.filter(({ sessionId, userId }) => {
      const key = `${sessionId}\n${userId}`;
      if (online.has(userId) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
