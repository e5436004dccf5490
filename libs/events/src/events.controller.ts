import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { BookPitchSlotDto } from './book-pitch-slot.dto';
import { asCalendar } from './calendar-response';
import { CalendarService } from './calendar.service';
import { CancelEventDto } from './cancel-event.dto';
import { CreateEventDto } from './create-event.dto';
import { EventView } from './event.view';
import { EventsService } from './events.service';
import { ListEventsQuery } from './list-events.query';
import { PitchScheduleView, PitchSlotsService } from './pitch-slots.service';
import { UpdateEventDto } from './update-event.dto';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'EVENT_NOT_FOUND, also for a draft of someone else.' })
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly pitchSlots: PitchSlotsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      'Published events from search (q, kind, district, audience, from/to), soonest first; enterprises and institutions see those meant for them. With mine=true: the events you signed up for, organize (commissioners), or all (admins), from the database.',
  })
  @ApiServiceUnavailableResponse({ description: 'SEARCH_UNAVAILABLE, with Retry-After.' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListEventsQuery): Promise<Page<EventView>> {
    return this.events.list(user, query);
  }

  @Post()
  @Roles('commissioner', 'admin')
  @ApiCreatedResponse({ description: 'A draft; admins may name another organizer.' })
  @ApiBadRequestResponse({ description: 'EVENT_TIMES_INVALID (each problem in details).' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateEventDto): Promise<EventView> {
    return this.events.create(user, dto);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The event with its seats and your own registration.' })
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<EventView> {
    return this.events.get(user, id);
  }

  @Patch(':id')
  @Roles('commissioner', 'admin')
  @ApiOkResponse({
    description:
      'Organizer or admin. A published event keeps kind and audience; a change of time or place raises its calendar SEQUENCE and tells the registrants; more seats promote the waitlist.',
  })
  @ApiConflictResponse({
    description:
      'EVENT_SCHEDULE_CONFLICT (details.conflictWith), EVENT_CAPACITY_CONFLICT, EVENT_STATUS_CONFLICT.',
  })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventView> {
    return this.events.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('commissioner', 'admin')
  @ApiOkResponse({ description: 'Open for sign-up and searchable.' })
  @ApiBadRequestResponse({ description: 'EVENT_TIMES_INVALID: the start has passed.' })
  @ApiConflictResponse({
    description:
      'EVENT_SCHEDULE_CONFLICT: the organizer or the venue holds an overlapping published event (named in details.conflictWith).',
  })
  publish(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<EventView> {
    return this.events.publish(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('commissioner', 'admin')
  @ApiOkResponse({ description: 'Every registrant is told; calendars show it cancelled.' })
  @ApiConflictResponse({ description: 'EVENT_STATUS_CONFLICT: cancelled or completed already.' })
  cancel(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CancelEventDto,
  ): Promise<EventView> {
    return this.events.cancel(user, id, dto);
  }

  @Get(':id/ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'The event as an iCalendar (RFC 5545) file, times in Asia/Shanghai.',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  async ics(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return asCalendar(response, await this.calendar.eventIcs(user, id));
  }

  @Get(':id/pitch-slots')
  @ApiOkResponse({ description: "A roadshow's ordered pitch slots and who pitches in each." })
  @ApiConflictResponse({ description: 'EVENT_NOT_ROADSHOW.' })
  schedule(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<PitchScheduleView> {
    return this.pitchSlots.schedule(user, id);
  }

  @Post(':id/pitch-slots')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOkResponse({ description: 'Booked (or moved to) the slot: the schedule after it.' })
  @ApiConflictResponse({
    description:
      'PITCH_SLOT_TAKEN (details.enterprise), PITCH_SLOT_NOT_ALLOWED (no seat, your enterprise has a slot, or the roadshow started), EVENT_NOT_ROADSHOW.',
  })
  book(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: BookPitchSlotDto,
  ): Promise<PitchScheduleView> {
    return this.pitchSlots.book(user, id, dto.slot);
  }

  @Delete(':id/pitch-slots')
  @HttpCode(204)
  @Roles('enterprise')
  @ApiNoContentResponse({ description: 'Your slot is free again.' })
  release(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.pitchSlots.release(user, id);
  }
}
