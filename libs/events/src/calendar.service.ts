import { createHash, randomBytes } from 'node:crypto';
import { AppError, Clock } from '@app/core';
import { TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Organization, User } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere, In, MoreThan } from 'typeorm';
import { CalendarFeed } from './calendar-feed.entity';
import { Event } from './event.entity';
import { eventsCalendar } from './event-ics';
import { EventRegistration } from './event-registration.entity';
import { EventsService } from './events.service';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A feed keeps past events this long, then lets calendars forget them. */
const FEED_HISTORY_DAYS = 90;
const FEED_LIMIT = 500;

export interface CalendarFeedToken {
  token: string;
  /** Where a calendar app subscribes, relative to the API's host. */
  path: string;
}

/** iCalendar downloads of one event, and each user's personal feed behind a revocable token. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  async eventIcs(user: AuthUser, eventId: string): Promise<string> {
    const event = await this.events.visible(user, eventId);
    if (event.status === 'draft') {
      throw new AppError('EVENT_STATUS_CONFLICT', {
        message: 'A draft has no calendar entry yet.',
        details: { status: event.status },
      });
    }
    return eventsCalendar([event], { name: event.title, now: this.clock.now(), method: 'publish' });
  }

  /** A new secret feed address for the caller; the previous one stops working. */
  async createFeed(user: AuthUser): Promise<CalendarFeedToken> {
    const token = randomBytes(32).toString('base64url');
    await this.transactions.run(async (manager) => {
      await manager.delete(CalendarFeed, { userId: user.id });
      await manager.insert(CalendarFeed, { userId: user.id, tokenHash: hashOf(token) });
    });
    return { token, path: `/api/v1/calendar/${token}/ics` };
  }

  async revokeFeed(user: AuthUser): Promise<void> {
    const result = await this.transactions.run((manager) =>
      manager.delete(CalendarFeed, { userId: user.id }),
    );
    if (!result.affected) throw new AppError('CALENDAR_FEED_NOT_FOUND');
  }

  /**
   * The feed behind a token: the events its user signed up for (a cancelled sign-up drops out)
   * and, for staff, the events they organize; cancelled events stay, marked cancelled.
   */
  async feed(token: string): Promise<string> {
    if (!TOKEN.test(token)) throw new AppError('CALENDAR_FEED_NOT_FOUND');
    const feed = await this.dataSource
      .getRepository(CalendarFeed)
      .findOneBy({ tokenHash: hashOf(token) });
    const user = feed
      ? await this.dataSource.getRepository(User).findOneBy({ id: feed.userId, status: 'active' })
      : null;
    const org = user
      ? await this.dataSource.getRepository(Organization).findOneBy({ id: user.orgId })
      : null;
    // A suspended account's feed goes quiet like its sign-in does.
    if (!feed || !user || !org || org.status === 'suspended') {
      throw new AppError('CALENDAR_FEED_NOT_FOUND');
    }
    const since = new Date(this.clock.now().getTime() - FEED_HISTORY_DAYS * 86_400_000);
    const signedUp = await this.dataSource.getRepository(EventRegistration).find({
      select: { eventId: true },
      where: { userId: user.id, status: In(['registered', 'waitlisted', 'checked_in']) },
    });
    const shown = { status: In(['published', 'cancelled', 'completed']), endsAt: MoreThan(since) };
    const where: FindOptionsWhere<Event>[] = [];
    if (signedUp.length > 0) where.push({ id: In(signedUp.map((r) => r.eventId)), ...shown });
    if (user.role === 'commissioner' || user.role === 'admin') {
      where.push({ organizerId: user.id, ...shown });
    }
    const events = where.length
      ? await this.dataSource.getRepository(Event).find({
          where,
          order: { startsAt: 'ASC', id: 'ASC' },
          take: FEED_LIMIT,
        })
      : [];
    return eventsCalendar(events, { name: `科金桥活动 · ${user.name}`, now: this.clock.now() });
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
