import { AppError, Clock, Page, pageOf, skipOf } from '@app/core';
import type { ProductStatus } from '@app/core';
import { newId, OutboxService, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Organization, TenantPolicy } from '@app/identity';
import { SearchIndexes } from '@app/search';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository } from 'typeorm';
import { catalogFilter, catalogSort } from './catalog-filter';
import { CreateProductDto } from './create-product.dto';
import { ListProductsQuery } from './list-products.query';
import { Product } from './product.entity';
import { isListed } from './product-listing';
import { assertRanges } from './product-ranges';
import { assertEditable, assertMove } from './product-status';
import { CatalogInstitutionFacet, CatalogPage } from './product-page.view';
import { ProductView, toProductView } from './product.view';
import { PRODUCT_FACETS, PRODUCTS_INDEX, ProductDocument } from './products.search-index';
import { UpdateProductDto } from './update-product.dto';

/** The owner's moves, each a route of its own. */
export type ProductMove = Extract<ProductStatus, 'published' | 'suspended' | 'retired'>;

/** Query parameters that only mean something to a catalog search, not to `mine=true`. */
const CATALOG_ONLY: (keyof ListProductsQuery)[] = [
  'q',
  'kind',
  'guarantees',
  'fundingTypes',
  'orgId',
  'amount',
  'termMonths',
  'maxRateBps',
  'district',
  'industry',
  'requiresWhitelist',
  'sort',
];

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly search: SearchIndexes,
    private readonly clock: Clock,
  ) {}

  /** A new draft of the caller's institution; pending institutions may draft too. */
  async create(user: AuthUser, dto: CreateProductDto): Promise<ProductView> {
    if (user.role !== 'institution' || !TenantPolicy.isInstitutionKind(user.orgKind)) {
      throw new AppError('FORBIDDEN', { message: 'Only financial institutions offer products.' });
    }
    assertRanges(dto);
    const eligibility = dto.eligibility ?? {};
    const product = this.products.create({
      id: newId(),
      orgId: user.orgId,
      name: dto.name,
      kind: dto.kind,
      description: dto.description,
      amountMin: dto.amountMin,
      amountMax: dto.amountMax,
      termMinMonths: dto.termMinMonths,
      termMaxMonths: dto.termMaxMonths,
      rateMinBps: dto.rateMinBps,
      rateMaxBps: dto.rateMaxBps,
      guarantees: dto.guarantees,
      fundingTypes: dto.fundingTypes,
      requiresWhitelist: eligibility.requiresWhitelist ?? false,
      qualificationsAny: eligibility.qualificationsAny ?? [],
      districts: eligibility.districts ?? [],
      industries: eligibility.industries ?? [],
      minYearsFounded: eligibility.minYearsFounded ?? null,
      minAnnualRevenue: eligibility.minAnnualRevenue ?? null,
      approvalDays: dto.approvalDays,
      status: 'draft',
      publishedAt: null,
    });
    // A draft is in no index: nothing to queue until it is published.
    const saved = await this.transactions.run(async (manager) => {
      await manager.insert(Product, product);
      return manager.findOneByOrFail(Product, { id: product.id });
    });
    return this.viewOf(saved);
  }

  /** Published products to anyone; every status to the owner and to admins. */
  async get(user: AuthUser | undefined, id: string): Promise<ProductView> {
    const product = await this.products.findOneBy({ id });
    const org = product ? await this.orgs.findOneBy({ id: product.orgId }) : null;
    if (!product || !org) throw new AppError('PRODUCT_NOT_FOUND');
    const privileged = user !== undefined && TenantPolicy.actsFor(user, product.orgId);
    if (!privileged && !isListed(product, org)) throw new AppError('PRODUCT_NOT_FOUND');
    return toProductView(product, org);
  }

  async update(user: AuthUser, id: string, dto: UpdateProductDto): Promise<ProductView> {
    const saved = await this.transactions.run(async (manager) => {
      const current = await this.ownedProduct(manager, user, id);
      assertEditable(current.status);
      const changes = changesOf(current, dto);
      if (Object.keys(changes).length === 0) return current;
      const updated = await manager.update(
        Product,
        { id, orgId: current.orgId, status: current.status },
        changes,
      );
      // Moved by another request since it was read (retired, say): don't write over that.
      if (updated.affected !== 1) throw staleConflict();
      if (current.status === 'published') await this.outbox.enqueue(manager, PRODUCTS_INDEX, [id]);
      return manager.findOneByOrFail(Product, { id });
    });
    return this.viewOf(saved);
  }

  /** publish, suspend or retire one of the caller's products. */
  async move(user: AuthUser, id: string, to: ProductMove): Promise<ProductView> {
    const saved = await this.transactions.run(async (manager) => {
      const current = await this.ownedProduct(manager, user, id);
      assertMove(current.status, to);
      if (to === 'published' && user.orgStatus !== 'verified') {
        throw new AppError('ORGANIZATION_NOT_VERIFIED', {
          message: 'Your organization must be verified before its products go on the shelf.',
        });
      }
      const publishedAt = to === 'published' ? this.clock.now() : current.publishedAt;
      const moved = await manager.update(
        Product,
        { id, orgId: current.orgId, status: current.status },
        { status: to, publishedAt },
      );
      if (moved.affected !== 1) throw staleConflict();
      // Publishing adds the document; the consumer deletes it for any other status.
      await this.outbox.enqueue(manager, PRODUCTS_INDEX, [id]);
      return manager.findOneByOrFail(Product, { id });
    });
    return this.viewOf(saved);
  }

  /** `mine=true`: the caller's own products from the database; otherwise the public catalog. */
  async list(
    user: AuthUser | undefined,
    query: ListProductsQuery,
  ): Promise<Page<ProductView> | CatalogPage> {
    if (query.mine) return this.listMine(user, query);
    if (query.status !== undefined) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: 'status', code: 'mine_only', message: 'status filters only with mine=true' },
        ],
      });
    }
    return this.catalog(query);
  }

  private async listMine(
    user: AuthUser | undefined,
    query: ListProductsQuery,
  ): Promise<Page<ProductView>> {
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (user.role !== 'institution') {
      throw new AppError('FORBIDDEN', { message: 'Only institutions have products of their own.' });
    }
    const ignored = CATALOG_ONLY.filter((field) => query[field] !== undefined);
    if (ignored.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        details: ignored.map((field) => ({
          field,
          code: 'catalog_only',
          message: `${field} filters the catalog, not mine=true`,
        })),
      });
    }
    const where: FindOptionsWhere<Product> = { orgId: user.orgId };
    if (query.status) where.status = query.status;
    const [rows, total] = await this.products.findAndCount({
      where,
      order: { updatedAt: 'DESC', id: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    const org = await this.orgs.findOneByOrFail({ id: user.orgId });
    return pageOf(
      rows.map((row) => toProductView(row, org)),
      total,
      query,
    );
  }

  private async catalog(query: ListProductsQuery): Promise<CatalogPage> {
    const result = await this.search.search<ProductDocument>(PRODUCTS_INDEX, query.q ?? '', {
      filter: catalogFilter(query),
      sort: catalogSort(query.sort ?? 'relevance'),
      facets: PRODUCT_FACETS,
      page: query.page,
      hitsPerPage: query.pageSize,
      attributesToRetrieve: ['id'],
    });
    const ids = result.hits.map((hit) => hit.id);
    const rows = ids.length > 0 ? await this.products.findBy({ id: In(ids) }) : [];
    const distribution = result.facetDistribution ?? {};
    const facetOrgIds = Object.keys(distribution.orgId ?? {});
    const orgIds = [...new Set([...rows.map((row) => row.orgId), ...facetOrgIds])];
    const orgs = new Map(
      (orgIds.length > 0 ? await this.orgs.findBy({ id: In(orgIds) }) : []).map((o) => [o.id, o]),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    // The database is the truth: a document the consumer has not removed yet is left out.
    const items = ids.flatMap((id) => {
      const product = byId.get(id);
      const org = product && orgs.get(product.orgId);
      return product && org && isListed(product, org) ? [toProductView(product, org)] : [];
    });
    return {
      ...pageOf(items, result.totalHits ?? items.length, query),
      facets: {
        distribution,
        stats: result.facetStats ?? {},
        institutions: institutionFacet(distribution.orgId ?? {}, orgs),
      },
    };
  }

  /** The product if it belongs to the caller's organization; another tenant's is not found. */
  private async ownedProduct(manager: EntityManager, user: AuthUser, id: string): Promise<Product> {
    const product = await manager.findOneBy(Product, { id, orgId: user.orgId });
    if (!product) throw new AppError('PRODUCT_NOT_FOUND');
    return product;
  }

  private async viewOf(product: Product): Promise<ProductView> {
    return toProductView(product, await this.orgs.findOneByOrFail({ id: product.orgId }));
  }
}

/**
 * What a PATCH changes, with every range checked low to high against the stored ends. Also what
 * the matching engine's what-if reads, so both agree on what a change means.
 */
export function changesOf(current: Product, dto: UpdateProductDto): Partial<Product> {
  const { eligibility, ...fields } = dto;
  const changes: Partial<Product> = { ...definedOnly(fields), ...definedOnly(eligibility ?? {}) };
  assertRanges({ ...current, ...changes });
  return changes;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * The orgId facet by name. An institution suspended since its products were indexed is left
 * out, as its products are.
 */
function institutionFacet(
  counts: Record<string, number>,
  orgs: Map<string, Organization>,
): CatalogInstitutionFacet[] {
  return Object.entries(counts)
    .flatMap(([id, count]) => {
      const org = orgs.get(id);
      return org && org.status !== 'suspended'
        ? [{ id, name: org.name, kind: org.kind, count }]
        : [];
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
}

function staleConflict(): AppError {
  return new AppError('PRODUCT_STATUS_CONFLICT', {
    message: 'The product changed meanwhile: reload it.',
  });
}
