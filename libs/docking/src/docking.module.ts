import { IdentityModule, Organization, User } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { NotificationsModule } from '@app/notifications';
import { Need, NeedsModule } from '@app/needs';
import { Product } from '@app/products';
import { WhitelistModule } from '@app/whitelist';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatMessage } from './chat-message.entity';
import { ChatMessageWriter } from './chat-message-writer';
import { ChatMessagesController } from './chat-messages.controller';
import { ChatMessagesService } from './chat-messages.service';
import { ChatRateLimiter } from './chat-rate-limiter';
import { ChatReadMarker } from './chat-read-marker.entity';
import { ChatGateway } from './chat.gateway';
import { ChatOfflineNotifier } from './chat-offline-notifier';
import { DockingEvent } from './docking-event.entity';
import { DockingNotifier } from './docking-notifier';
import { DockingSession } from './docking-session.entity';
import { DockingSessionsController } from './docking-sessions.controller';
import { DockingSessionsService } from './docking-sessions.service';
import { DockingSlaJob } from './docking-sla.job';
import { InProcessDockingSla } from './docking-sla.runner';
import { RealtimeModule } from './realtime.module';

/**
 * Bank–enterprise docking (银企对接): sessions, their workflow and SLA, and their chat over
 * socket.io. Reads needs, products, the whitelist and the matching engine; nothing imports it
 * back (other libs push to users through RealtimePush from core).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      DockingSession,
      DockingEvent,
      ChatMessage,
      ChatReadMarker,
      Need,
      Product,
      Organization,
      User,
    ]),
    IdentityModule,
    RealtimeModule,
    NeedsModule,
    WhitelistModule,
    MatchingModule,
    NotificationsModule,
  ],
  controllers: [DockingSessionsController, ChatMessagesController],
  providers: [
    DockingSessionsService,
    DockingNotifier,
    DockingSlaJob,
    InProcessDockingSla,
    ChatMessagesService,
    ChatMessageWriter,
    ChatRateLimiter,
    ChatGateway,
    ChatOfflineNotifier,
  ],
  exports: [DockingSessionsService, DockingSlaJob],
})
export class DockingModule {}
