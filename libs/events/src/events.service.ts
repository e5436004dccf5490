import { AppError, Clock, pageOf, skipOf } from '@app/core';
import type { Page } from '@app/core';
import { newId, OutboxService, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { User } from '@app/identity';
import { filterString, filterValue, SearchIndexes } from '@app/search';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CancelEventDto } from './cancel-event.dto';
import { CreateEventDto } from './create-event.dto';
import { EventAccess } from './event-access';
import { Event } from './event.entity';
import { EventLocks } from './event-locks';
import { EventNotifier } from './event-notifier';
import { EventRegistration } from './event-registration.entity';
import { audiencesOf, canMoveEvent, FIXED_ONCE_PUBLISHED } from './event-rules';
import { EventSchedule } from './event-schedule';
import { eventTimeProblems, isDay, nextDay, parseDayOrTime, parseEventTime } from './event-times';
import { EventView } from './event.view';
import { EventViews } from './event-views.service';
import { EVENTS_INDEX, EventDocument } from './events.search-index';
import { ListEventsQuery } from './list-events.query';
import { DEFAULT_PITCH_MINUTES, DEFAULT_QA_MINUTES, pitchSlots } from './pitch-slots';
import { retryOnLockConflict } from './retry';
import { UpdateEventDto } from './update-event.dto';
import { venueKey } from './venue-key';
import { Waitlist } from './waitlist';

/** Fields a PATCH may set to null. */
const CLEARABLE = ['registrationDeadline', 'venue', 'onlineUrl', 'district'] as const;
/** Changes a calendar must pick up (they raise the iCalendar SEQUENCE of a published event). */
const CALENDAR_FIELDS = [
  'title',
  'description',
  'startsAt',
  'endsAt',
  'venue',
  'onlineUrl',
] as const;
/** Changes registrants are told about. */
const NOTIFIED_FIELDS = ['startsAt', 'endsAt', 'venue', 'onlineUrl'] as const;

type EventFields = Pick<
  Event,
  | 'kind'
  | 'title'
  | 'description'
  | 'organizerId'
  | 'startsAt'
  | 'endsAt'
  | 'registrationDeadline'
  | 'venue'
  | 'venueKey'
  | 'onlineUrl'
  | 'district'
  | 'capacity'
  | 'audience'
  | 'pitchMinutes'
  | 'qaMinutes'
>;

