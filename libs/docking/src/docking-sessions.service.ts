import { AppError, Clock, Page, pageOf, skipOf, TypedConfigService } from '@app/core';
import type { DockingAction, DockingStatus } from '@app/core';
import { newId, TransactionRunner, uniqueViolation } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Organization, User } from '@app/identity';
import {
  failedRules,
  MatchEngine,
  needFactsOf,
  productFactsOf,
  StoredMatchesService,
} from '@app/matching';
import { Need, NeedsService } from '@app/needs';
import { isListed, Product } from '@app/products';
import { filterValue } from '@app/search';
import { chinaDate, WhitelistService } from '@app/whitelist';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import type { CreateDockingSessionDto } from './create-docking-session.dto';
import { DockingEvent } from './docking-event.entity';
import { DockingNotifier, DockingSubject } from './docking-notifier';
import { DockingSession, DockingSuggestion } from './docking-session.entity';
import {
  DockingParts,
  DockingSessionView,
  DockingViewerRights,
  toDockingSessionView,
} from './docking-session.view';
import { partyOrNull } from './docking-party';
import type { DockingTransitionDto } from './docking-transition.dto';
import {
  dockingMove,
  DockingParty,
  FINAL_DOCKING_STATUSES,
  revealsContacts,
} from './docking-workflow';
import type { ListDockingSessionsQuery } from './list-docking-sessions.query';
import { addWorkingDays, WorkCalendar } from './working-days';

/** Products suggested to an enterprise after a rejection. */
const SUGGESTIONS = 3;

/**
 * Docking sessions: an application or an invitation, then the institution's answer through to
 * disbursement. Every move names the version it read (two concurrent moves never both win),
 * lands in the timeline, and keeps the need's status in step.
 */
