import { AppError, MATCH_STATUS_CODES, pageOf, skipOf } from '@app/core';
import type { Page } from '@app/core';
import { TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Organization } from '@app/identity';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository, SelectQueryBuilder } from 'typeorm';
import type { ListMatchesQuery } from './list-matches.query';
import { assertMatchMove } from './match-status';
import { StoredMatch } from './stored-match.entity';
import { MatchSummaries, StoredMatchView, toStoredMatchView } from './stored-match.view';
import type { UpdateMatchDto } from './update-match.dto';

/** Reads of a match that another request keeps moving, before giving up with a conflict. */
const STATUS_TRIES = 3;

/**
 * The stored matches as their parties see them: an enterprise the matches of its needs, an
 * institution those of its products, a commissioner those of its portfolio, admins all.
 */
@Injectable()
export class StoredMatchesService {
  constructor(
    @InjectRepository(StoredMatch) private readonly matches: Repository<StoredMatch>,
    @InjectRepository(Need) private readonly needs: Repository<Need>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Best first; a filter on another tenant's need or product finds nothing. */
  async list(user: AuthUser, query: ListMatchesQuery): Promise<Page<StoredMatchView>> {
    const rows = this.matches.createQueryBuilder('m');
    this.visibleTo(user, rows);
    if (query.needId) rows.andWhere('m.need_id = :needId', { needId: query.needId });
    if (query.productId) rows.andWhere('m.product_id = :productId', { productId: query.productId });
    if (query.status) rows.andWhere('m.status = :status', { status: query.status });
    const [items, total] = await rows
      .orderBy('m.score', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize)
      .getManyAndCount();
    const summaries = await this.summariesOf(items);
    return pageOf(
      items.map((item) => toStoredMatchView(item, summaries)),
      total,
      query,
    );
  }

  /** A party marks its match viewed or dismissed; another tenant's match is not found. */
  async setStatus(user: AuthUser, id: string, dto: UpdateMatchDto): Promise<StoredMatchView> {
    const where = partyWhere(user, id);
    if (!where) throw new AppError('MATCH_NOT_FOUND');
    const match = await this.transactions.run(async (manager) => {
      for (let attempt = 1; ; attempt++) {
        const current = await manager.findOneBy(StoredMatch, where);
        if (!current) throw new AppError('MATCH_NOT_FOUND');
        assertMatchMove(current.status, dto.status);
        if (current.status === dto.status) return current;
        // Conditional on the status read: a move that raced in is judged again, not overwritten.
        const moved = await manager.update(
          StoredMatch,
          { id, status: current.status },
          { status: dto.status },
        );
        if (moved.affected === 1) return manager.findOneByOrFail(StoredMatch, { id });
        if (attempt >= STATUS_TRIES) throw new AppError('MATCH_STATUS_CONFLICT');
      }
    });
    return toStoredMatchView(match, await this.summariesOf([match]));
  }

  /**
   * Docking calls this when an enterprise applies to a product for a need: the stored match
   * (if the worker stored one) becomes applied and stays as history. Answers whether one did.
   */
  async markApplied(needId: string, productId: string, manager?: EntityManager): Promise<boolean> {
    const work = async (m: EntityManager) => {
      const moved = await m.update(
        StoredMatch,
        { needId, productId, status: In(MATCH_STATUS_CODES.filter((s) => s !== 'applied')) },
        { status: 'applied' },
      );
      return (moved.affected ?? 0) > 0;
    };
    return manager ? work(manager) : this.transactions.run(work);
  }

  private visibleTo(user: AuthUser, rows: SelectQueryBuilder<StoredMatch>): void {
    switch (user.role) {
      case 'admin':
        return;
      case 'enterprise':
        rows.where('m.need_org_id = :orgId', { orgId: user.orgId });
        return;
      case 'institution':
        rows.where('m.product_org_id = :orgId', { orgId: user.orgId });
        return;
      case 'commissioner': {
        const portfolio = rows
          .subQuery()
          .select('o.id')
          .from(Organization, 'o')
          .where('o.commissioner_id = :commissionerId')
          .getQuery();
        rows.where(`m.need_org_id IN ${portfolio}`, { commissionerId: user.id });
        return;
      }
    }
  }

  private async summariesOf(matches: StoredMatch[]): Promise<MatchSummaries> {
    const ids = (pick: (m: StoredMatch) => string) => [...new Set(matches.map(pick))];
    const needIds = ids((m) => m.needId);
    const productIds = ids((m) => m.productId);
    const orgIds = ids((m) => m.productOrgId);
    if (matches.length === 0) {
      return { needTitles: new Map(), productNames: new Map(), institutionNames: new Map() };
    }
    const [needs, products, orgs] = await Promise.all([
      this.needs.find({ select: { id: true, title: true }, where: { id: In(needIds) } }),
      this.products.find({ select: { id: true, name: true }, where: { id: In(productIds) } }),
      this.orgs.find({ select: { id: true, name: true }, where: { id: In(orgIds) } }),
    ]);
    return {
      needTitles: new Map(needs.map((need) => [need.id, need.title])),
      productNames: new Map(products.map((product) => [product.id, product.name])),
      institutionNames: new Map(orgs.map((org) => [org.id, org.name])),
    };
  }
}

/** The match as a party sees it: the enterprise of its need or the institution of its product. */
function partyWhere(user: AuthUser, id: string): FindOptionsWhere<StoredMatch> | null {
  if (user.role === 'enterprise') return { id, needOrgId: user.orgId };
  if (user.role === 'institution') return { id, productOrgId: user.orgId };
  return null;
}
