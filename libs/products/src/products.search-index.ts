import { FUNDING_TYPES, GUARANTEES, labelOf, PRODUCT_KINDS } from '@app/core';
import { Organization } from '@app/identity';
import { batchesById, type SearchIndexDefinition } from '@app/search';
import { DataSource, In, Repository } from 'typeorm';
import { Product } from './product.entity';
import { isListed } from './product-listing';
import { PRODUCT_SYNONYMS } from './products-synonyms';

export const PRODUCTS_INDEX = 'products';

/**
 * The catalog's face of a product, flat so every rule filters with a plain attribute. The
 * Chinese labels ride along so that 信用贷 finds credit_loan without the client knowing codes.
 */
export interface ProductDocument {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  description: string;
  amountMin: number;
  amountMax: number;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinBps: number;
  rateMaxBps: number;
  guarantees: string[];
  guaranteeLabels: string[];
  fundingTypes: string[];
  fundingTypeLabels: string[];
  requiresWhitelist: boolean;
  qualificationsAny: string[];
  districts: string[];
  industries: string[];
  minYearsFounded: number | null;
  minAnnualRevenue: number | null;
  approvalDays: number;
  status: string;
  orgId: string;
  institutionName: string;
  institutionKind: string;
  /** Epoch milliseconds, so it sorts and filters as a number. */
  publishedAt: number;
}

export function toProductDocument(product: Product, org: Organization): ProductDocument {
  return {
    id: product.id,
    name: product.name,
    kind: product.kind,
    kindLabel: labelOf(PRODUCT_KINDS, product.kind),
    description: product.description,
    amountMin: product.amountMin,
    amountMax: product.amountMax,
    termMinMonths: product.termMinMonths,
    termMaxMonths: product.termMaxMonths,
    rateMinBps: product.rateMinBps,
    rateMaxBps: product.rateMaxBps,
    guarantees: product.guarantees,
    guaranteeLabels: product.guarantees.map((code) => labelOf(GUARANTEES, code)),
    fundingTypes: product.fundingTypes,
    fundingTypeLabels: product.fundingTypes.map((code) => labelOf(FUNDING_TYPES, code)),
    requiresWhitelist: product.requiresWhitelist,
    qualificationsAny: product.qualificationsAny,
    districts: product.districts,
    industries: product.industries,
    minYearsFounded: product.minYearsFounded,
    minAnnualRevenue: product.minAnnualRevenue,
    approvalDays: product.approvalDays,
    status: product.status,
    orgId: product.orgId,
    institutionName: org.name,
    institutionKind: org.kind,
    publishedAt: product.publishedAt?.getTime() ?? 0,
  };
}

/** Facet counts the catalog answers with, straight from Meilisearch. */
export const PRODUCT_FACETS = [
  'kind',
  'guarantees',
  'fundingTypes',
  'orgId',
  'institutionKind',
  'rateMinBps',
  'amountMax',
  'termMaxMonths',
];

async function documentsOf(
  orgs: Repository<Organization>,
  products: Product[],
): Promise<ProductDocument[]> {
  const published = products.filter((p) => p.status === 'published');
  if (published.length === 0) return [];
  const orgIds = [...new Set(published.map((p) => p.orgId))];
  const byId = new Map((await orgs.findBy({ id: In(orgIds) })).map((o) => [o.id, o]));
  return published.flatMap((product) => {
    const org = byId.get(product.orgId);
    return org && isListed(product, org) ? [toProductDocument(product, org)] : [];
  });
}

export function productsSearchIndex(
  dataSource: DataSource,
): SearchIndexDefinition<ProductDocument> {
  const products = dataSource.getRepository(Product);
  const orgs = dataSource.getRepository(Organization);
  return {
    name: PRODUCTS_INDEX,
    primaryKey: 'id',
    settings: {
      // Earlier attributes weigh more: a hit in the name beats one in the description.
      searchableAttributes: [
        'name',
        'kindLabel',
        'guaranteeLabels',
        'fundingTypeLabels',
        'institutionName',
        'description',
      ],
      filterableAttributes: [
        'status',
        'kind',
        'guarantees',
        'fundingTypes',
        'orgId',
        'institutionKind',
        'amountMin',
        'amountMax',
        'termMinMonths',
        'termMaxMonths',
        'rateMinBps',
        'rateMaxBps',
        'approvalDays',
        'requiresWhitelist',
        'qualificationsAny',
        'districts',
        'industries',
        'minYearsFounded',
        'minAnnualRevenue',
        'publishedAt',
      ],
      sortableAttributes: ['rateMinBps', 'approvalDays', 'amountMax', 'publishedAt'],
      rankingRules: [
        'words',
        'typo',
        'proximity',
        'attribute',
        'sort',
        'exactness',
        'publishedAt:desc',
      ],
      synonyms: PRODUCT_SYNONYMS,
      pagination: { maxTotalHits: 5_000 },
      faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
      // Chinese words are short: typos only make sense for longer Latin words.
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    },
    load: async (ids) => documentsOf(orgs, await products.findBy({ id: In(ids) })),
    loadAll: async function* (batchSize) {
      for await (const rows of batchesById(products, { status: 'published' }, batchSize))
        yield await documentsOf(orgs, rows);
    },
  };
}