@Injectable()
export class DockingSessionsService {
  private readonly logger = new Logger('DockingSessions');
  private readonly calendar: WorkCalendar;
  private readonly slaDays: number;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly needs: NeedsService,
    private readonly whitelist: WhitelistService,
    private readonly engine: MatchEngine,
    private readonly storedMatches: StoredMatchesService,
    private readonly notifier: DockingNotifier,
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.calendar = {
      holidays: new Set(config.get('DOCKING_HOLIDAYS', { infer: true })),
      workdays: new Set(config.get('DOCKING_WORKDAYS', { infer: true })),
    };
    this.slaDays = config.get('DOCKING_SLA_WORKING_DAYS', { infer: true });
  }

  get workCalendar(): WorkCalendar {
    return this.calendar;
  }

  async create(user: AuthUser, dto: CreateDockingSessionDto): Promise<DockingSessionView> {
    if (user.orgStatus !== 'verified') throw new AppError('ORGANIZATION_NOT_VERIFIED');
    const openKey = `${dto.needId}:${dto.productId}`;
    let id: string;
    try {
      id = await this.transactions.run((manager) => this.open(manager, user, dto, openKey));
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      // Another request opened the same pair a moment ago.
      const existing = await this.dataSource.getRepository(DockingSession).findOneBy({ openKey });
      throw sessionExists(existing?.id ?? null);
    }
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<DockingSessionView> {
    const session = await this.visible(user, id);
    return this.viewOf(session, rightsOf(user, session));
  }

  private async viewOf(
    session: DockingSession,
    rights: DockingViewerRights,
  ): Promise<DockingSessionView> {
    const [parts] = await this.partsOf([session]);
    const events = await this.dataSource
      .getRepository(DockingEvent)
      .find({ where: { sessionId: session.id }, order: { seq: 'ASC' } });
    return toDockingSessionView(session, parts, rights, this.clock.now(), events);
  }

  async list(user: AuthUser, query: ListDockingSessionsQuery): Promise<Page<DockingSessionView>> {
    const qb = this.dataSource.getRepository(DockingSession).createQueryBuilder('s');
    if (user.role === 'enterprise') qb.where('s.enterpriseOrgId = :org', { org: user.orgId });
    else if (user.role === 'institution') {
      qb.where('s.institutionOrgId = :org', { org: user.orgId });
    } else if (user.role === 'commissioner') {
      qb.where('s.commissionerId = :me', { me: user.id });
    }
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.needId) qb.andWhere('s.needId = :needId', { needId: query.needId });
    if (query.productId) qb.andWhere('s.productId = :productId', { productId: query.productId });
    if (query.overdue !== undefined) {
      const now = this.clock.now();
      qb.andWhere(
        query.overdue
          ? "s.status = 'requested' AND s.respondBy < :now"
          : "NOT (s.status = 'requested' AND s.respondBy IS NOT NULL AND s.respondBy < :now)",
        { now },
      );
    }
    const total = await qb.getCount();
    const sessions = await qb
      .orderBy('s.createdAt', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize)
      .getMany();
    const parts = await this.partsOf(sessions);
    const now = this.clock.now();
    return pageOf(
      sessions.map((s, i) => toDockingSessionView(s, parts[i], rightsOf(user, s), now)),
      total,
      query,
    );
  }

  async transition(
    user: AuthUser,
    id: string,
    dto: DockingTransitionDto,
  ): Promise<DockingSessionView> {
    const session = await this.visible(user, id);
    const party = partyOf(user, session);
    const verdict = dockingMove(session.status, dto.action, party, session.initiatedBy);
    if (!verdict.ok && verdict.reason === 'not_allowed') {
      throw new AppError('DOCKING_ACTION_FORBIDDEN', {
        message: `The ${party} side may not ${dto.action} this session.`,
        details: { action: dto.action, party },
      });
    }
    if (!verdict.ok) throw statusConflict(session.status, dto.action);
    const changes = await this.changesFor(session, dto);
    await this.move(session, verdict.to, changes, {
      action: dto.action,
      actorId: user.id,
      actorRole: party,
      data: dataOf(dto),
    });
    // The actor sees the result with the rights it acted with, even when a reassignment
    // just handed the session to another commissioner.
    const after = await this.dataSource.getRepository(DockingSession).findOneByOrFail({ id });
    return this.viewOf(after, rightsOf(user, session));
  }

  /** The system's move: a request that waited too long. Answers whether it moved. */
  async expire(session: DockingSession): Promise<boolean> {
    const verdict = dockingMove(session.status, 'expire', 'system', session.initiatedBy);
    if (!verdict.ok) return false;
    try {
      await this.move(
        session,
        verdict.to,
        {},
        {
          action: 'expire',
          actorId: null,
          actorRole: 'system',
          data: {},
        },
      );
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'DOCKING_SESSION_CHANGED') return false;
      throw error;
    }
  }

  /** Whether the user takes part in the session (chat rooms ask this). */
  async participates(user: AuthUser, id: string): Promise<DockingSession | null> {
    const session = await this.dataSource.getRepository(DockingSession).findOneBy({ id });
    return session && partyOrNull(user, session) ? session : null;
  }

  private async open(
    manager: EntityManager,
    user: AuthUser,
    dto: CreateDockingSessionDto,
    openKey: string,
  ): Promise<string> {
    const need = await manager.findOneBy(Need, { id: dto.needId });
    const product = await manager.findOneBy(Product, { id: dto.productId });
    const needOrg = need ? await manager.findOneBy(Organization, { id: need.orgId }) : null;
    const productOrg = product
      ? await manager.findOneBy(Organization, { id: product.orgId })
      : null;
    const initiator = user.role === 'enterprise' ? 'enterprise' : 'institution';
    // Each side sees only what it may: its own need or product, the other side's public one.
    const needVisible =
      need &&
      needOrg &&
      (initiator === 'enterprise'
        ? need.orgId === user.orgId
        : ['published', 'docking'].includes(need.status) && needOrg.status !== 'suspended');
    if (!need || !needOrg || !needVisible) throw new AppError('NEED_NOT_FOUND');
    const productVisible =
      product &&
      productOrg &&
      (initiator === 'institution'
        ? product.orgId === user.orgId && product.status === 'published'
        : isListed(product, productOrg));
    if (!product || !productOrg || !productVisible) throw new AppError('PRODUCT_NOT_FOUND');
    if (need.status !== 'published' && need.status !== 'docking') {
      throw new AppError('DOCKING_NEED_NOT_OPEN', { details: { status: need.status } });
    }
    await this.assertEligible(need, needOrg, product);
    const existing = await manager.findOneBy(DockingSession, { openKey });
    if (existing) throw sessionExists(existing.id);

    const now = this.clock.now();
    const id = newId();
    await manager.insert(DockingSession, {
      id,
      needId: need.id,
      productId: product.id,
      enterpriseOrgId: needOrg.id,
      institutionOrgId: productOrg.id,
      commissionerId: needOrg.commissionerId,
      initiatedBy: initiator,
      status: 'requested',
      openKey,
      respondBy:
        initiator === 'enterprise' ? addWorkingDays(now, this.slaDays, this.calendar) : null,
      overdueAt: null,
      acceptedAt: null,
      approvedAmount: null,
      disbursedAmount: null,
      rejectReason: null,
      rejectNote: null,
      suggestions: null,
      version: 1,
    });
    await manager.insert(DockingEvent, {
      id: newId(),
      sessionId: id,
      seq: 1,
      action: initiator === 'enterprise' ? 'request' : 'invite',
      fromStatus: null,
      toStatus: 'requested',
      actorId: user.id,
      actorRole: initiator,
      data: dto.note ? { note: dto.note } : {},
    });
    if (need.status === 'published') await this.needs.markDocking(need.id, manager);
    await this.storedMatches.markApplied(need.id, product.id, manager);
    await this.notifier.opened(
      manager,
      {
        session: {
          id,
          enterpriseOrgId: needOrg.id,
          institutionOrgId: productOrg.id,
          commissionerId: needOrg.commissionerId,
        },
        needTitle: need.title,
        productName: product.name,
      },
      initiator,
      user.id,
    );
    return id;
  }

  /**
   * A roadshow lead (路演对接): an institution that heard an enterprise pitch invites one of the
   * enterprise's open needs with one of its own published products, inside the caller's
   * transaction, so the lead and its session are written together. The need is the one named,
   * or else the enterprise's newest open need the product's rules allow. An open session of the
   * pair is reused. Answers null when no open need of the enterprise fits the product: the
   * caller then keeps the lead alone, and the enterprise may still apply later.
   */
  async inviteForLead(
    manager: EntityManager,
    user: AuthUser,
    lead: { enterpriseOrgId: string; productId: string; needId?: string; note?: string },
  ): Promise<{ sessionId: string; opened: boolean } | null> {
    if (user.role !== 'institution') {
      throw new AppError('FORBIDDEN', { message: 'Only institutions invite needs.' });
    }
    if (user.orgStatus !== 'verified') throw new AppError('ORGANIZATION_NOT_VERIFIED');
    const product = await manager.findOneBy(Product, {
      id: lead.productId,
      orgId: user.orgId,
      status: 'published',
    });
    if (!product) throw new AppError('PRODUCT_NOT_FOUND');
    const org = await manager.findOneBy(Organization, {
      id: lead.enterpriseOrgId,
      kind: 'enterprise',
    });
    if (!org) throw new AppError('ORGANIZATION_NOT_FOUND');
    const openNeed = In(['published', 'docking']);
    const needs = lead.needId
      ? await manager.findBy(Need, { id: lead.needId, orgId: org.id, status: openNeed })
      : await manager.find(Need, {
          where: { orgId: org.id, status: openNeed },
          order: { publishedAt: 'DESC', id: 'ASC' },
        });
    if (lead.needId && needs.length === 0) throw new AppError('NEED_NOT_FOUND');
    for (const need of needs) {
      const openKey = `${need.id}:${product.id}`;
      const existing = await manager.findOneBy(DockingSession, { openKey });
      if (existing) return { sessionId: existing.id, opened: false };
      // A need named outright is refused with the rules it fails; otherwise try the next one.
      if (!lead.needId && (await this.ruleCheck(need, org, product)).failed.length > 0) continue;
      const id = await this.open(
        manager,
        user,
        { needId: need.id, productId: product.id, note: lead.note },
        openKey,
      );
      return { sessionId: id, opened: true };
    }
    return null;
  }

  /** The pair must pass the product's hard rules, said the way a near miss says it. */
  private async assertEligible(need: Need, org: Organization, product: Product): Promise<void> {
    const { failed, facts, terms, context } = await this.ruleCheck(need, org, product);
    if (failed.length === 0) return;
    throw new AppError('DOCKING_NOT_ELIGIBLE', {
      details: failed.map((rule) => ({
        rule: rule.code,
        label: rule.label,
        message: rule.fix(facts, terms, context),
      })),
    });
  }

  /** The product's hard rules the pair fails, with what a fix message needs. */
  private async ruleCheck(need: Need, org: Organization, product: Product) {
    const today = chinaDate(this.clock.now());
    const status = (await this.whitelist.statusFor([org.id], today)).get(org.id);
    const facts = needFactsOf(need, org, status ?? { whitelisted: false, qualifications: [] });
    const terms = productFactsOf(product);
    const context = { thisYear: Number(today.slice(0, 4)) };
    return { failed: failedRules(facts, terms, context), facts, terms, context };
  }

  /** What the action writes besides the status, after checking what it carries. */
  private async changesFor(
    session: DockingSession,
    dto: DockingTransitionDto,
  ): Promise<Partial<DockingSession>> {
    const now = this.clock.now();
    switch (dto.action) {
      case 'accept':
        return { acceptedAt: now };
      case 'approve_credit':
        return { approvedAmount: required(dto.amount, 'amount') };
      case 'disburse': {
        const amount = required(dto.amount, 'amount');
        if (session.approvedAmount !== null && amount > session.approvedAmount) {
          throw invalid('amount', 'exceedsApproved', 'amount must not exceed the approved credit');
        }
        return { disbursedAmount: amount };
      }
      case 'reject': {
        const reason = required(dto.reason, 'reason');
        if (reason === 'other' && !dto.note) {
          throw invalid('note', 'required', 'note is required when the reason is other');
        }
        return {
          rejectReason: reason,
          rejectNote: dto.note ?? null,
          suggestions: await this.suggestionsAfterRejection(session),
        };
      }
      case 'reassign': {
        const commissionerId = required(dto.commissionerId, 'commissionerId');
        const commissioner = await this.dataSource
          .getRepository(User)
          .findOneBy({ id: commissionerId, role: 'commissioner', status: 'active' });
        if (!commissioner) {
          throw invalid(
            'commissionerId',
            'notCommissioner',
            'commissionerId must name an active commissioner',
          );
        }
        return { commissionerId };
      }
      case 'request_info':
      case 'provide_info':
      case 'withdraw':
      case 'close':
        return {};
    }
  }

  /**
   * The enterprise's next best products, the rejecting institution left out. Best effort: when
   * search is down the rejection still goes through, without suggestions.
   */
  private async suggestionsAfterRejection(
    session: DockingSession,
  ): Promise<DockingSuggestion[] | null> {
    try {
      const need = await this.dataSource
        .getRepository(Need)
        .findOneByOrFail({ id: session.needId });
      const org = await this.dataSource
        .getRepository(Organization)
        .findOneByOrFail({ id: session.enterpriseOrgId });
      const today = chinaDate(this.clock.now());
      const status = (await this.whitelist.statusFor([org.id], today)).get(org.id);
      const facts = needFactsOf(need, org, status ?? { whitelisted: false, qualifications: [] });
      const result = await this.engine.productsFor(
        facts,
        need.title,
        { thisYear: Number(today.slice(0, 4)) },
        SUGGESTIONS,
        [`orgId != ${filterValue(session.institutionOrgId)}`],
      );
      return result.matches.map((match) => ({
        productId: match.document.id,
        name: match.document.name,
        institutionName: match.document.institutionName,
        score: match.score,
      }));
    } catch (error) {
      this.logger.warn(`no suggestions for session ${session.id}: ${String(error)}`);
      return null;
    }
  }

  /** Writes a move if the session is still as it was read, with its timeline line and need. */
  private async move(
    session: DockingSession,
    to: DockingStatus,
    changes: Partial<DockingSession>,
    event: Pick<DockingEvent, 'action' | 'actorId' | 'actorRole' | 'data'>,
  ): Promise<void> {
    const ends =
      FINAL_DOCKING_STATUSES.includes(to) && !FINAL_DOCKING_STATUSES.includes(session.status);
    await this.transactions.run(async (manager) => {
      const updated = await manager.update(
        DockingSession,
        { id: session.id, version: session.version },
        {
          ...changes,
          status: to,
          version: session.version + 1,
          ...(ends ? { openKey: null } : {}),
        },
      );
      if (updated.affected !== 1) throw new AppError('DOCKING_SESSION_CHANGED');
      await manager.insert(DockingEvent, {
        id: newId(),
        sessionId: session.id,
        seq: session.version + 1,
        fromStatus: session.status,
        toStatus: to,
        ...event,
      });
      await this.followNeed(manager, session, to, ends);
      await this.notifier.moved(manager, await this.subjectOf(manager, session), {
        action: event.action as DockingAction | 'expire',
        to,
        seq: session.version + 1,
        actorId: event.actorId,
      });
    });
  }

  /** Money disbursed satisfies the need; the last open session ending puts it back on the market. */
  private async followNeed(
    manager: EntityManager,
    session: DockingSession,
    to: DockingStatus,
    ends: boolean,
  ): Promise<void> {
    const need = await manager.findOneBy(Need, { id: session.needId });
    if (!need || need.status !== 'docking') return;
    if (to === 'disbursed') {
      await this.needs.markSatisfied(need.id, manager);
      return;
    }
    if (!ends) return;
    const stillOpen = await manager.countBy(DockingSession, {
      needId: need.id,
      openKey: Not(IsNull()),
    });
    if (stillOpen === 0) await this.needs.reopen(need.id, manager);
  }

  /** What notifications say of the session. */
  async subjectOf(manager: EntityManager, session: DockingSession): Promise<DockingSubject> {
    const need = await manager.findOneByOrFail(Need, { id: session.needId });
    const product = await manager.findOneByOrFail(Product, { id: session.productId });
    return { session, needTitle: need.title, productName: product.name };
  }

  /** The session if the user takes part in it; another tenant's is not found. */
  private async visible(user: AuthUser, id: string): Promise<DockingSession> {
    const session = await this.dataSource.getRepository(DockingSession).findOneBy({ id });
    if (!session || !partyOrNull(user, session)) throw new AppError('DOCKING_SESSION_NOT_FOUND');
    return session;
  }

  private async partsOf(sessions: DockingSession[]): Promise<DockingParts[]> {
    if (sessions.length === 0) return [];
    const unique = (values: string[]) => [...new Set(values)];
    const [needs, products, orgs] = await Promise.all([
      this.dataSource.getRepository(Need).findBy({ id: In(unique(sessions.map((s) => s.needId))) }),
      this.dataSource
        .getRepository(Product)
        .findBy({ id: In(unique(sessions.map((s) => s.productId))) }),
      this.dataSource.getRepository(Organization).findBy({
        id: In(unique(sessions.flatMap((s) => [s.enterpriseOrgId, s.institutionOrgId]))),
      }),
    ]);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const [needById, productById, orgById] = [byId(needs), byId(products), byId(orgs)];
    return sessions.map((s) => {
      const need = needById.get(s.needId);
      const product = productById.get(s.productId);
      const enterprise = orgById.get(s.enterpriseOrgId);
      const institution = orgById.get(s.institutionOrgId);
      if (!need || !product || !enterprise || !institution) {
        throw new Error(`docking session ${s.id} lost its need, product or organization`);
      }
      return { need, product, enterprise, institution };
    });
  }

  /** Sessions owing an answer whose deadline passed and that nobody has marked yet. */
  findNewlyOverdue(now: Date, limit: number): Promise<DockingSession[]> {
    return this.dataSource.getRepository(DockingSession).find({
      where: { status: 'requested', respondBy: LessThan(now), overdueAt: IsNull() },
      order: { respondBy: 'ASC' },
      take: limit,
    });
  }
}

