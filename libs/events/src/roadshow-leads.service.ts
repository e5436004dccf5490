import { AppError, pageOf, PageQueryDto, skipOf } from '@app/core';
import type { Page } from '@app/core';
import { newId, TransactionRunner, uniqueViolation } from '@app/database';
import { DockingSession, DockingSessionsService } from '@app/docking';
import type { AuthUser } from '@app/identity';
import { Organization, User } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull, Not } from 'typeorm';
import { EventAccess } from './event-access';
import { Event } from './event.entity';
import { EventLocks } from './event-locks';
import { EventNotifier } from './event-notifier';
import { EventRegistration } from './event-registration.entity';
import { EventsService } from './events.service';
import { RoadshowLead } from './roadshow-lead.entity';
import { RoadshowLeadView, toRoadshowLeadView } from './roadshow-lead.view';
import { WantToTalkDto } from './want-to-talk.dto';

const SEATED: EventRegistration['status'][] = ['registered', 'checked_in'];
/** Tries when a direct application for the same need and product races the invitation. */
const OPEN_TRIES = 2;

/**
 * "Want to talk" at a roadshow: an investor marks a pitching enterprise, and instead of a
 * business card the mark opens a docking session (an invitation of the enterprise's need with
 * the investor's product). Without a product, or without a need the product can serve, the lead
 * is kept on its own and the enterprise, its commissioner and the organizer hear of it.
 */
