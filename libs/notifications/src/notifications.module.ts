import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsPush } from './notifications-push';
import { NotificationsService } from './notifications.service';

/** In-app notifications; other modules write them through NotificationsService.notify. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsPush],
  exports: [NotificationsService],
})
export class NotificationsModule {}
