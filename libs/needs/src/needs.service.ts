import { AppError, Clock, Page, pageOf, skipOf } from '@app/core';
import type { NeedStatus } from '@app/core';
import { newId, OutboxService, TransactionRunner } from '@app/database';
import { Organization } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { SearchIndexes } from '@app/search';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { CreateNeedDto } from './create-need.dto';
import { ListNeedsQuery, NeedSort } from './list-needs.query';
import { Need } from './need.entity';
import { assertNeedEditable, assertNeedMove, needStatusConflict } from './need-status';
import { NeedView, PublicNeedView, toNeedView, toPublicNeedView } from './need.view';
import { NEEDS_INDEX, NeedDocument } from './needs.search-index';
import { assertNeedRanges, needSearchFilter, needSearchSort } from './needs-search-query';
import { UpdateNeedDto } from './update-need.dto';

type Visibility = 'full' | 'public' | 'none';

/** An enterprise's own list: newest created first by default (drafts have no publishedAt). */
const OWN_SORTS: Record<NeedSort, [keyof Need, 'ASC' | 'DESC']> = {
  newest: ['createdAt', 'DESC'],
  amount: ['amount', 'DESC'],
  fundBy: ['fundBy', 'ASC'],
};

/**
 * Who sees a need, and how much. Drafts belong to the enterprise alone. Its members, its
 * commissioner and admins see the rest in full; institutions and other commissioners see
 * published needs without contacts; other enterprises see nothing.
 */
function needVisibility(user: AuthUser, need: Need, org: Organization): Visibility {
  if (user.orgId === need.orgId) return 'full';
  if (need.status === 'draft') return 'none';
  if (user.role === 'admin') return 'full';
  if (user.role === 'commissioner' && org.commissionerId === user.id) return 'full';
  if (need.status !== 'published') return 'none';
  if (user.role === 'institution' || user.role === 'commissioner') return 'public';
  return 'none';
}

function viewFor(user: AuthUser, need: Need, org: Organization): NeedView | PublicNeedView {
  return needVisibility(user, need, org) === 'full'
    ? toNeedView(need, org)
    : toPublicNeedView(need, org);
}

/** A need's fundBy must be after today (UTC): a need for money needed today is already late. */
function assertFundByAhead(fundBy: string | undefined, now: Date): void {
  if (fundBy !== undefined && fundBy <= now.toISOString().slice(0, 10)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'fundBy', code: 'isFuture', message: 'fundBy must be after today' }],
    });
  }
}

/** PartialType lets null through; no need field may be cleared. */
function assertNothingCleared(dto: UpdateNeedDto): void {
  const cleared = Object.entries(dto)
    .filter(([, value]) => value === null)
    .map(([field]) => ({ field, code: 'isDefined', message: `${field} cannot be cleared` }));
  if (cleared.length > 0) throw new AppError('VALIDATION_FAILED', { details: cleared });
}

@Injectable()
export class NeedsService {
  constructor(
    @InjectRepository(Need) private readonly needs: Repository<Need>,
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly search: SearchIndexes,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateNeedDto): Promise<NeedView> {
    assertFundByAhead(dto.fundBy, this.clock.now());
    const need = await this.transactions.run(async (manager) => {
      const row = manager.create(Need, {
        ...dto,
        id: newId(),
        orgId: user.orgId,
        createdBy: user.id,
        status: 'draft',
        publishedAt: null,
      });
      await manager.insert(Need, row);
      return manager.findOneByOrFail(Need, { id: row.id });
    });
    return toNeedView(need, await this.orgs.findOneByOrFail({ id: user.orgId }));
  }

  async get(user: AuthUser, id: string): Promise<NeedView | PublicNeedView> {
    const need = await this.needs.findOneBy({ id });
    const org = need ? await this.orgs.findOneBy({ id: need.orgId }) : null;
    if (!need || !org || needVisibility(user, need, org) === 'none') {
      throw new AppError('NEED_NOT_FOUND');
    }
    return viewFor(user, need, org);
  }

