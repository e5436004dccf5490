import { AppError, Clock, Page, pageOf, skipOf } from '@app/core';
import { newId, OutboxService, TransactionRunner } from '@app/database';
import { ORGANIZATIONS_INDEX, Organization } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository } from 'typeorm';
import { WhitelistEntry } from '../entries/whitelist-entry.entity';
import { batchAllows, batchTarget, type BatchAction } from './batch-status';
import { CreateBatchDto } from './create-batch.dto';
import { ListBatchesQuery } from './list-batches.query';
import { WhitelistBatch } from './whitelist-batch.entity';
import { toWhitelistBatchView, WhitelistBatchView } from './whitelist-batch.view';

/** Batches are the bureau's: every method here is for admins (the controller says so). */
@Injectable()
export class WhitelistBatchesService {
  constructor(
    @InjectRepository(WhitelistBatch) private readonly batches: Repository<WhitelistBatch>,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateBatchDto): Promise<WhitelistBatchView> {
    const batch = await this.transactions.run(async (manager) => {
      const id = newId();
      await manager.insert(WhitelistBatch, {
        id,
        year: dto.year,
        name: dto.name,
        status: 'draft',
        publishedAt: null,
        revokedAt: null,
      });
      return manager.findOneByOrFail(WhitelistBatch, { id });
    });
    return toWhitelistBatchView(batch, 0);
  }

  async list(query: ListBatchesQuery): Promise<Page<WhitelistBatchView>> {
    const where: FindOptionsWhere<WhitelistBatch> = {};
    if (query.year) where.year = query.year;
    if (query.status) where.status = query.status;
    const [rows, total] = await this.batches.findAndCount({
      where,
      order: { year: 'DESC', createdAt: 'DESC', id: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    const counts = await entryCounts(
      this.batches.manager,
      rows.map((batch) => batch.id),
    );
    return pageOf(
      rows.map((batch) => toWhitelistBatchView(batch, counts.get(batch.id) ?? 0)),
      total,
      query,
    );
  }

  async get(id: string): Promise<WhitelistBatchView> {
    const batch = await this.batches.findOneBy({ id });
    if (!batch) throw new AppError('WHITELIST_BATCH_NOT_FOUND');
    const counts = await entryCounts(this.batches.manager, [id]);
    return toWhitelistBatchView(batch, counts.get(id) ?? 0);
  }

  /**
   * Publishing and revoking change the whitelist status of every registered enterprise in the
   * batch, so their organizations are queued for the documents that carry it.
   */
  async move(id: string, action: Exclude<BatchAction, 'import'>): Promise<WhitelistBatchView> {
    const target = batchTarget(action);
    const batch = await this.transactions.run(async (manager) => {
      const current = await manager.findOneBy(WhitelistBatch, { id });
      if (!current) throw new AppError('WHITELIST_BATCH_NOT_FOUND');
      if (!batchAllows(current.status, action)) {
        throw new AppError('WHITELIST_BATCH_STATUS_CONFLICT', {
          message: `A ${current.status} batch cannot be ${target}.`,
          details: { from: current.status, to: target },
        });
      }
      const now = this.clock.now();
      const moved = await manager.update(
        WhitelistBatch,
        { id, status: current.status },
        action === 'publish'
          ? { status: target, publishedAt: now }
          : { status: target, revokedAt: now },
      );
      // Another admin moved it since it was read: this move was decided on a stale status.
      if (moved.affected !== 1) {
        throw new AppError('WHITELIST_BATCH_STATUS_CONFLICT', {
          message: 'Another administrator changed this batch meanwhile: reload it.',
          details: { to: target },
        });
      }
      await this.outbox.enqueue(
        manager,
        ORGANIZATIONS_INDEX,
        await registeredOrgIdsOf(manager, id),
      );
      return manager.findOneByOrFail(WhitelistBatch, { id });
    });
    const counts = await entryCounts(this.batches.manager, [id]);
    return toWhitelistBatchView(batch, counts.get(id) ?? 0);
  }
}

async function entryCounts(
  manager: EntityManager,
  batchIds: string[],
): Promise<Map<string, number>> {
  if (batchIds.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder(WhitelistEntry, 'e')
    .select('e.batch_id', 'batchId')
    .addSelect('COUNT(*)', 'count')
    .where({ batchId: In(batchIds) })
    .groupBy('e.batch_id')
    .getRawMany<{ batchId: string; count: string | number }>();
  return new Map(rows.map((row) => [row.batchId, Number(row.count)]));
}

/** Registered organizations with an entry in the batch, joined on the credit code. */
async function registeredOrgIdsOf(manager: EntityManager, batchId: string): Promise<string[]> {
  const rows = await manager
    .createQueryBuilder(Organization, 'o')
    .select('o.id', 'id')
    .innerJoin(WhitelistEntry, 'e', 'e.credit_code = o.credit_code')
    .where('e.batch_id = :batchId', { batchId })
    .getRawMany<{ id: string }>();
  return rows.map((row) => row.id);
}
