import { DockingSession } from '@app/docking';
import { Event } from '@app/events';
import { Organization, User } from '@app/identity';
import { StoredMatch } from '@app/matching';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import { WhitelistModule } from '@app/whitelist';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PortfolioController } from './portfolio.controller';
import { PortfolioService } from './portfolio.service';
import { ServiceLog } from './service-log.entity';
import { ServiceLogsController } from './service-logs.controller';
import { ServiceLogsService } from './service-logs.service';

/**
 * The commissioners' own work (特派员工作台): their portfolio across needs, matches, docking and
 * the whitelist, and their service logs tied to events and docking sessions. It reads the other
 * domain libs; nothing imports it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ServiceLog,
      Organization,
      User,
      Need,
      Product,
      StoredMatch,
      DockingSession,
      Event,
    ]),
    WhitelistModule,
  ],
  controllers: [PortfolioController, ServiceLogsController],
  providers: [PortfolioService, ServiceLogsService],
})
export class CommissionerWorkModule {}