  async update(user: AuthUser, id: string, dto: UpdateNeedDto): Promise<NeedView> {
    assertNothingCleared(dto);
    assertFundByAhead(dto.fundBy, this.clock.now());
    const need = await this.transactions.run(async (manager) => {
      const current = await this.ownNeed(manager, user, id);
      assertNeedEditable(current.status);
      const changes = Object.fromEntries(
        Object.entries(dto).filter(([, value]) => value !== undefined),
      ) as Partial<Need>;
      if (Object.keys(changes).length === 0) return current;
      // Conditional on the status read: a concurrent publish/withdraw wins, this edit is refused.
      const moved = await manager.update(
        Need,
        { id, orgId: user.orgId, status: current.status },
        changes,
      );
      if (moved.affected !== 1) throw await this.conflictAfterRace(manager, id, 'edited');
      if (current.status === 'published') await this.outbox.enqueue(manager, NEEDS_INDEX, [id]);
      return manager.findOneByOrFail(Need, { id });
    });
    return toNeedView(need, await this.orgs.findOneByOrFail({ id: user.orgId }));
  }

  async publish(user: AuthUser, id: string): Promise<NeedView> {
    const need = await this.transactions.run(async (manager) => {
      const current = await this.ownNeed(manager, user, id);
      const org = await manager.findOneByOrFail(Organization, { id: user.orgId });
      if (org.status !== 'verified') throw new AppError('ORGANIZATION_NOT_VERIFIED');
      // Back from docking only through the docking module, when its last session ends.
      if (current.status === 'docking') throw needStatusConflict(current.status, 'published');
      assertNeedMove(current.status, 'published');
      assertFundByAhead(current.fundBy, this.clock.now());
      return this.move(manager, current, 'published', { publishedAt: this.clock.now() });
    });
    return toNeedView(need, await this.orgs.findOneByOrFail({ id: user.orgId }));
  }

  async withdraw(user: AuthUser, id: string): Promise<NeedView> {
    const need = await this.transactions.run(async (manager) => {
      const current = await this.ownNeed(manager, user, id);
      assertNeedMove(current.status, 'withdrawn');
      return this.move(manager, current, 'withdrawn');
    });
    return toNeedView(need, await this.orgs.findOneByOrFail({ id: user.orgId }));
  }

  /** A docking session opened on this need (called by the docking module, in its transaction). */
  markDocking(id: string, manager?: EntityManager): Promise<Need> {
    return this.moveById(id, 'docking', manager);
  }

  /** The last docking session ended without money: the need is on the market again. */
  reopen(id: string, manager?: EntityManager): Promise<Need> {
    return this.moveById(id, 'published', manager);
  }

  /** The need got its money (called by the docking module). */
  markSatisfied(id: string, manager?: EntityManager): Promise<Need> {
    return this.moveById(id, 'satisfied', manager);
  }

  /** The need as the matching and docking modules read it, without a caller's view. */
  findById(id: string): Promise<Need | null> {
    return this.needs.findOneBy({ id });
  }

