import { IdParam, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { NeedMatchesView, ProductMatchesView } from './match.view';
import { MatchesQuery, ProductMatchesQuery } from './matches.query';
import { NeedMatchesService } from './need-matches.service';
import { ProductMatchesService } from './product-matches.service';
import { WhatIfDto } from './what-if.dto';
import { WhatIfService } from './what-if.service';
import { WhatIfView } from './what-if.view';

@ApiTags('matching')
@ApiBearerAuth()
@ApiServiceUnavailableResponse({ description: 'SEARCH_UNAVAILABLE, with Retry-After.' })
@Controller()
export class MatchesController {
  constructor(
    private readonly needMatches: NeedMatchesService,
    private readonly productMatches: ProductMatchesService,
    private readonly whatIfs: WhatIfService,
  ) {}

  @Get('needs/:id/matches')
  @Roles('enterprise', 'commissioner', 'admin')
  @ApiOkResponse({
    description:
      'Products passing every hard rule, ranked by score (0–100) with reasons, and up to five near misses that fail one rule, each with what would fix it.',
  })
  @ApiNotFoundResponse({ description: "NEED_NOT_FOUND, also for another enterprise's need." })
  needMatchesOf(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: MatchesQuery,
  ): Promise<NeedMatchesView> {
    return this.needMatches.matches(user, id, query);
  }

  @Get('products/:id/matches')
  @Roles('institution', 'admin')
  @ApiOkResponse({
    description: 'Published needs passing every hard rule, ranked, explained; never contacts.',
  })
  @ApiNotFoundResponse({
    description: "PRODUCT_NOT_FOUND, also for another institution's product.",
  })
  productMatchesOf(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ProductMatchesQuery,
  ): Promise<ProductMatchesView> {
    return this.productMatches.matches(user, id, query);
  }

  @Post('products/:id/what-if')
  @HttpCode(200)
  @Roles('institution', 'admin')
  @ApiOkResponse({
    description:
      'How many more or fewer published needs and whitelisted enterprises changed terms would reach, by rule. Nothing is saved.',
  })
  @ApiNotFoundResponse({
    description: "PRODUCT_NOT_FOUND, also for another institution's product.",
  })
  whatIf(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: WhatIfDto,
  ): Promise<WhatIfView> {
    return this.whatIfs.whatIf(user, id, dto);
  }
}
