export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export type { NotificationItem, NotificationListener } from './notifications.service';
export { Notification } from './notification.entity';
export type { NotificationData } from './notification.entity';
export type { NotificationView, NotificationPage } from './notification.view';
export { NOTIFICATION_EVENT } from './notifications-push';
