import { NotificationsService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Event } from './event.entity';
import { EventRegistration } from './event-registration.entity';
import { localLabel } from './event-times';

/** Which reminder: a day ahead, or an hour ahead. */
export type ReminderWindow = '24h' | '1h';

/**
 * Tells registrants what happened to their event, inside the transaction that made it happen.
 * Every fact has its own dedupe key, so that a retry or a second worker tells nobody twice.
 */
@Injectable()
export class EventNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  async cancelled(manager: EntityManager, event: Event): Promise<void> {
    const users = await this.registrants(manager, event.id, [
      'registered',
      'waitlisted',
      'checked_in',
    ]);
    await this.notifications.notify(
      manager,
      users.map((userId) => ({
        userId,
        kind: 'event_cancelled',
        title: `活动已取消：${event.title}`,
        body: event.cancelReason ?? `原定于${localLabel(event.startsAt)}举行的活动已取消。`,
        data: { eventId: event.id },
        dedupeKey: `event-cancelled:${event.id}`,
      })),
    );
  }

  /** Time or place changed: everyone holding a seat or waiting for one. */
  async updated(manager: EntityManager, event: Event): Promise<void> {
    const users = await this.registrants(manager, event.id, ['registered', 'waitlisted']);
    const where = event.venue ?? event.onlineUrl ?? '';
    await this.notifications.notify(
      manager,
      users.map((userId) => ({
        userId,
        kind: 'event_updated',
        title: `活动变更：${event.title}`,
        body: `现定于${localLabel(event.startsAt)}开始${where ? `，地点：${where}` : ''}。`,
        data: { eventId: event.id, sequence: event.icalSequence },
        dedupeKey: `event-updated:${event.id}:${event.icalSequence}`,
      })),
    );
  }

  /** The reminder of one window for one start time: a rescheduled event is reminded again. */
  async reminder(manager: EntityManager, event: Event, window: ReminderWindow): Promise<number> {
    const users = await this.registrants(manager, event.id, ['registered', 'checked_in']);
    const created = await this.notifications.notify(
      manager,
      users.map((userId) => ({
        userId,
        kind: 'event_reminder',
        title: `${window === '24h' ? '明天' : '1小时后'}开始：${event.title}`,
        body: `${localLabel(event.startsAt)}开始${event.venue ? `，地点：${event.venue}` : ''}。`,
        data: { eventId: event.id, window },
        dedupeKey: `event-reminder:${event.id}:${window}:${event.startsAt.getTime()}`,
      })),
    );
    return created.length;
  }

  async promoted(
    manager: EntityManager,
    event: Event,
    registration: EventRegistration,
  ): Promise<void> {
    await this.notifications.notify(manager, [
      {
        userId: registration.userId,
        kind: 'event_promoted',
        title: `候补转正：${event.title}`,
        body: `有名额空出，您已报名成功。活动于${localLabel(event.startsAt)}开始。`,
        data: { eventId: event.id, registrationId: registration.id },
        dedupeKey: `event-promoted:${registration.id}:${registration.seq}`,
      },
    ]);
  }

  async roadshowInterest(
    manager: EntityManager,
    recipients: string[],
    lead: { id: string; eventId: string; dockingSessionId: string | null },
    words: { eventTitle: string; institutionName: string; enterpriseName: string },
  ): Promise<void> {
    await this.notifications.notify(
      manager,
      [...new Set(recipients)].map((userId) => ({
        userId,
        kind: 'roadshow_interest',
        title: `路演对接意向：${words.institutionName} 希望与 ${words.enterpriseName} 洽谈`,
        body: words.eventTitle,
        data: {
          eventId: lead.eventId,
          leadId: lead.id,
          sessionId: lead.dockingSessionId,
        },
        dedupeKey: `roadshow-lead:${lead.id}`,
      })),
    );
  }

  private async registrants(
    manager: EntityManager,
    eventId: string,
    statuses: EventRegistration['status'][],
  ): Promise<string[]> {
    const rows = await manager.find(EventRegistration, {
      select: { userId: true },
      where: { eventId, status: In(statuses) },
    });
    return rows.map((row) => row.userId);
  }
}
