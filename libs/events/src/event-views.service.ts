import type { AuthUser } from '@app/identity';
import { Organization, User } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Event } from './event.entity';
import { EventRegistration } from './event-registration.entity';
import { EventView, toEventView } from './event.view';
import { pitchSlots } from './pitch-slots';
import { RegistrationView, toRegistrationView } from './registration.view';

/** Builds the views of events and registrations, a page at a time, with a few grouped reads. */
@Injectable()
export class EventViews {
  constructor(private readonly dataSource: DataSource) {}

  async events(user: AuthUser | null, events: Event[]): Promise<EventView[]> {
    if (events.length === 0) return [];
    const ids = events.map((event) => event.id);
    const [organizers, counts, mine] = await Promise.all([
      this.dataSource.getRepository(User).find({
        select: { id: true, name: true },
        where: { id: In([...new Set(events.map((event) => event.organizerId))]) },
      }),
      this.dataSource
        .getRepository(EventRegistration)
        .createQueryBuilder('r')
        .select('r.event_id', 'eventId')
        .addSelect('r.status', 'status')
        .addSelect('COUNT(*)', 'count')
        .where('r.event_id IN (:...ids)', { ids })
        .andWhere('r.status IN (:...statuses)', { statuses: ['waitlisted', 'checked_in'] })
        .groupBy('r.event_id')
        .addGroupBy('r.status')
        .getRawMany<{ eventId: string; status: string; count: number | string }>(),
      user
        ? this.dataSource
            .getRepository(EventRegistration)
            .findBy({ eventId: In(ids), userId: user.id })
        : Promise.resolve([]),
    ]);
    const organizerName = new Map(organizers.map((u) => [u.id, u.name]));
    const count = (eventId: string, status: string) =>
      Number(counts.find((row) => row.eventId === eventId && row.status === status)?.count ?? 0);
    const myViews = new Map((await this.registrations(mine)).map((view) => [view.eventId, view]));
    return events.map((event) =>
      toEventView(event, {
        organizerName: organizerName.get(event.organizerId) ?? '',
        waitlisted: count(event.id, 'waitlisted'),
        checkedIn: count(event.id, 'checked_in'),
        slots:
          event.pitchMinutes !== null && event.qaMinutes !== null
            ? pitchSlots({
                startsAt: event.startsAt,
                endsAt: event.endsAt,
                pitchMinutes: event.pitchMinutes,
                qaMinutes: event.qaMinutes,
              }).length
            : 0,
        myRegistration: myViews.get(event.id) ?? null,
      }),
    );
  }

  async event(user: AuthUser | null, event: Event): Promise<EventView> {
    const [view] = await this.events(user, [event]);
    return view;
  }

  /** With each attendee's name and organization, and each waitlisted one's place in line. */
  async registrations(registrations: EventRegistration[]): Promise<RegistrationView[]> {
    if (registrations.length === 0) return [];
    const unique = (values: string[]) => [...new Set(values)];
    const [users, orgs, positions] = await Promise.all([
      this.dataSource.getRepository(User).find({
        select: { id: true, name: true },
        where: { id: In(unique(registrations.map((r) => r.userId))) },
      }),
      this.dataSource.getRepository(Organization).find({
        select: { id: true, name: true },
        where: { id: In(unique(registrations.map((r) => r.orgId))) },
      }),
      this.waitlistPositions(registrations.filter((r) => r.status === 'waitlisted')),
    ]);
    const userName = new Map(users.map((u) => [u.id, u.name]));
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return registrations.map((registration) =>
      toRegistrationView(registration, {
        userName: userName.get(registration.userId) ?? '',
        orgName: orgName.get(registration.orgId) ?? '',
        waitlistPosition: positions.get(registration.id) ?? null,
      }),
    );
  }

  async registration(registration: EventRegistration): Promise<RegistrationView> {
    const [view] = await this.registrations([registration]);
    return view;
  }

  /** 1 for the next in line: each waiting registration's place among its event's waitlist. */
  private async waitlistPositions(waiting: EventRegistration[]): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    if (waiting.length === 0) return positions;
    // One read of the whole line of each event involved; lines are short (a few hundred at most).
    const lines = await this.dataSource.getRepository(EventRegistration).find({
      select: { id: true, eventId: true },
      where: { eventId: In([...new Set(waiting.map((r) => r.eventId))]), status: 'waitlisted' },
      order: { seq: 'ASC' },
    });
    const place = new Map<string, number>();
    for (const row of lines) {
      const position = (place.get(row.eventId) ?? 0) + 1;
      place.set(row.eventId, position);
      positions.set(row.id, position);
    }
    return positions;
  }
}
