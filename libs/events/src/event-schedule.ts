import { AppError } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Event } from './event.entity';
import { EventScheduleKey } from './event-schedule-key.entity';
import { EventLocks } from './event-locks';
import { localTime } from './event-times';

type Scheduled = Pick<Event, 'id' | 'organizerId' | 'venueKey' | 'startsAt' | 'endsAt'>;

/**
 * One organizer, one venue: never two overlapping published events. The check runs under row
 * locks on the organizer's and the venue's schedule keys, so that two publishes racing for the
 * same afternoon are judged one after the other.
 */
@Injectable()
export class EventSchedule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly locks: EventLocks,
  ) {}

  /**
   * Makes sure the keys exist, in a transaction of their own: inside the publishing transaction
   * an insert that meets an existing key would leave a shared lock behind, and two of those
   * upgrading to exclusive locks deadlock.
   */
  async prepare(event: Pick<Event, 'organizerId' | 'venueKey'>): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(EventScheduleKey)
      .values(keysOf(event).map((scheduleKey) => ({ scheduleKey })))
      .orIgnore()
      .execute();
  }

  /**
   * Locks the keys in a fixed order, then refuses an overlap with 409 naming the clashing event.
   * The caller locked the event row first and has made no plain read yet (see EventLocks).
   */
  async assertFree(manager: EntityManager, event: Scheduled): Promise<void> {
    const keys = keysOf(event);
    const query = manager
      .getRepository(EventScheduleKey)
      .createQueryBuilder('k')
      .where({ scheduleKey: In(keys) })
      .orderBy('k.schedule_key', 'ASC');
    if (this.locks.isMysql) query.setLock('pessimistic_write');
    const locked = await query.getMany();
    if (locked.length !== keys.length) {
      // The organizer or venue changed after prepare(): add the new key and lock it now.
      await manager
        .createQueryBuilder()
        .insert()
        .into(EventScheduleKey)
        .values(keys.map((scheduleKey) => ({ scheduleKey })))
        .orIgnore()
        .execute();
      await query.getMany();
    }
    const clashes = manager
      .getRepository(Event)
      .createQueryBuilder('e')
      .where('e.status = :published', { published: 'published' })
      .andWhere('e.id != :id', { id: event.id })
      .andWhere('e.starts_at < :endsAt AND e.ends_at > :startsAt', {
        startsAt: event.startsAt,
        endsAt: event.endsAt,
      })
      .andWhere(
        event.venueKey
          ? '(e.organizer_id = :organizerId OR e.venue_key = :venueKey)'
          : 'e.organizer_id = :organizerId',
        { organizerId: event.organizerId, venueKey: event.venueKey },
      )
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC');
    const clash = await clashes.getOne();
    if (!clash) return;
    const on = [
      ...(clash.organizerId === event.organizerId ? ['organizer'] : []),
      ...(event.venueKey && clash.venueKey === event.venueKey ? ['venue'] : []),
    ];
    throw new AppError('EVENT_SCHEDULE_CONFLICT', {
      message: `与已发布的活动《${clash.title}》（${localTime(clash.startsAt)} 至 ${localTime(clash.endsAt)}）时间冲突：${on.includes('organizer') ? '同一组织者' : '同一场地'}不能同时举办两场活动。`,
      details: {
        conflictWith: {
          id: clash.id,
          title: clash.title,
          startsAt: clash.startsAt.toISOString(),
          endsAt: clash.endsAt.toISOString(),
          venue: clash.venue,
        },
        on,
      },
    });
  }
}

function keysOf(event: Pick<Event, 'organizerId' | 'venueKey'>): string[] {
  const keys = [`organizer:${event.organizerId}`];
  if (event.venueKey) keys.push(`venue:${event.venueKey}`);
  return keys.sort();
}
