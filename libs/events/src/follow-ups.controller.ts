import { IdParam, Page, PageQueryDto, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CreateFollowUpDto } from './create-follow-up.dto';
import { FollowUpsService, FollowUpView } from './follow-ups.service';

@ApiTags('events')
@ApiBearerAuth()
@Roles('commissioner', 'admin')
@Controller('events/:id/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post()
  @ApiCreatedResponse({ description: 'A note about an organization that signed up.' })
  @ApiConflictResponse({ description: 'EVENT_STATUS_CONFLICT: the event has not started.' })
  create(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUpView> {
    return this.followUps.create(user, id, dto);
  }

  @Get()
  @ApiOkResponse({ description: "The event's follow-ups, newest first." })
  list(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<FollowUpView>> {
    return this.followUps.list(user, id, query);
  }
}
