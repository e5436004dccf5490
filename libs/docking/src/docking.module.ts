import { Organization, User } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { NotificationsModule } from '@app/notifications';
import { Need, NeedsModule } from '@app/needs';
import { Product } from '@app/products';
import { WhitelistModule } from '@app/whitelist';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DockingEvent } from './docking-event.entity';
import { DockingNotifier } from './docking-notifier';
import { DockingSession } from './docking-session.entity';
import { DockingSessionsController } from './docking-sessions.controller';
import { DockingSessionsService } from './docking-sessions.service';
import { DockingSlaJob } from './docking-sla.job';
import { InProcessDockingSla } from './docking-sla.runner';

/**
 * Bank–enterprise docking (银企对接): sessions, their workflow and SLA. Reads needs, products,
 * the whitelist and the matching engine; nothing imports it back.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([DockingSession, DockingEvent, Need, Product, Organization, User]),
    NeedsModule,
    WhitelistModule,
    MatchingModule,
    NotificationsModule,
  ],
  controllers: [DockingSessionsController],
  providers: [DockingSessionsService, DockingNotifier, DockingSlaJob, InProcessDockingSla],
  exports: [DockingSessionsService, DockingSlaJob],
})
export class DockingModule {}
