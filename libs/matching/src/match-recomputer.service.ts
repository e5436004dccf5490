import { Clock } from '@app/core';
import { lockConflict, newId, TransactionRunner } from '@app/database';
import { Organization, User } from '@app/identity';
import { Need } from '@app/needs';
import { NotificationsService } from '@app/notifications';
import { isListed, Product } from '@app/products';
import { chinaDate, WhitelistService } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MatchEngine } from './match-engine.service';
import type { MatchContext } from './match-facts';
import { needFactsOf, needFactsOfDocument, productFactsOf } from './match-facts.sources';
import {
  MATCH_NOTIFY_MIN_SCORE,
  MatchNotice,
  newNeedNotification,
  newProductNotification,
} from './match-notifications';
import { type MatchReason, scoreMatch } from './match-score';
import { needIsOpen, NeedSide, pairStillMatches, ProductSide } from './match-sides';
import { OPEN_MATCH_STATUSES } from './match-status';
import { StoredMatch } from './stored-match.entity';

/** Matches stored for each need or product that is recomputed: its best ones. */
export const RECOMPUTE_TOP_N = 20;
/**
 * Needs or products of one outbox batch recomputed at once: their searches overlap, and their
 * transactions are short and touch different rows.
 */
const RECOMPUTE_CONCURRENCY = 4;
/** Tries of one recomputation that the database broke off to undo a lock cycle. */
const LOCK_CONFLICT_TRIES = 5;

/** A pair the engine found, with the text relevance its score counts. */
interface Candidate {
  needId: string;
  productId: string;
  relevance: number;
}

/** A candidate that still holds, scored from the database's facts. */
interface Scored extends Candidate {
  score: number;
  reasons: MatchReason[];
}

/** What one recomputation read in its transaction, and what the engine found before it. */
interface Settlement {
  candidates: Candidate[];
  /** Stored rows of the need or product recomputed. */
  existing: StoredMatch[];
  needs: Map<string, NeedSide>;
  products: Map<string, ProductSide>;
  context: MatchContext;
}

/**
 * Keeps the stored matches of a need or a product in step with the engine (the handlers of the
 * need-matches and product-matches topics). For each one: search its best matches, then in one
 * transaction check them against the database's rows with the reference rules, upsert them
 * (scores and reasons; a party's status stays), delete its open rows that no longer hold, and
 * notify the parties of new pairs that score well. A pair scores the same from either side.
 *
 * Running it again changes nothing; two workers running it at once meet on the unique keys of
 * matches and notifications, so neither a pair nor a notification is stored twice. The need and
 * product rows are shared-locked first: a status change waits for the transaction, so the
 * recomputation it queues runs after this one and sees it.
 */