  async list(user: AuthUser, query: ListNeedsQuery): Promise<Page<NeedView | PublicNeedView>> {
    assertNeedRanges(query);
    if (user.role === 'enterprise') return this.listOwn(user, query);
    if (query.status !== undefined && query.status !== 'published') {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          {
            field: 'status',
            code: 'publishedOnly',
            message: 'only published needs are listed outside their enterprise',
          },
        ],
      });
    }
    const result = await this.search.search<NeedDocument>(NEEDS_INDEX, query.q ?? '', {
      filter: needSearchFilter(query),
      sort: needSearchSort(query),
      page: query.page,
      hitsPerPage: query.pageSize,
      attributesToRetrieve: ['id'],
    });
    const ids = result.hits.map((hit) => hit.id);
    if (ids.length === 0) return pageOf([], result.totalHits ?? 0, query);
    const needs = await this.needs.findBy({ id: In(ids) });
    const orgs = await this.orgsOf(needs);
    const byId = new Map(needs.map((need) => [need.id, need]));
    // The database is the truth: a need withdrawn a moment ago may still be in the index.
    const items = ids.flatMap((id) => {
      const need = byId.get(id);
      const org = need && orgs.get(need.orgId);
      return need && org && need.status === 'published' ? [viewFor(user, need, org)] : [];
    });
    return pageOf(items, result.totalHits ?? items.length, query);
  }

  /** An enterprise's own needs, every status, straight from the database. */
  private async listOwn(user: AuthUser, query: ListNeedsQuery): Promise<Page<NeedView>> {
    const rows = this.needs
      .createQueryBuilder('n')
      .where('n.orgId = :orgId', { orgId: user.orgId });
    if (query.status) rows.andWhere('n.status = :status', { status: query.status });
    if (query.purpose) rows.andWhere('n.purpose = :purpose', { purpose: query.purpose });
    if (query.q) {
      // '!' as the escape character reads the same on MySQL and SQLite.
      rows.andWhere("(n.title LIKE :q ESCAPE '!' OR n.description LIKE :q ESCAPE '!')", {
        q: `%${query.q.replace(/[!%_]/g, (c) => `!${c}`)}%`,
      });
    }
    const [field, direction] = OWN_SORTS[query.sort ?? 'newest'];
    const order = query.order ? (query.order === 'asc' ? 'ASC' : 'DESC') : direction;
    const [needs, total] = await rows
      .orderBy(`n.${field}`, order)
      .addOrderBy('n.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize)
      .getManyAndCount();
    const org = await this.orgs.findOneByOrFail({ id: user.orgId });
    return pageOf(
      needs.map((need) => toNeedView(need, org)),
      total,
      query,
    );
  }

  /** The caller's own need, read for a change; another tenant's id is simply not found. */
  private async ownNeed(manager: EntityManager, user: AuthUser, id: string): Promise<Need> {
    const need = await manager.findOneBy(Need, { id, orgId: user.orgId });
    if (!need) throw new AppError('NEED_NOT_FOUND');
    return need;
  }

  private async moveById(id: string, to: NeedStatus, manager?: EntityManager): Promise<Need> {
    const work = async (m: EntityManager) => {
      const current = await m.findOneBy(Need, { id });
      if (!current) throw new AppError('NEED_NOT_FOUND');
      assertNeedMove(current.status, to);
      return this.move(m, current, to);
    };
    return manager ? work(manager) : this.transactions.run(work);
  }

  /**
   * Moves a need conditionally on the status it was read in, so two concurrent moves cannot
   * both succeed; queues its document when the move enters or leaves the index.
   */
  private async move(
    manager: EntityManager,
    current: Need,
    to: NeedStatus,
    extra: Partial<Need> = {},
  ): Promise<Need> {
    const moved = await manager.update(
      Need,
      { id: current.id, status: current.status },
      { status: to, ...extra },
    );
    if (moved.affected !== 1) throw await this.conflictAfterRace(manager, current.id, to);
    if (current.status === 'published' || to === 'published') {
      await this.outbox.enqueue(manager, NEEDS_INDEX, [current.id]);
    }
    return manager.findOneByOrFail(Need, { id: current.id });
  }

  private async conflictAfterRace(
    manager: EntityManager,
    id: string,
    to: NeedStatus | 'edited',
  ): Promise<AppError> {
    const now = await manager.findOneBy(Need, { id });
    return now ? needStatusConflict(now.status, to) : new AppError('NEED_NOT_FOUND');
  }

  private async orgsOf(needs: Need[]): Promise<Map<string, Organization>> {
    const ids = [...new Set(needs.map((need) => need.orgId))];
    if (ids.length === 0) return new Map();
    const orgs = await this.orgs.findBy({ id: In(ids) });
    return new Map(orgs.map((org) => [org.id, org]));
  }
}
