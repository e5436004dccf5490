import { Public } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CalendarFeedToken, CalendarService } from './calendar.service';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('token')
  @ApiCreatedResponse({
    description:
      'A new secret address of your personal calendar feed (the previous one stops working). Keep it private: it opens the feed without signing in.',
  })
  createToken(@CurrentUser() user: AuthUser): Promise<CalendarFeedToken> {
    return this.calendar.createFeed(user);
  }

  @Delete('token')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The feed address stops working.' })
  @ApiNotFoundResponse({ description: 'CALENDAR_FEED_NOT_FOUND: you have none.' })
  revokeToken(@CurrentUser() user: AuthUser): Promise<void> {
    return this.calendar.revokeFeed(user);
  }

  @Get(':token/ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description:
      'Your events as an iCalendar (RFC 5545) feed for calendar apps: those you signed up for and those you organize, cancelled ones marked cancelled.',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'CALENDAR_FEED_NOT_FOUND: unknown or revoked.' })
  feed(@Param('token') token: string): Promise<string> {
    return this.calendar.feed(token);
  }
}