@Injectable()
export class MatchRecomputer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly engine: MatchEngine,
    private readonly whitelist: WhitelistService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  recomputeNeeds(needIds: string[]): Promise<void> {
    return eachAtOnce(needIds, RECOMPUTE_CONCURRENCY, (needId) => this.recomputeNeed(needId));
  }

  recomputeProducts(productIds: string[]): Promise<void> {
    return eachAtOnce(productIds, RECOMPUTE_CONCURRENCY, (productId) =>
      this.recomputeProduct(productId),
    );
  }

  async recomputeNeed(needId: string): Promise<void> {
    const today = chinaDate(this.clock.now());
    const context = contextOf(today);
    // The search is the slow part: it runs before the transaction and holds no lock.
    const subject = (await this.needSides(this.dataSource.manager, [needId], today)).get(needId);
    const found =
      subject && needIsOpen(subject)
        ? await this.engine.productsFor(subject.facts, subject.need.title, context, RECOMPUTE_TOP_N)
        : undefined;
    const candidates = (found?.matches ?? []).map((match) => ({
      needId,
      productId: match.document.id,
      relevance: match.relevance,
    }));
    const known = await this.storedOf({ needId });
    await this.retryingLockConflicts(() =>
      this.transactions.run(async (manager) => {
        await this.shareLock(manager, Need, [needId]);
        await this.shareLock(manager, Product, [
          ...candidates.map((c) => c.productId),
          ...known.map((row) => row.productId),
        ]);
        const needs = await this.needSides(manager, [needId], today);
        const existing = await manager.findBy(StoredMatch, { needId });
        const products = await this.productSides(manager, [
          ...candidates.map((c) => c.productId),
          ...existing.map((row) => row.productId),
        ]);
        await this.settle(manager, { candidates, existing, needs, products, context });
      }),
    );
  }

  async recomputeProduct(productId: string): Promise<void> {
    const today = chinaDate(this.clock.now());
    const context = contextOf(today);
    const subject = (await this.productSides(this.dataSource.manager, [productId])).get(productId);
    const found =
      subject && isListed(subject.product, subject.org)
        ? await this.engine.needsFor(subject.facts, subject.product.name, context, RECOMPUTE_TOP_N)
        : undefined;
    const matched = (found?.matches ?? []).map((match) => match.document);
    // The needs were found by the product's name; their scores count the need's words, as a
    // recomputation of the need would, so a pair's score does not depend on which side ran last.
    const relevance = await this.engine.productRelevance(
      productId,
      matched.map((need) => ({
        facts: needFactsOfDocument(need),
        text: need.title,
      })),
      context,
      RECOMPUTE_TOP_N,
    );
    const candidates = matched.map((need, i) => ({
      needId: need.id,
      productId,
      relevance: relevance[i],
    }));
    const known = await this.storedOf({ productId });
    await this.retryingLockConflicts(() =>
      this.transactions.run(async (manager) => {
        await this.shareLock(manager, Product, [productId]);
        await this.shareLock(manager, Need, [
          ...candidates.map((c) => c.needId),
          ...known.map((row) => row.needId),
        ]);
        const products = await this.productSides(manager, [productId]);
        const existing = await manager.findBy(StoredMatch, { productId });
        const needs = await this.needSides(
          manager,
          [...candidates.map((c) => c.needId), ...existing.map((row) => row.needId)],
          today,
        );
        await this.settle(manager, { candidates, existing, needs, products, context });
      }),
    );
  }

  private async settle(manager: EntityManager, settlement: Settlement): Promise<void> {
    const { candidates, existing, needs, products, context } = settlement;
    const holds = (pair: { needId: string; productId: string }): boolean => {
      const need = needs.get(pair.needId);
      const product = products.get(pair.productId);
      return (
        need !== undefined && product !== undefined && pairStillMatches(need, product, context)
      );
    };
    const stored = new Map(existing.map((row) => [pairKey(row), row]));
    // Scored from the rows just read under lock, so both sides give a pair the same score.
    const kept: Scored[] = candidates.filter(holds).map((candidate) => ({
      ...candidate,
      ...scoreMatch(
        needs.get(candidate.needId)!.facts,
        products.get(candidate.productId)!.facts,
        candidate.relevance,
      ),
    }));
    const changed = kept.filter((candidate) => {
      const row = stored.get(pairKey(candidate));
      return (
        !row ||
        row.score !== candidate.score ||
        JSON.stringify(row.reasons) !== JSON.stringify(candidate.reasons)
      );
    });
    await this.upsert(manager, changed, needs, products);

    const gone = existing.filter((row) => OPEN_MATCH_STATUSES.includes(row.status) && !holds(row));
    if (gone.length > 0) {
      // Conditional on the status, so a party's dismissal that just committed is kept.
      await manager.delete(StoredMatch, {
        id: In(gone.map((row) => row.id)),
        status: In(OPEN_MATCH_STATUSES),
      });
    }

    const fresh = kept.filter(
      (candidate) => !stored.has(pairKey(candidate)) && candidate.score >= MATCH_NOTIFY_MIN_SCORE,
    );
    await this.notifyParties(manager, fresh, needs, products);
  }

  /** Inserts new pairs and rewrites the score and reasons of known ones; status stays. */
  private async upsert(
    manager: EntityManager,
    candidates: Scored[],
    needs: Map<string, NeedSide>,
    products: Map<string, ProductSide>,
  ): Promise<void> {
    if (candidates.length === 0) return;
    const now = this.clock.now();
    // Pairs in one order everywhere, so concurrent upserts queue on the unique index.
    const rows = [...candidates].sort(byPair).map((candidate) => ({
      id: newId(),
      needId: candidate.needId,
      productId: candidate.productId,
      needOrgId: needs.get(candidate.needId)!.need.orgId,
      productOrgId: products.get(candidate.productId)!.product.orgId,
      score: candidate.score,
      reasons: candidate.reasons,
      status: 'new' as const,
      updatedAt: now,
    }));
    await manager
      .createQueryBuilder()
      .insert()
      .into(StoredMatch)
      .values(rows)
      .orUpdate(['score', 'reasons', 'updated_at'], ['need_id', 'product_id'])
      .execute();
  }

  /**
   * Both parties hear of a new pair: the user who posted the need, and the active account
   * managers of the institution. The dedupe key makes a second telling a no-op.
   */
  private async notifyParties(
    manager: EntityManager,
    fresh: Scored[],
    needs: Map<string, NeedSide>,
    products: Map<string, ProductSide>,
  ): Promise<void> {
    if (fresh.length === 0) return;
    const institutionIds = [...new Set(fresh.map((c) => products.get(c.productId)!.product.orgId))];
    const members = await manager.find(User, {
      select: { id: true, orgId: true },
      where: { orgId: In(institutionIds), role: 'institution', status: 'active' },
    });
    const membersOf = new Map<string, string[]>();
    for (const member of members) {
      membersOf.set(member.orgId, [...(membersOf.get(member.orgId) ?? []), member.id]);
    }
    const items = fresh.flatMap((candidate) => {
      const { need } = needs.get(candidate.needId)!;
      const { product, org } = products.get(candidate.productId)!;
      const notice: MatchNotice = {
        needId: need.id,
        needTitle: need.title,
        needAmount: need.amount,
        needTermMonths: need.termMonths,
        productId: product.id,
        productName: product.name,
        institutionName: org.name,
        score: candidate.score,
      };
      return [
        newProductNotification(notice, need.createdBy),
        ...(membersOf.get(product.orgId) ?? []).map((userId) =>
          newNeedNotification(notice, userId),
        ),
      ];
    });
    await this.notifications.notify(manager, items);
  }

  /** The pairs stored so far, read before the transaction to know which rows to lock. */
  private storedOf(where: { needId: string } | { productId: string }): Promise<StoredMatch[]> {
    return this.dataSource
      .getRepository(StoredMatch)
      .find({ select: { needId: true, productId: true }, where });
  }

  /** Needs by id with their enterprise and whitelist answer. */
  private async needSides(
    manager: EntityManager,
    ids: string[],
    today: string,
  ): Promise<Map<string, NeedSide>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(Need, { id: In(unique) });
    const orgIds = [...new Set(rows.map((need) => need.orgId))];
    const [orgs, whitelist] = await Promise.all([
      orgIds.length > 0 ? manager.findBy(Organization, { id: In(orgIds) }) : [],
      this.whitelist.statusFor(orgIds, today),
    ]);
    const orgById = new Map(orgs.map((org) => [org.id, org]));
    const sides = new Map<string, NeedSide>();
    for (const need of rows) {
      const org = orgById.get(need.orgId);
      if (!org) continue;
      const status = whitelist.get(org.id) ?? { whitelisted: false, qualifications: [] };
      sides.set(need.id, { need, org, facts: needFactsOf(need, org, status) });
    }
    return sides;
  }

  /** Products by id with their institution. */
  private async productSides(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, ProductSide>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(Product, { id: In(unique) });
    const orgIds = [...new Set(rows.map((product) => product.orgId))];
    const orgs = orgIds.length > 0 ? await manager.findBy(Organization, { id: In(orgIds) }) : [];
    const orgById = new Map(orgs.map((org) => [org.id, org]));
    const sides = new Map<string, ProductSide>();
    for (const product of rows) {
      const org = orgById.get(product.orgId);
      if (org) sides.set(product.id, { product, org, facts: productFactsOf(product) });
    }
    return sides;
  }

  /**
   * Shared-locks needs or products before anything is read: the transaction's snapshot starts at
   * its first plain read, so it then shows them as they are locked. Written out because TypeORM
   * says FOR SHARE to any "mysql" server from version 8, which MariaDB does not parse; LOCK IN
   * SHARE MODE works on both.
   */
  private async shareLock(
    manager: EntityManager,
    entity: typeof Need | typeof Product,
    ids: string[],
  ): Promise<void> {
    if (!this.transactions.isMysql || ids.length === 0) return;
    const unique = [...new Set(ids)].sort();
    const table = manager.getRepository(entity).metadata.tableName;
    await manager.query(
      `SELECT id FROM \`${table}\` WHERE id IN (${unique.map(() => '?').join(', ')}) LOCK IN SHARE MODE`,
      unique,
    );
  }

  /**
   * MariaDB may break a lock cycle between two workers by rolling one back; the work is
   * idempotent, so it simply runs again (and the outbox retries it later if it keeps failing).
   */
  private async retryingLockConflicts(work: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!lockConflict(error) || attempt >= LOCK_CONFLICT_TRIES) throw error;
      }
    }
  }
}

/**
 * Runs `work` for the items, `limit` at a time. After a failure no further item starts; the
 * failure is thrown once the ones under way are done, so none runs on behind the caller's back.
 */
async function eachAtOnce<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      try {
        await work(items[next++]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
}

function contextOf(today: string): MatchContext {
  return { thisYear: Number(today.slice(0, 4)) };
}

function pairKey(pair: { needId: string; productId: string }): string {
  return `${pair.needId}\n${pair.productId}`;
}

function byPair(a: Scored, b: Scored): number {
  const ka = pairKey(a);
  const kb = pairKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
