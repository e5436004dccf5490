import { Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CreateServiceLogDto } from './create-service-log.dto';
import { ListServiceLogsQuery } from './list-service-logs.query';
import { ServiceLogView } from './service-log.view';
import { ServiceLogsService } from './service-logs.service';

@ApiTags('commissioners')
@ApiBearerAuth()
@Roles('commissioner', 'admin')
@Controller('service-logs')
export class ServiceLogsController {
  constructor(private readonly logs: ServiceLogsService) {}

  @Post()
  @ApiCreatedResponse({ description: 'A visit, counseling, relief or referral, with its links.' })
  @ApiNotFoundResponse({
    description:
      'ORGANIZATION_NOT_FOUND (not your enterprise), EVENT_NOT_FOUND, DOCKING_SESSION_NOT_FOUND (not one of the enterprise).',
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateServiceLogDto): Promise<ServiceLogView> {
    return this.logs.create(user, dto);
  }

  @Get()
  @ApiOkResponse({
    description:
      "Newest first: a commissioner's own logs and every log about its enterprises; all for admins. Each with its event and where its docking session stands.",
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListServiceLogsQuery,
  ): Promise<Page<ServiceLogView>> {
    return this.logs.list(user, query);
  }
}
