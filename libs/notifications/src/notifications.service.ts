import { AppError, Clock, type NotificationKind, pageOf, skipOf } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { ListNotificationsQuery } from './list-notifications.query';
import { Notification, type NotificationData } from './notification.entity';
import { NotificationPage, NotificationView, toNotificationView } from './notification.view';

/** What to tell one user. The same `dedupeKey` for the same user is told once, ever. */
export interface NotificationItem {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data: NotificationData;
  dedupeKey: string;
}

/** Called after the transaction that created notifications commits, with the ones it created. */
export type NotificationListener = (created: Notification[]) => void;

const TITLE_MAX = 200;
const DEDUPE_KEY_MAX = 128;
/** Rows per INSERT: one match run can tell a whole institution about twenty needs. */
const INSERT_CHUNK = 200;

/** In-app notifications: written inside the caller's transaction, read and marked by their user. */
@Injectable()
export class NotificationsService {
  private readonly listeners = new Set<NotificationListener>();

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Calls `listener` with the notifications each committed transaction in this process created
   * (a socket push hooks in here). Answers the unsubscribe.
   */
  onCreated(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Inserts the items that are new for their user, in the caller's transaction; an item whose
   * (user, dedupe key) exists already is skipped, also when another worker inserts it at the
   * same moment. Answers the notifications this call created.
   */
  async notify(manager: EntityManager, items: NotificationItem[]): Promise<Notification[]> {
    const unique = new Map<string, NotificationItem>();
    for (const item of items) unique.set(`${item.userId}\n${item.dedupeKey}`, item);
    if (unique.size === 0) return [];
    // The same order in every transaction, so two workers telling overlapping sets wait for each
    // other on the unique index instead of deadlocking.
    const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = sorted.map(([, item]) => ({
      id: newId(),
      userId: item.userId,
      kind: item.kind,
      title: item.title.slice(0, TITLE_MAX),
      body: item.body,
      data: item.data,
      dedupeKey: item.dedupeKey.slice(0, DEDUPE_KEY_MAX),
      readAt: null,
    }));
    const created: Notification[] = [];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(chunk)
        .orIgnore()
        .execute();
      // The ids were made here: those stored are the rows this insert created, not skipped ones.
      created.push(...(await manager.findBy(Notification, { id: In(chunk.map((row) => row.id)) })));
    }
    if (created.length > 0) {
      this.transactions.afterCommit(manager, () => {
        for (const listener of this.listeners) listener(created);
      });
    }
    return created;
  }

  /** The caller's notifications, newest first; `unread=true` leaves out the read ones. */
  async list(user: AuthUser, query: ListNotificationsQuery): Promise<NotificationPage> {
    const unread = { userId: user.id, readAt: IsNull() };
    const [rows, total] = await this.notifications.findAndCount({
      where: query.unread ? unread : { userId: user.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    const unreadCount = query.unread ? total : await this.notifications.countBy(unread);
    return { ...pageOf(rows.map(toNotificationView), total, query), unreadCount };
  }

  /** Marks one of the caller's notifications read; again is fine and keeps the first time. */
  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    const notification = await this.transactions.run(async (manager) => {
      await manager.update(
        Notification,
        { id, userId: user.id, readAt: IsNull() },
        { readAt: this.clock.now() },
      );
      return manager.findOneBy(Notification, { id, userId: user.id });
    });
    // Another user's notification is not found, so ids cannot be probed.
    if (!notification) throw new AppError('NOTIFICATION_NOT_FOUND');
    return toNotificationView(notification);
  }

  /** Marks every unread notification of the caller read; answers how many it marked. */
  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const result = await this.transactions.run((manager) =>
      manager.update(
        Notification,
        { userId: user.id, readAt: IsNull() },
        { readAt: this.clock.now() },
      ),
    );
    return { marked: result.affected ?? 0 };
  }
}
