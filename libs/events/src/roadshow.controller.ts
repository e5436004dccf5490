import { IdParam, Page, PageQueryDto, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RoadshowLeadView } from './roadshow-lead.view';
import { RoadshowLeadsService } from './roadshow-leads.service';
import { WantToTalkDto } from './want-to-talk.dto';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'EVENT_NOT_FOUND.' })
@Controller('events/:id')
export class RoadshowController {
  constructor(private readonly leads: RoadshowLeadsService) {}

  @Post('want-to-talk')
  @Roles('institution')
  @ApiCreatedResponse({
    description:
      "The lead. With productId, a docking session is opened (an invitation of the enterprise's need) or an open one reused: dockingSession says which.",
  })
  @ApiConflictResponse({
    description:
      'ROADSHOW_NOT_PITCHING, ROADSHOW_LEAD_EXISTS, EVENT_NOT_ROADSHOW, DOCKING_NOT_ELIGIBLE (a named need the product cannot serve).',
  })
  wantToTalk(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: WantToTalkDto,
  ): Promise<RoadshowLeadView> {
    return this.leads.wantToTalk(user, id, dto);
  }

  @Get('leads')
  @ApiOkResponse({
    description:
      "A roadshow's leads with their docking sessions (status, approved and disbursed amounts): all for the organizer and admins, an organization's own for it.",
  })
  list(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<RoadshowLeadView>> {
    return this.leads.list(user, id, query);
  }
}
