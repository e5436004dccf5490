import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ListMatchesQuery } from './list-matches.query';
import { StoredMatchView } from './stored-match.view';
import { StoredMatchesService } from './stored-matches.service';
import { UpdateMatchDto } from './update-match.dto';

/** The matches the worker stored when needs and products were published or changed. */
@ApiTags('matching')
@ApiBearerAuth()
@Controller('matches')
export class StoredMatchesController {
  constructor(private readonly matches: StoredMatchesService) {}

  @Get()
  @ApiOkResponse({
    description:
      "Stored matches, best score first: an enterprise's of its needs, an institution's of its products, a commissioner's of its portfolio, all for admins.",
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListMatchesQuery,
  ): Promise<Page<StoredMatchView>> {
    return this.matches.list(user, query);
  }

  @Patch(':id')
  @Roles('enterprise', 'institution')
  @ApiOkResponse({ description: 'The match, viewed or dismissed by one of its parties.' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: status is viewed or dismissed.' })
  @ApiNotFoundResponse({ description: "MATCH_NOT_FOUND, also for another tenant's match." })
  @ApiConflictResponse({ description: 'MATCH_STATUS_CONFLICT: an applied match stays applied.' })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateMatchDto,
  ): Promise<StoredMatchView> {
    return this.matches.setStatus(user, id, dto);
  }
}
