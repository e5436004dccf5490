import { AppError, Clock, pageOf, PageQueryDto, skipOf } from '@app/core';
import type { Page } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Organization } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import { CreateFollowUpDto } from './create-follow-up.dto';
import { EventAccess } from './event-access';
import type { Event } from './event.entity';
import { EventFollowUp } from './event-follow-up.entity';
import { EventRegistration } from './event-registration.entity';
import { EventsService } from './events.service';

export interface FollowUpView {
  id: string;
  eventId: string;
  organization: { id: string; name: string };
  authorId: string;
  note: string;
  dueOn: string | null;
  createdAt: string;
}

/** After the event (once it started), the organizer notes what to do with whom. */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, eventId: string, dto: CreateFollowUpDto): Promise<FollowUpView> {
    const event = await this.managed(user, eventId);
    const started = event.startsAt.getTime() <= this.clock.now().getTime();
    if (!started || (event.status !== 'published' && event.status !== 'completed')) {
      throw new AppError('EVENT_STATUS_CONFLICT', {
        message: 'Follow-ups are recorded once a published event has started.',
        details: { status: event.status, startsAt: event.startsAt.toISOString() },
      });
    }
    const came = await this.dataSource.getRepository(EventRegistration).countBy({
      eventId,
      orgId: dto.orgId,
      status: Not('cancelled'),
    });
    if (came === 0) {
      throw new AppError('ORGANIZATION_NOT_FOUND', {
        message: 'The organization did not sign up for this event.',
      });
    }
    const id = newId();
    const saved = await this.transactions.run(async (manager) => {
      await manager.insert(EventFollowUp, {
        id,
        eventId,
        orgId: dto.orgId,
        authorId: user.id,
        note: dto.note,
        dueOn: dto.dueOn ?? null,
      });
      return manager.findOneByOrFail(EventFollowUp, { id });
    });
    return (await this.viewsOf([saved]))[0];
  }

  async list(user: AuthUser, eventId: string, query: PageQueryDto): Promise<Page<FollowUpView>> {
    await this.managed(user, eventId);
    const [rows, total] = await this.dataSource.getRepository(EventFollowUp).findAndCount({
      where: { eventId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    return pageOf(await this.viewsOf(rows), total, query);
  }

  private async managed(user: AuthUser, eventId: string): Promise<Event> {
    const event = await this.events.visible(user, eventId);
    if (!EventAccess.manages(user, event)) {
      throw new AppError('FORBIDDEN', { message: 'Follow-ups are the organizer’s and admins’.' });
    }
    return event;
  }

  private async viewsOf(rows: EventFollowUp[]): Promise<FollowUpView[]> {
    if (rows.length === 0) return [];
    const orgs = await this.dataSource.getRepository(Organization).find({
      select: { id: true, name: true },
      where: { id: In([...new Set(rows.map((row) => row.orgId))]) },
    });
    const name = new Map(orgs.map((org) => [org.id, org.name]));
    return rows.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      organization: { id: row.orgId, name: name.get(row.orgId) ?? '' },
      authorId: row.authorId,
      note: row.note,
      dueOn: row.dueOn,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
