import { Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PortfolioQuery } from './portfolio.query';
import { PortfolioEntry } from './portfolio.view';
import { PortfolioService } from './portfolio.service';

@ApiTags('commissioners')
@ApiBearerAuth()
@Controller('commissioners/me')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('portfolio')
  @Roles('commissioner')
  @ApiOkResponse({
    description:
      'The enterprises assigned to you, by name: each with its needs, matches, docking sessions (overdue first), whitelist standing and last contact.',
  })
  get(
    @CurrentUser() user: AuthUser,
    @Query() query: PortfolioQuery,
  ): Promise<Page<PortfolioEntry>> {
    return this.portfolio.portfolio(user, query);
  }
}