/**
 * Events as their organizers run them: drafts, publishing with the clash check, edits that
 * calendars and registrants hear about, cancellation, and the lists and search around them.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly search: SearchIndexes,
    private readonly locks: EventLocks,
    private readonly schedule: EventSchedule,
    private readonly waitlist: Waitlist,
    private readonly notifier: EventNotifier,
    private readonly views: EventViews,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateEventDto): Promise<EventView> {
    const organizerId = await this.organizerFor(user, dto.organizerId);
    const startsAt = time(dto.startsAt);
    const fields: EventFields = {
      kind: dto.kind,
      title: dto.title,
      description: dto.description,
      organizerId,
      startsAt,
      endsAt: time(dto.endsAt),
      registrationDeadline: dto.registrationDeadline ? time(dto.registrationDeadline) : startsAt,
      venue: dto.venue ?? null,
      venueKey: venueKey(dto.venue ?? null),
      onlineUrl: dto.onlineUrl ?? null,
      district: dto.district ?? null,
      capacity: dto.capacity,
      audience: dto.audience,
      pitchMinutes: dto.kind === 'roadshow' ? (dto.pitchMinutes ?? DEFAULT_PITCH_MINUTES) : null,
      qaMinutes: dto.kind === 'roadshow' ? (dto.qaMinutes ?? DEFAULT_QA_MINUTES) : null,
    };
    if (dto.kind !== 'roadshow') assertNoRhythm(dto);
    assertSound(fields, this.clock.now(), false);
    const id = newId();
    const saved = await this.transactions.run(async (manager) => {
      await manager.insert(Event, {
        id,
        ...fields,
        createdBy: user.id,
        status: 'draft',
        seatsTaken: 0,
        lastSeq: 0,
        icalSequence: 0,
        cancelReason: null,
        publishedAt: null,
        cancelledAt: null,
        completedAt: null,
        reminded24hAt: null,
        reminded1hAt: null,
      });
      return manager.findOneByOrFail(Event, { id });
    });
    return this.views.event(user, saved);
  }

  async get(user: AuthUser, id: string): Promise<EventView> {
    return this.views.event(user, await this.visible(user, id));
  }

  /** The event if the caller may see it; otherwise it does not exist. */
  async visible(user: AuthUser, id: string): Promise<Event> {
    const event = await this.dataSource.getRepository(Event).findOneBy({ id });
    if (!event || !EventAccess.sees(user, event)) throw new AppError('EVENT_NOT_FOUND');
    return event;
  }

  async update(user: AuthUser, id: string, dto: UpdateEventDto): Promise<EventView> {
    for (const field of Object.keys(dto) as (keyof UpdateEventDto)[]) {
      if (dto[field] === null && !(CLEARABLE as readonly string[]).includes(field)) {
        throw invalid(field, 'notNull', `${field} cannot be cleared`);
      }
    }
    if (dto.organizerId !== undefined) await this.organizerFor(user, dto.organizerId);
    const before = await this.dataSource.getRepository(Event).findOneBy({ id });
    if (before) {
      await this.schedule.prepare({
        organizerId: dto.organizerId ?? before.organizerId,
        venueKey: dto.venue !== undefined ? venueKey(dto.venue) : before.venueKey,
      });
    }
    const saved = await retryOnLockConflict(() =>
      this.transactions.run(async (manager) => {
        const current = await this.managed(manager, user, id);
        if (current.status !== 'draft' && current.status !== 'published') {
          throw statusConflict(current.status, 'edit');
        }
        const next = merged(current, dto);
        const changed = changedFields(current, next);
        if (changed.length === 0) return current;
        const published = current.status === 'published';
        if (published) {
          for (const field of FIXED_ONCE_PUBLISHED) {
            if (changed.includes(field)) {
              throw new AppError('EVENT_STATUS_CONFLICT', {
                message: `${field} cannot change once the event is published.`,
                details: { field, status: current.status },
              });
            }
          }
        }
        if (next.kind !== 'roadshow') assertNoRhythm(dto);
        const timesChanged = changed.some((f) =>
          ['startsAt', 'endsAt', 'registrationDeadline'].includes(f),
        );
        assertSound(next, this.clock.now(), published && timesChanged);
        if (published) {
          if (next.capacity < current.seatsTaken) {
            throw new AppError('EVENT_CAPACITY_CONFLICT', {
              details: { capacity: next.capacity, seatsTaken: current.seatsTaken },
            });
          }
          // Before any plain read: the clash check must read after it holds its locks.
          if (changed.some((f) => ['startsAt', 'endsAt', 'organizerId', 'venue'].includes(f))) {
            await this.schedule.assertFree(manager, { ...next, id });
          }
          await this.assertSlotsStillFit(manager, current, next);
        }
        const calendarChanged =
          published && changed.some((f) => (CALENDAR_FIELDS as readonly string[]).includes(f));
        const startMoved = changed.includes('startsAt');
        await manager.update(
          Event,
          { id },
          {
            ...next,
            ...(calendarChanged ? { icalSequence: current.icalSequence + 1 } : {}),
            // Reminders are due again relative to the new start.
            ...(startMoved ? { reminded24hAt: null, reminded1hAt: null } : {}),
          },
        );
        const after = await manager.findOneByOrFail(Event, { id });
        if (published) {
          if (after.capacity > current.capacity) await this.waitlist.promote(manager, after);
          if (changed.some((f) => (NOTIFIED_FIELDS as readonly string[]).includes(f))) {
            await this.notifier.updated(manager, after);
          }
          await this.outbox.enqueue(manager, EVENTS_INDEX, [id]);
        }
        return manager.findOneByOrFail(Event, { id });
      }),
    );
    return this.views.event(user, saved);
  }

  /** A draft goes public: its start must lie ahead and its organizer and venue be free. */
  async publish(user: AuthUser, id: string): Promise<EventView> {
    const before = await this.dataSource.getRepository(Event).findOneBy({ id });
    if (before) await this.schedule.prepare(before);
    const saved = await retryOnLockConflict(() =>
      this.transactions.run(async (manager) => {
        const current = await this.managed(manager, user, id);
        if (!canMoveEvent(current.status, 'publish'))
          throw statusConflict(current.status, 'publish');
        assertSound(current, this.clock.now(), true);
        await this.schedule.assertFree(manager, current);
        await manager.update(
          Event,
          { id, status: 'draft' },
          { status: 'published', publishedAt: this.clock.now() },
        );
        await this.outbox.enqueue(manager, EVENTS_INDEX, [id]);
        return manager.findOneByOrFail(Event, { id });
      }),
    );
    return this.views.event(user, saved);
  }

  /** Calls it off; every registrant of a published event is told, and calendars mark it so. */
  async cancel(user: AuthUser, id: string, dto: CancelEventDto): Promise<EventView> {
    const saved = await this.transactions.run(async (manager) => {
      const current = await this.managed(manager, user, id);
      if (!canMoveEvent(current.status, 'cancel')) throw statusConflict(current.status, 'cancel');
      const wasPublished = current.status === 'published';
      await manager.update(
        Event,
        { id },
        {
          status: 'cancelled',
          cancelledAt: this.clock.now(),
          cancelReason: dto.reason ?? null,
          icalSequence: current.icalSequence + (wasPublished ? 1 : 0),
        },
      );
      const after = await manager.findOneByOrFail(Event, { id });
      if (wasPublished) {
        await this.notifier.cancelled(manager, after);
        await this.outbox.enqueue(manager, EVENTS_INDEX, [id]);
      }
      return after;
    });
    return this.views.event(user, saved);
  }

  /** Published events from search, or the caller's own from the database with `mine=true`. */
  async list(user: AuthUser, query: ListEventsQuery): Promise<Page<EventView>> {
    if (query.mine) return this.listMine(user, query);
    if (query.status !== undefined) {
      throw invalid('status', 'mine_only', 'status filters only with mine=true');
    }
    const filters = [`status = ${filterValue('published')}`];
    const kinds = filterString('kind', query.kind ?? []);
    if (kinds) filters.push(kinds);
    const districts = filterString('district', query.district ?? []);
    if (districts) filters.push(districts);
    if (user.role === 'enterprise' || user.role === 'institution') {
      filters.push(filterString('audience', audiencesOf(user.role))!);
    }
    if (query.audience) filters.push(`audience = ${filterValue(query.audience)}`);
    const { from, to } = range(query);
    if (from) filters.push(`startsAt >= ${filterValue(from.getTime())}`);
    if (to) filters.push(`startsAt < ${filterValue(to.getTime())}`);
    const result = await this.search.search<EventDocument>(EVENTS_INDEX, query.q ?? '', {
      filter: filters,
      sort: query.q ? undefined : ['startsAt:asc'],
      page: query.page,
      hitsPerPage: query.pageSize,
      attributesToRetrieve: ['id'],
    });
    const ids = result.hits.map((hit) => hit.id);
    const rows =
      ids.length > 0 ? await this.dataSource.getRepository(Event).findBy({ id: In(ids) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    // The database is the truth: an event cancelled a moment ago is left out.
    const events = ids.flatMap((id) => {
      const event = byId.get(id);
      return event && event.status === 'published' ? [event] : [];
    });
    return pageOf(await this.views.events(user, events), result.totalHits ?? events.length, query);
  }

  private async listMine(user: AuthUser, query: ListEventsQuery): Promise<Page<EventView>> {
    if (query.q !== undefined)
      throw invalid('q', 'search_only', 'q searches published events, not mine=true');
    const rows = this.dataSource.getRepository(Event).createQueryBuilder('e');
    if (user.role === 'enterprise' || user.role === 'institution') {
      rows.innerJoin(
        EventRegistration,
        'r',
        'r.event_id = e.id AND r.user_id = :me AND r.status != :cancelled',
        {
          me: user.id,
          cancelled: 'cancelled',
        },
      );
    } else if (user.role === 'commissioner') {
      rows.where('e.organizer_id = :me', { me: user.id });
    }
    if (query.status) rows.andWhere('e.status = :status', { status: query.status });
    if (query.kind?.length) rows.andWhere('e.kind IN (:...kinds)', { kinds: query.kind });
    if (query.district?.length)
      rows.andWhere('e.district IN (:...districts)', { districts: query.district });
    if (query.audience) rows.andWhere('e.audience = :audience', { audience: query.audience });
    const { from, to } = range(query);
    if (from) rows.andWhere('e.starts_at >= :from', { from });
    if (to) rows.andWhere('e.starts_at < :to', { to });
    const [events, total] = await rows
      .orderBy('e.startsAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.views.events(user, events), total, query);
  }

  /** The event locked for a change by its organizer or an admin. */
  private async managed(manager: EntityManager, user: AuthUser, id: string): Promise<Event> {
    const event = await this.locks.event(manager, id);
    if (!event || (!EventAccess.manages(user, event) && event.status === 'draft')) {
      throw new AppError('EVENT_NOT_FOUND');
    }
    if (!EventAccess.manages(user, event)) {
      throw new AppError('FORBIDDEN', {
        message: 'Only the organizer or an admin may change the event.',
      });
    }
    return event;
  }

  /** Commissioners organize their own events; admins may name any active commissioner or admin. */
  private async organizerFor(user: AuthUser, organizerId: string | undefined): Promise<string> {
    if (organizerId === undefined || organizerId === user.id) return user.id;
    if (user.role !== 'admin') {
      throw new AppError('FORBIDDEN', { message: 'Only admins choose another organizer.' });
    }
    const organizer = await this.dataSource.getRepository(User).findOneBy({
      id: organizerId,
      role: In(['commissioner', 'admin']),
      status: 'active',
    });
    if (!organizer)
      throw invalid(
        'organizerId',
        'notStaff',
        'organizerId must name an active commissioner or admin',
      );
    return organizerId;
  }

  /** A shorter roadshow or another rhythm must keep every booked slot. */
  private async assertSlotsStillFit(
    manager: EntityManager,
    current: Event,
    next: EventFields,
  ): Promise<void> {
    if (next.pitchMinutes === null || next.qaMinutes === null) return;
    const count = pitchSlots({
      startsAt: next.startsAt,
      endsAt: next.endsAt,
      pitchMinutes: next.pitchMinutes,
      qaMinutes: next.qaMinutes,
    }).length;
    const last = await manager
      .getRepository(EventRegistration)
      .createQueryBuilder('r')
      .select('MAX(r.pitch_slot)', 'slot')
      .where('r.event_id = :id', { id: current.id })
      .getRawOne<{ slot: number | string | null }>();
    const booked = Number(last?.slot ?? 0);
    if (booked > count) {
      throw new AppError('EVENT_STATUS_CONFLICT', {
        message: `Pitch slot ${booked} is booked: the roadshow must keep at least ${booked} slots.`,
        details: { bookedSlot: booked, slots: count },
      });
    }
  }
}

/** A validated time string as a Date (the DTO checked that it parses). */
function time(value: string): Date {
  const parsed = parseEventTime(value);
  if (!parsed) throw invalid('time', 'isEventTime', `${value} is not a time`);
  return parsed;
}

function merged(current: Event, dto: UpdateEventDto): EventFields {
  const startsAt = dto.startsAt !== undefined ? time(dto.startsAt) : current.startsAt;
  const venue = dto.venue !== undefined ? dto.venue : current.venue;
  const kind = dto.kind ?? current.kind;
  const roadshow = kind === 'roadshow';
  return {
    kind,
    title: dto.title ?? current.title,
    description: dto.description ?? current.description,
    organizerId: dto.organizerId ?? current.organizerId,
    startsAt,
    endsAt: dto.endsAt !== undefined ? time(dto.endsAt) : current.endsAt,
    registrationDeadline:
      dto.registrationDeadline === null
        ? startsAt
        : dto.registrationDeadline !== undefined
          ? time(dto.registrationDeadline)
          : // A deadline that simply followed the start keeps following it.
            current.registrationDeadline.getTime() === current.startsAt.getTime()
            ? startsAt
            : current.registrationDeadline,
    venue,
    venueKey: venueKey(venue),
    onlineUrl: dto.onlineUrl !== undefined ? dto.onlineUrl : current.onlineUrl,
    district: dto.district !== undefined ? dto.district : current.district,
    capacity: dto.capacity ?? current.capacity,
    audience: dto.audience ?? current.audience,
    pitchMinutes: roadshow
      ? (dto.pitchMinutes ?? current.pitchMinutes ?? DEFAULT_PITCH_MINUTES)
      : null,
    qaMinutes: roadshow ? (dto.qaMinutes ?? current.qaMinutes ?? DEFAULT_QA_MINUTES) : null,
  };
}

function changedFields(current: Event, next: EventFields): (keyof EventFields)[] {
  return (Object.keys(next) as (keyof EventFields)[]).filter((field) => {
    const a = current[field];
    const b = next[field];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });
}

/** Times that make sense together (and lie ahead when publishing), a place, and pitch slots. */
function assertSound(fields: EventFields, now: Date, publishing: boolean): void {
  if (fields.venue === null && fields.onlineUrl === null) {
    throw invalid('venue', 'venueOrOnline', 'give a venue, an onlineUrl, or both');
  }
  const problems: { field: string; code: string; message: string }[] = eventTimeProblems(
    fields,
    now,
    publishing,
  );
  if (
    problems.length === 0 &&
    fields.pitchMinutes !== null &&
    fields.qaMinutes !== null &&
    pitchSlots({
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      pitchMinutes: fields.pitchMinutes,
      qaMinutes: fields.qaMinutes,
    }).length === 0
  ) {
    problems.push({ field: 'endsAt', code: 'noPitchSlot', message: '路演时长不足一个路演时段' });
  }
  if (problems.length > 0) throw new AppError('EVENT_TIMES_INVALID', { details: problems });
}

function assertNoRhythm(dto: { pitchMinutes?: number; qaMinutes?: number }): void {
  for (const field of ['pitchMinutes', 'qaMinutes'] as const) {
    if (dto[field] !== undefined)
      throw invalid(field, 'roadshowOnly', `${field} is for roadshows only`);
  }
}

/** The query's date range: a bare `to` day includes that whole day. */
function range(query: ListEventsQuery): { from: Date | null; to: Date | null } {
  const from = query.from ? parseDayOrTime(query.from) : null;
  const toStart = query.to ? parseDayOrTime(query.to) : null;
  const to = toStart && query.to && isDay(query.to) ? nextDay(toStart) : toStart;
  return { from, to };
}

function invalid(field: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ field, code, message }] });
}

function statusConflict(status: Event['status'], action: string): AppError {
  return new AppError('EVENT_STATUS_CONFLICT', {
    message: `A ${status} event cannot ${action}.`,
    details: { status, action },
  });
}
