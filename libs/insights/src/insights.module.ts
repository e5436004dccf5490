import { DockingSession } from '@app/docking';
import { Event } from '@app/events';
import { Organization } from '@app/identity';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PublicStatsController } from './public-stats.controller';
import { PublicStatsService } from './public-stats.service';

/** Statistics over every domain lib; nothing imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([Organization, Product, Need, DockingSession, Event])],
  controllers: [PublicStatsController],
  providers: [PublicStatsService],
})
export class InsightsModule {}
