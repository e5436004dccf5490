import { IdParam } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery } from './list-notifications.query';
import { NotificationPage, NotificationView } from './notification.view';
import { NotificationsService } from './notifications.service';

/** Every signed-in user reads and marks their own notifications. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({
    description: "The caller's notifications, newest first, with the count of unread ones.",
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Every unread notification of the caller is read now.' })
  readAll(@CurrentUser() user: AuthUser): Promise<{ marked: number }> {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The notification, read (the first time it was marked).' })
  @ApiNotFoundResponse({ description: "NOTIFICATION_NOT_FOUND, also for another user's." })
  read(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<NotificationView> {
    return this.notifications.markRead(user, id);
  }
}