function partyOf(user: AuthUser, session: DockingSession): DockingParty {
  const party = partyOrNull(user, session);
  if (!party) throw new AppError('DOCKING_SESSION_NOT_FOUND');
  return party;
}

function rightsOf(user: AuthUser, session: DockingSession): DockingViewerRights {
  const party = partyOrNull(user, session);
  const enterpriseSide = party === 'enterprise' || party === 'commissioner' || party === 'admin';
  return {
    contacts: enterpriseSide || revealsContacts(session.acceptedAt),
    suggestions: enterpriseSide,
  };
}

function dataOf(dto: DockingTransitionDto): Record<string, string | number | null> {
  const data: Record<string, string | number | null> = {};
  if (dto.amount !== undefined) data.amount = dto.amount;
  if (dto.reason !== undefined) data.reason = dto.reason;
  if (dto.note !== undefined) data.note = dto.note;
  if (dto.commissionerId !== undefined) data.commissionerId = dto.commissionerId;
  return data;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalid(field, 'required', `${field} is required for this action`);
  return value;
}

function invalid(field: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ field, code, message }] });
}

function statusConflict(status: DockingStatus, action: string): AppError {
  return new AppError('DOCKING_STATUS_CONFLICT', {
    message: `A ${status} session cannot take the action ${action}.`,
    details: { status, action },
  });
}

function sessionExists(id: string | null): AppError {
  return new AppError('DOCKING_SESSION_EXISTS', { details: { sessionId: id } });
}
