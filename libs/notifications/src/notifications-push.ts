import { RealtimePush } from '@app/core';
import { Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { NotificationsService } from './notifications.service';
import { toNotificationView } from './notification.view';

/** The socket event a new notification arrives as, on the user's personal room. */
export const NOTIFICATION_EVENT = 'notification:new';

/**
 * Pushes each notification to its user the moment the transaction that created it commits.
 * Without a socket server in the process, RealtimePush relays the push (or drops it).
 */
@Injectable()
export class NotificationsPush implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly notifications: NotificationsService,
    @Optional() private readonly push?: RealtimePush,
  ) {}

  onModuleInit(): void {
    const push = this.push;
    if (!push) return;
    this.unsubscribe = this.notifications.onCreated((created) => {
      for (const notification of created) {
        push.toUser(notification.userId, NOTIFICATION_EVENT, toNotificationView(notification));
      }
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
