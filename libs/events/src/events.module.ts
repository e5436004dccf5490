import type { TypedConfigService } from '@app/core';
import { DockingModule } from '@app/docking';
import { deploymentSecret, Organization, User } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { SearchIndexRegistry } from '@app/search';
import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarController } from './calendar.controller';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarService } from './calendar.service';
import { CheckInSigner } from './check-in-token';
import { Event } from './event.entity';
import { EventFollowUp } from './event-follow-up.entity';
import { EventLocks } from './event-locks';
import { EventNotifier } from './event-notifier';
import { EventRegistration } from './event-registration.entity';
import { EventRegistrationsController } from './event-registrations.controller';
import { EventRemindersJob } from './event-reminders.job';
import { InProcessEventReminders } from './event-reminders.runner';
import { EventSchedule } from './event-schedule';
import { EventScheduleKey } from './event-schedule-key.entity';
import { EventViews } from './event-views.service';
import { EventsController } from './events.controller';
import { eventsSearchIndex } from './events.search-index';
import { EventsService } from './events.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';
import { PitchSlotsService } from './pitch-slots.service';
import { RegistrationsService } from './registrations.service';
import { RoadshowController } from './roadshow.controller';
import { RoadshowLead } from './roadshow-lead.entity';
import { RoadshowLeadsService } from './roadshow-leads.service';
import { Waitlist } from './waitlist';

/**
 * Commissioners' events (活动): scheduling with clash checks, sign-up with a waitlist, roadshow
 * pitch slots and "want to talk" leads that open docking sessions, check-in, follow-ups,
 * iCalendar downloads and feeds, search, and reminders. Reads docking; nothing imports it back
 * but the commissioners' work.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Event,
      EventRegistration,
      RoadshowLead,
      EventFollowUp,
      EventScheduleKey,
      CalendarFeed,
      Organization,
      User,
    ]),
    NotificationsModule,
    DockingModule,
  ],
  controllers: [
    EventsController,
    EventRegistrationsController,
    RoadshowController,
    FollowUpsController,
    CalendarController,
  ],
  providers: [
    {
      provide: CheckInSigner,
      inject: [ConfigService],
      useFactory: (config: TypedConfigService) => new CheckInSigner(deploymentSecret(config)),
    },
    EventsService,
    EventViews,
    EventLocks,
    EventSchedule,
    EventNotifier,
    Waitlist,
    RegistrationsService,
    PitchSlotsService,
    RoadshowLeadsService,
    FollowUpsService,
    CalendarService,
    EventRemindersJob,
    InProcessEventReminders,
  ],
  exports: [EventsService, EventRemindersJob],
})
export class EventsModule implements OnModuleInit {
  constructor(
    private readonly registry: SearchIndexRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(eventsSearchIndex(this.dataSource));
  }
}
