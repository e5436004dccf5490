import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CreateDockingSessionDto } from './create-docking-session.dto';
import { DockingSessionView } from './docking-session.view';
import { DockingSessionsService } from './docking-sessions.service';
import { DockingTransitionDto } from './docking-transition.dto';
import { ListDockingSessionsQuery } from './list-docking-sessions.query';

@ApiTags('docking')
@ApiBearerAuth()
@Controller('docking-sessions')
export class DockingSessionsController {
  constructor(private readonly sessions: DockingSessionsService) {}

  @Post()
  @Roles('enterprise', 'institution')
  @ApiCreatedResponse({
    description:
      'An enterprise applies with its need to a product, or an institution invites a published need to its product. The need moves to docking.',
  })
  @ApiConflictResponse({
    description:
      'DOCKING_SESSION_EXISTS (details.sessionId), DOCKING_NEED_NOT_OPEN, DOCKING_NOT_ELIGIBLE (each failed rule with what would fix it).',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateDockingSessionDto,
  ): Promise<DockingSessionView> {
    return this.sessions.create(user, dto);
  }

  @Get()
  @ApiOkResponse({
    description:
      "The caller's sessions: its enterprise's or institution's, a commissioner's own, all for admins.",
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDockingSessionsQuery,
  ): Promise<Page<DockingSessionView>> {
    return this.sessions.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The session with its timeline.' })
  @ApiNotFoundResponse({ description: 'DOCKING_SESSION_NOT_FOUND, also for outsiders.' })
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<DockingSessionView> {
    return this.sessions.get(user, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The session after the move, with its timeline.' })
  @ApiForbiddenResponse({ description: 'DOCKING_ACTION_FORBIDDEN: not this side’s action.' })
  @ApiConflictResponse({
    description:
      'DOCKING_STATUS_CONFLICT (not from this status), DOCKING_SESSION_CHANGED (another move won).',
  })
  transition(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: DockingTransitionDto,
  ): Promise<DockingSessionView> {
    return this.sessions.transition(user, id, dto);
  }
}
