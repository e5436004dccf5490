import { Public } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { asCalendar } from './calendar-response';
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
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description:
      'Your events as an iCalendar (RFC 5545) feed for calendar apps: those you signed up for and those you organize, cancelled ones marked cancelled.',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'CALENDAR_FEED_NOT_FOUND: unknown or revoked.' })
  async feed(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return asCalendar(response, await this.calendar.feed(token));
  }
}