@Injectable()
export class RoadshowLeadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly locks: EventLocks,
    private readonly events: EventsService,
    private readonly docking: DockingSessionsService,
    private readonly notifier: EventNotifier,
  ) {}

  async wantToTalk(user: AuthUser, eventId: string, dto: WantToTalkDto): Promise<RoadshowLeadView> {
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await this.transactions.run((manager) => this.mark(manager, user, eventId, dto));
        return (
          await this.viewsOf([
            await this.dataSource.getRepository(RoadshowLead).findOneByOrFail({ id }),
          ])
        )[0];
      } catch (error) {
        const violated = uniqueViolation(error);
        if (violated?.includes('open_key') && attempt < OPEN_TRIES) continue;
        throw error;
      }
    }
  }

  private async mark(
    manager: EntityManager,
    user: AuthUser,
    eventId: string,
    dto: WantToTalkDto,
  ): Promise<string> {
    const event = await this.locks.event(manager, eventId);
    if (!event || !EventAccess.sees(user, event)) throw new AppError('EVENT_NOT_FOUND');
    if (event.kind !== 'roadshow') throw new AppError('EVENT_NOT_ROADSHOW');
    if (event.status !== 'published' && event.status !== 'completed') {
      throw new AppError('EVENT_STATUS_CONFLICT', {
        details: { status: event.status, action: 'want_to_talk' },
      });
    }
    const seat = await manager.findOneBy(EventRegistration, {
      eventId,
      userId: user.id,
      status: In(SEATED),
    });
    if (!seat) {
      throw new AppError('EVENT_REGISTRATION_NOT_FOUND', {
        message: 'Sign up for the roadshow as an investor (and hold a seat) first.',
      });
    }
    const pitching = await manager.findOneBy(EventRegistration, {
      eventId,
      orgId: dto.enterpriseOrgId,
      role: 'enterprise',
      pitchSlot: Not(IsNull()),
      status: In(SEATED),
    });
    if (!pitching) throw new AppError('ROADSHOW_NOT_PITCHING');
    const existing = await manager.findOneBy(RoadshowLead, {
      eventId,
      enterpriseOrgId: dto.enterpriseOrgId,
      institutionOrgId: user.orgId,
    });
    if (existing) throw new AppError('ROADSHOW_LEAD_EXISTS', { details: { leadId: existing.id } });

    const session = dto.productId
      ? await this.docking.inviteForLead(manager, user, {
          enterpriseOrgId: dto.enterpriseOrgId,
          productId: dto.productId,
          needId: dto.needId,
          note: dto.note ?? `路演对接：${event.title}`,
        })
      : null;
    const sessionRow = session
      ? await manager.findOneByOrFail(DockingSession, { id: session.sessionId })
      : null;
    const id = newId();
    await manager.insert(RoadshowLead, {
      id,
      eventId,
      enterpriseOrgId: dto.enterpriseOrgId,
      institutionOrgId: user.orgId,
      userId: user.id,
      productId: dto.productId ?? null,
      needId: sessionRow?.needId ?? null,
      dockingSessionId: session?.sessionId ?? null,
      note: dto.note ?? null,
    });
    await this.tell(manager, user, event, {
      id,
      dockingSessionId: session?.sessionId ?? null,
      enterpriseOrgId: dto.enterpriseOrgId,
      opened: session?.opened ?? false,
    });
    return id;
  }

  /**
   * The organizer always hears of a lead. The enterprise's people and its commissioner hear of
   * it from here only when no session was opened: an opened session tells them itself.
   */
  private async tell(
    manager: EntityManager,
    user: AuthUser,
    event: Event,
    lead: { id: string; dockingSessionId: string | null; enterpriseOrgId: string; opened: boolean },
  ): Promise<void> {
    const [enterprise, institution] = await Promise.all([
      manager.findOneByOrFail(Organization, { id: lead.enterpriseOrgId }),
      manager.findOneByOrFail(Organization, { id: user.orgId }),
    ]);
    const recipients = [event.organizerId];
    if (!lead.opened) {
      const members = await manager.find(User, {
        select: { id: true },
        where: { orgId: enterprise.id, status: 'active' },
      });
      recipients.push(...members.map((member) => member.id));
      if (enterprise.commissionerId) recipients.push(enterprise.commissionerId);
    }
    await this.notifier.roadshowInterest(
      manager,
      recipients.filter((id) => id !== user.id),
      { id: lead.id, eventId: event.id, dockingSessionId: lead.dockingSessionId },
      {
        eventTitle: event.title,
        institutionName: institution.name,
        enterpriseName: enterprise.name,
      },
    );
  }

  /** The organizer and admins see every lead of the roadshow; an organization those it is in. */
  async list(
    user: AuthUser,
    eventId: string,
    query: PageQueryDto,
  ): Promise<Page<RoadshowLeadView>> {
    const event = await this.events.visible(user, eventId);
    if (event.kind !== 'roadshow') throw new AppError('EVENT_NOT_ROADSHOW');
    let where: FindOptionsWhere<RoadshowLead> | FindOptionsWhere<RoadshowLead>[] = { eventId };
    if (!EventAccess.manages(user, event)) {
      if (user.role === 'commissioner') {
        throw new AppError('FORBIDDEN', {
          message: "Only the organizer and admins see a roadshow's leads.",
        });
      }
      where = [
        { eventId, enterpriseOrgId: user.orgId },
        { eventId, institutionOrgId: user.orgId },
      ];
    }
    const [rows, total] = await this.dataSource.getRepository(RoadshowLead).findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    return pageOf(await this.viewsOf(rows), total, query);
  }

  private async viewsOf(leads: RoadshowLead[]): Promise<RoadshowLeadView[]> {
    if (leads.length === 0) return [];
    const orgIds = [
      ...new Set(leads.flatMap((lead) => [lead.enterpriseOrgId, lead.institutionOrgId])),
    ];
    const sessionIds = leads.flatMap((lead) =>
      lead.dockingSessionId ? [lead.dockingSessionId] : [],
    );
    const [orgs, sessions] = await Promise.all([
      this.dataSource
        .getRepository(Organization)
        .find({ select: { id: true, name: true }, where: { id: In(orgIds) } }),
      sessionIds.length
        ? this.dataSource.getRepository(DockingSession).findBy({ id: In(sessionIds) })
        : Promise.resolve([]),
    ]);
    const orgName = new Map(orgs.map((org) => [org.id, org.name]));
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    return leads.map((lead) => {
      const session = lead.dockingSessionId ? sessionById.get(lead.dockingSessionId) : undefined;
      return toRoadshowLeadView(lead, {
        orgName: (id) => orgName.get(id) ?? '',
        session: session
          ? {
              id: session.id,
              status: session.status,
              approvedAmount: session.approvedAmount,
              disbursedAmount: session.disbursedAmount,
            }
          : null,
      });
    });
  }
}
