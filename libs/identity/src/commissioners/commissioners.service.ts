import { AppError } from '@app/core';
import type { District } from '@app/core';
import { OutboxService, TransactionRunner } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { ORGANIZATIONS_INDEX } from '../organizations/organizations.search-index';
import { User } from '../users/user.entity';
import { toUserView, UserView } from '../users/user.view';
import { AssignEnterprisesDto } from './assign-enterprises.dto';
import { CommissionerDistrict } from './commissioner-district.entity';

export interface CommissionerSummary extends UserView {
  districts: District[];
  enterprises: number;
}

export interface AssignmentResult {
  commissionerId: string;
  assigned: number;
  district: District | null;
}

/** Which commissioner accompanies which enterprise: the portfolio later modules rely on. */
@Injectable()
export class CommissionersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    @InjectRepository(CommissionerDistrict)
    private readonly districts: Repository<CommissionerDistrict>,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
  ) {}

  async list(): Promise<CommissionerSummary[]> {
    const commissioners = await this.users.find({
      where: { role: 'commissioner' },
      order: { name: 'ASC' },
    });
    if (commissioners.length === 0) return [];
    const ids = commissioners.map((c) => c.id);
    const [coverage, counts] = await Promise.all([
      this.districts.findBy({ commissionerId: In(ids) }),
      this.orgs
        .createQueryBuilder('o')
        .select('o.commissioner_id', 'commissionerId')
        .addSelect('COUNT(*)', 'count')
        .where('o.commissioner_id IN (:...ids)', { ids })
        .groupBy('o.commissioner_id')
        .getRawMany<{ commissionerId: string; count: number | string }>(),
    ]);
    return commissioners.map((c) => ({
      ...toUserView(c),
      districts: coverage.filter((d) => d.commissionerId === c.id).map((d) => d.district),
      enterprises: Number(counts.find((row) => row.commissionerId === c.id)?.count ?? 0),
    }));
  }

  async assign(commissionerId: string, dto: AssignEnterprisesDto): Promise<AssignmentResult> {
    if (Boolean(dto.orgIds) === Boolean(dto.district)) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: 'orgIds', code: 'oneOf', message: 'give either orgIds or district, not both' },
        ],
      });
    }
    return this.transactions.run(async (manager) => {
      await this.findCommissioner(manager, commissionerId);
      if (dto.district) {
        await manager.upsert(CommissionerDistrict, { district: dto.district, commissionerId }, [
          'district',
        ]);
        const ids = (
          await manager.find(Organization, {
            select: { id: true },
            where: { kind: 'enterprise', district: dto.district },
          })
        ).map((o) => o.id);
        await this.setCommissioner(manager, ids, commissionerId);
        return { commissionerId, assigned: ids.length, district: dto.district };
      }
      const ids = dto.orgIds ?? [];
      const found = await manager.find(Organization, {
        select: { id: true },
        where: { id: In(ids), kind: 'enterprise' },
      });
      if (found.length !== ids.length) {
        const known = new Set(found.map((o) => o.id));
        throw new AppError('ORGANIZATION_NOT_FOUND', {
          message: 'Some ids are not enterprises: nothing was assigned.',
          details: ids
            .filter((id) => !known.has(id))
            .map((id) => ({ field: 'orgIds', code: 'notFound', message: id })),
        });
      }
      await this.setCommissioner(manager, ids, commissionerId);
      return { commissionerId, assigned: ids.length, district: null };
    });
  }

  async unassign(commissionerId: string, orgId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const result = await manager.update(
        Organization,
        { id: orgId, commissionerId },
        { commissionerId: null },
      );
      if (result.affected !== 1) throw new AppError('ORGANIZATION_NOT_FOUND');
      await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, [orgId]);
    });
  }

  private async findCommissioner(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOneBy(User, { id, role: 'commissioner' });
    if (!user) throw new AppError('USER_NOT_FOUND', { message: 'There is no such commissioner.' });
    return user;
  }

  private async setCommissioner(
    manager: EntityManager,
    ids: string[],
    commissionerId: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    await manager.update(Organization, { id: In(ids) }, { commissionerId });
    await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, ids);
  }
}
