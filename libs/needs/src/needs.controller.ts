import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CreateNeedDto } from './create-need.dto';
import { ListNeedsQuery } from './list-needs.query';
import { NeedView, PublicNeedView } from './need.view';
import { NeedsService } from './needs.service';
import { UpdateNeedDto } from './update-need.dto';

@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Post()
  @Roles('enterprise')
  @ApiCreatedResponse({ description: "A draft need of the caller's enterprise." })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateNeedDto): Promise<NeedView> {
    return this.needs.create(user, dto);
  }

  @Get()
  @ApiOkResponse({
    description:
      'Enterprises: their own needs in every status. Others: published needs, searched and filtered.',
  })
  @ApiServiceUnavailableResponse({ description: 'SEARCH_UNAVAILABLE, with Retry-After.' })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNeedsQuery,
  ): Promise<Page<NeedView | PublicNeedView>> {
    return this.needs.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'With contacts for the enterprise, its commissioner and admins.' })
  @ApiNotFoundResponse({ description: 'NEED_NOT_FOUND, also for a need the caller may not see.' })
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<NeedView | PublicNeedView> {
    return this.needs.get(user, id);
  }

  @Patch(':id')
  @Roles('enterprise')
  @ApiOkResponse({ description: 'The edited need (draft or published).' })
  @ApiNotFoundResponse({ description: "NEED_NOT_FOUND, also for another enterprise's need." })
  @ApiConflictResponse({ description: 'NEED_STATUS_CONFLICT: no longer editable.' })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateNeedDto,
  ): Promise<NeedView> {
    return this.needs.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOkResponse({ description: 'Published: institutions can find it.' })
  @ApiConflictResponse({ description: 'NEED_STATUS_CONFLICT naming from and to.' })
  publish(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<NeedView> {
    return this.needs.publish(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOkResponse({ description: 'Withdrawn (final).' })
  @ApiConflictResponse({ description: 'NEED_STATUS_CONFLICT naming from and to.' })
  withdraw(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<NeedView> {
    return this.needs.withdraw(user, id);
  }
}
