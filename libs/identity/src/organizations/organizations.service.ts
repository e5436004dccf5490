import { AppError, Clock, INSTITUTION_KINDS, Page, pageOf, skipOf } from '@app/core';
import type { OrganizationKind, OrganizationStatus } from '@app/core';
import { OutboxService, TransactionRunner } from '@app/database';
import { filterString, filterValue, SearchIndexes } from '@app/search';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { PrincipalCache } from '../auth/principal-cache';
import { RefreshTokensService } from '../auth/refresh-tokens.service';
import { SignInEnder } from '../auth/sign-in-ender';
import { TenantPolicy } from '../tenancy/tenant-policy';
import { ListOrganizationsQuery } from './list-organizations.query';
import { Organization } from './organization.entity';
import {
  OrganizationView,
  PublicOrganizationView,
  toOrganizationView,
  toPublicOrganizationView,
} from './organization.view';
import { ORGANIZATIONS_INDEX, OrganizationDocument } from './organizations.search-index';
import { UpdateOrganizationDto } from './update-organization.dto';

/** Kinds anyone signed in may browse: the institutions and the service center. */
const DIRECTORY_KINDS: OrganizationKind[] = [...INSTITUTION_KINDS, 'service_center'];

/** The moves an admin may make, from -> allowed targets. */
const STATUS_MOVES: Record<OrganizationStatus, OrganizationStatus[]> = {
  pending: ['verified', 'suspended'],
  verified: ['suspended'],
  suspended: ['verified'],
};

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly search: SearchIndexes,
    private readonly principals: PrincipalCache,
    private readonly refreshTokens: RefreshTokensService,
    private readonly signIns: SignInEnder,
    private readonly clock: Clock,
  ) {}

  /** Saves an organization and queues its search document, in the caller's transaction. */
  async insert(manager: EntityManager, org: Organization): Promise<Organization> {
    await manager.insert(Organization, org);
    await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, [org.id]);
    return org;
  }

  async findById(id: string): Promise<Organization | null> {
    return this.orgs.findOneBy({ id });
  }

  async get(user: AuthUser, id: string): Promise<OrganizationView | PublicOrganizationView> {
    const org = await this.orgs.findOneBy({ id });
    const visibility = org ? TenantPolicy.organizationVisibility(user, org) : 'none';
    if (!org || visibility === 'none') throw new AppError('ORGANIZATION_NOT_FOUND');
    return visibility === 'full' ? toOrganizationView(org) : toPublicOrganizationView(org);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    if (!TenantPolicy.actsFor(user, id)) throw new AppError('ORGANIZATION_NOT_FOUND');
    if (dto.name !== undefined && user.role !== 'admin') {
      throw new AppError('FORBIDDEN', {
        message: 'The registered name changes only through an administrator.',
        details: [{ field: 'name', code: 'admin_only', message: 'name is changed by admins' }],
      });
    }
    assertFoundedOnNotFuture(dto.foundedOn, this.clock.now());
    const org = await this.transactions.run(async (manager) => {
      const current = await manager.findOneBy(Organization, { id });
      if (!current) throw new AppError('ORGANIZATION_NOT_FOUND');
      assertRequiredKept(dto, current.kind);
      const changes = Object.fromEntries(
        Object.entries(dto).filter(([, value]) => value !== undefined),
      ) as Partial<Organization>;
      if (Object.keys(changes).length > 0) {
        await manager.update(Organization, { id }, changes);
        await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, [id]);
      }
      return manager.findOneByOrFail(Organization, { id });
    });
    return toOrganizationView(org);
  }

  /** Admin verification (or reinstatement); suspension is the same move the other way. */
  async setStatus(id: string, target: OrganizationStatus): Promise<OrganizationView> {
    let ended: string[] = [];
    const org = await this.transactions.run(async (manager) => {
      const current = await manager.findOneBy(Organization, { id });
      if (!current || current.kind === 'service_center')
        throw new AppError('ORGANIZATION_NOT_FOUND');
      if (!STATUS_MOVES[current.status].includes(target)) {
        throw new AppError('ORGANIZATION_STATUS_CONFLICT', {
          message: `An organization that is ${current.status} cannot become ${target}.`,
          details: { from: current.status, to: target },
        });
      }
      const verifiedAt = target === 'verified' ? this.clock.now() : current.verifiedAt;
      const moved = await manager.update(
        Organization,
        { id, status: current.status },
        { status: target, verifiedAt },
      );
      // Another admin moved it since it was read: this move was decided on a stale status.
      if (moved.affected !== 1) {
        throw new AppError('ORGANIZATION_STATUS_CONFLICT', {
          message: 'Another administrator changed this organization meanwhile: reload it.',
          details: { to: target },
        });
      }
      // Its users sign in again once reinstated: nothing issued before outlives a suspension.
      if (target === 'suspended') {
        ended = await this.refreshTokens.revokeAllForOrganization(manager, id);
      }
      await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, [id]);
      return manager.findOneByOrFail(Organization, { id });
    });
    this.principals.forgetOrganization(id);
    this.signIns.announce(ended, 'ACCOUNT_SUSPENDED');
    return toOrganizationView(org);
  }

  async list(
    user: AuthUser,
    query: ListOrganizationsQuery,
  ): Promise<Page<OrganizationView | PublicOrganizationView>> {
    const staff = user.role === 'admin' || user.role === 'commissioner';
    let kinds: OrganizationKind[] | undefined = query.kind ? [query.kind] : undefined;
    let status = query.status;
    if (!staff) {
      kinds = (kinds ?? DIRECTORY_KINDS).filter((k) => DIRECTORY_KINDS.includes(k));
      status = 'verified';
      if (kinds.length === 0) return pageOf([], 0, query);
    }
    const { rows, total } = query.q
      ? await this.searchRows(query, kinds, status)
      : await this.queryRows(query, kinds, status);
    const items = rows.map((org) =>
      TenantPolicy.organizationVisibility(user, org) === 'full'
        ? toOrganizationView(org)
        : toPublicOrganizationView(org),
    );
    return pageOf(items, total, query);
  }

  private async queryRows(
    query: ListOrganizationsQuery,
    kinds: OrganizationKind[] | undefined,
    status: OrganizationStatus | undefined,
  ): Promise<{ rows: Organization[]; total: number }> {
    const where: FindOptionsWhere<Organization> = {};
    if (kinds) where.kind = In(kinds);
    if (status) where.status = status;
    if (query.district) where.district = query.district;
    if (query.industry) where.industry = query.industry;
    const [rows, total] = await this.orgs.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    return { rows, total };
  }

  private async searchRows(
    query: ListOrganizationsQuery,
    kinds: OrganizationKind[] | undefined,
    status: OrganizationStatus | undefined,
  ): Promise<{ rows: Organization[]; total: number }> {
    const filter = [
      kinds ? filterString('kind', kinds) : null,
      status ? `status = ${filterValue(status)}` : null,
      query.district ? `district = ${filterValue(query.district)}` : null,
      query.industry ? `industry = ${filterValue(query.industry)}` : null,
    ].filter((f): f is string => f !== null);
    const result = await this.search.search<OrganizationDocument>(
      ORGANIZATIONS_INDEX,
      query.q ?? '',
      {
        filter,
        page: query.page,
        hitsPerPage: query.pageSize,
      },
    );
    const ids = result.hits.map((hit) => hit.id);
    if (ids.length === 0) return { rows: [], total: result.totalHits ?? 0 };
    const byId = new Map((await this.orgs.findBy({ id: In(ids) })).map((o) => [o.id, o]));
    const rows = ids.map((id) => byId.get(id)).filter((o): o is Organization => o !== undefined);
    return { rows, total: result.totalHits ?? rows.length };
  }
}

/**
 * The validators let `null` through optional fields, which clears them; the fields every
 * profile has (those registration asks for) cannot be cleared.
 */
function assertRequiredKept(dto: UpdateOrganizationDto, kind: OrganizationKind): void {
  const required: (keyof UpdateOrganizationDto)[] = ['name', 'district', 'qualifications'];
  if (kind === 'enterprise') required.push('industry');
  const cleared = required.filter((field) => dto[field] === null);
  if (cleared.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: cleared.map((field) => ({
        field,
        code: 'isDefined',
        message: `${field} cannot be cleared`,
      })),
    });
  }
}

export function assertFoundedOnNotFuture(foundedOn: string | undefined, now: Date): void {
  if (foundedOn && foundedOn > now.toISOString().slice(0, 10)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        { field: 'foundedOn', code: 'not_in_future', message: 'foundedOn cannot be in the future' },
      ],
    });
  }
}
