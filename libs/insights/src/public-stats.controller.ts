import { Public } from '@app/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PublicStatsService } from './public-stats.service';
import { PublicStatsView } from './public-stats.view';

@ApiTags('stats')
@Controller('stats')
export class PublicStatsController {
  constructor(private readonly stats: PublicStatsService) {}

  @Get('public')
  @Public()
  @ApiOkResponse({
    type: PublicStatsView,
    description: "The portal's headline figures, counted at most a minute ago.",
  })
  publicStats(): Promise<PublicStatsView> {
    return this.stats.publicStats();
  }
}
