import type { NotificationKind, Page } from '@app/core';
import type { Notification, NotificationData } from './notification.entity';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data: NotificationData;
  readAt: string | null;
  createdAt: string;
}

/** A page of the caller's notifications, with how many of all of them are unread. */
export interface NotificationPage extends Page<NotificationView> {
  unreadCount: number;
}

export function toNotificationView(notification: Notification): NotificationView {
  return {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    data: notification.data,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
}
