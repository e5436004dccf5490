import { AppError, Clock, pageOf, skipOf } from '@app/core';
import type { Page } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import { DockingSession } from '@app/docking';
import { Event, EventAccess } from '@app/events';
import type { AuthUser } from '@app/identity';
import { Organization, User } from '@app/identity';
import { chinaDate } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CreateServiceLogDto } from './create-service-log.dto';
import { ListServiceLogsQuery } from './list-service-logs.query';
import { ServiceLog } from './service-log.entity';
import { ServiceLogView, toServiceLogView } from './service-log.view';

/**
 * Commissioners' service logs: each about an enterprise of the writer's portfolio (any
 * enterprise for admins), optionally tied to an event and to one of the enterprise's docking
 * sessions. A commissioner reads the logs it wrote and every log about its enterprises, also
 * those of an earlier commissioner; admins read all.
 */
@Injectable()
export class ServiceLogsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateServiceLogDto): Promise<ServiceLogView> {
    if (dto.occurredOn > chinaDate(this.clock.now()) || dto.occurredOn < '2000-01-01') {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: 'occurredOn', code: 'notPast', message: 'occurredOn must be a day up to today' },
        ],
      });
    }
    const enterprise = await this.dataSource.getRepository(Organization).findOneBy({
      id: dto.enterpriseOrgId,
      kind: 'enterprise',
      ...(user.role === 'admin' ? {} : { commissionerId: user.id }),
    });
    if (!enterprise) {
      throw new AppError('ORGANIZATION_NOT_FOUND', {
        message: 'The enterprise is not in your portfolio.',
      });
    }
    if (dto.eventId) {
      const event = await this.dataSource.getRepository(Event).findOneBy({ id: dto.eventId });
      if (!event || !EventAccess.sees(user, event)) throw new AppError('EVENT_NOT_FOUND');
    }
    if (dto.dockingSessionId) {
      const session = await this.dataSource
        .getRepository(DockingSession)
        .findOneBy({ id: dto.dockingSessionId, enterpriseOrgId: enterprise.id });
      if (!session) {
        throw new AppError('DOCKING_SESSION_NOT_FOUND', {
          message: 'The docking session is not one of this enterprise.',
        });
      }
    }
    const id = newId();
    const saved = await this.transactions.run(async (manager) => {
      await manager.insert(ServiceLog, {
        id,
        commissionerId: user.id,
        enterpriseOrgId: enterprise.id,
        kind: dto.kind,
        occurredOn: dto.occurredOn,
        notes: dto.notes,
        outcome: dto.outcome ?? null,
        eventId: dto.eventId ?? null,
        dockingSessionId: dto.dockingSessionId ?? null,
      });
      return manager.findOneByOrFail(ServiceLog, { id });
    });
    return (await this.viewsOf([saved]))[0];
  }

  async list(user: AuthUser, query: ListServiceLogsQuery): Promise<Page<ServiceLogView>> {
    const rows = this.dataSource.getRepository(ServiceLog).createQueryBuilder('l');
    if (user.role !== 'admin') {
      rows.where(
        '(l.commissioner_id = :me OR l.enterprise_org_id IN ' +
          '(SELECT o.id FROM organizations o WHERE o.commissioner_id = :me))',
        { me: user.id },
      );
    }
    if (query.enterpriseOrgId) {
      rows.andWhere('l.enterprise_org_id = :org', { org: query.enterpriseOrgId });
    }
    if (query.kind) rows.andWhere('l.kind = :kind', { kind: query.kind });
    if (query.eventId) rows.andWhere('l.event_id = :eventId', { eventId: query.eventId });
    if (query.dockingSessionId) {
      rows.andWhere('l.docking_session_id = :session', { session: query.dockingSessionId });
    }
    if (query.from) rows.andWhere('l.occurred_on >= :from', { from: query.from });
    if (query.to) rows.andWhere('l.occurred_on <= :to', { to: query.to });
    const [logs, total] = await rows
      .orderBy('l.occurred_on', 'DESC')
      .addOrderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.viewsOf(logs), total, query);
  }

  private async viewsOf(logs: ServiceLog[]): Promise<ServiceLogView[]> {
    if (logs.length === 0) return [];
    const unique = (values: (string | null)[]) => [
      ...new Set(values.filter((value): value is string => value !== null)),
    ];
    const eventIds = unique(logs.map((log) => log.eventId));
    const sessionIds = unique(logs.map((log) => log.dockingSessionId));
    const [orgs, users, events, sessions] = await Promise.all([
      this.dataSource
        .getRepository(Organization)
        .findBy({ id: In(unique(logs.map((log) => log.enterpriseOrgId))) }),
      this.dataSource
        .getRepository(User)
        .findBy({ id: In(unique(logs.map((log) => log.commissionerId))) }),
      eventIds.length ? this.dataSource.getRepository(Event).findBy({ id: In(eventIds) }) : [],
      sessionIds.length
        ? this.dataSource.getRepository(DockingSession).findBy({ id: In(sessionIds) })
        : [],
    ]);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const [org, user, event, session] = [byId(orgs), byId(users), byId(events), byId(sessions)];
    return logs.map((log) => {
      const linkedEvent = log.eventId ? event.get(log.eventId) : undefined;
      const linkedSession = log.dockingSessionId ? session.get(log.dockingSessionId) : undefined;
      return toServiceLogView(log, {
        enterpriseName: org.get(log.enterpriseOrgId)?.name ?? '',
        commissionerName: user.get(log.commissionerId)?.name ?? '',
        event: linkedEvent
          ? {
              id: linkedEvent.id,
              title: linkedEvent.title,
              kind: linkedEvent.kind,
              startsAt: linkedEvent.startsAt.toISOString(),
            }
          : null,
        dockingSession: linkedSession
          ? {
              id: linkedSession.id,
              status: linkedSession.status,
              approvedAmount: linkedSession.approvedAmount,
              disbursedAmount: linkedSession.disbursedAmount,
            }
          : null,
      });
    });
  }
}
