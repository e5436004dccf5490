import { FUNDING_TYPES, GUARANTEES, labelOf, PRODUCT_KINDS } from '@app/core';
import { Organization } from '@app/identity';
import { batchesById, type SearchIndexDefinition } from '@app/search';
import { DataSource, In, Repository } from 'typeorm';
import { Product } from './product.entity';
import { isListed } from './product-listing';
import { PRODUCT_SYNONYM_WORDS } from './products-synonyms';

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
  /** PRODUCT_CARD_FIELDS of this document as a JSON object: what searches read back. */
  card: string;
  /** Every word of each synonym group its text mentions (see SynonymWords). */
  synonymWords: string[];
}

/** The fields a document is made of; the rest is derived from them. */
export type ProductDocumentFields = Omit<ProductDocument, 'card' | 'synonymWords'>;

/**
 * What a product shows wherever it is matched: its terms, its eligibility and who offers it,
 * never the long description. Searches read these back as one JSON string (`card`) and the
 * index displays nothing else but the id: Meilisearch 1.21 builds every hit attribute by
 * attribute, whatever the search asked to retrieve (processing time measured on 2,000 products:
 * 50 hits of these 21 attributes 1.9 ms, of the one card 0.9 ms; the whole need -> products
 * multi-search 8.3 ms -> 6.4 ms).
 */
export const PRODUCT_CARD_FIELDS = [
  'id',
  'name',
  'kind',
  'orgId',
  'institutionName',
  'institutionKind',
  'amountMin',
  'amountMax',
  'termMinMonths',
  'termMaxMonths',
  'rateMinBps',
  'rateMaxBps',
  'guarantees',
  'fundingTypes',
  'approvalDays',
  'requiresWhitelist',
  'qualificationsAny',
  'districts',
  'industries',
  'minYearsFounded',
  'minAnnualRevenue',
] as const satisfies readonly (keyof ProductDocument)[];

export type ProductCard = Pick<ProductDocument, (typeof PRODUCT_CARD_FIELDS)[number]>;

/** The document with what is derived from its fields: the card and the synonym words. */
export function finishProductDocument(fields: ProductDocumentFields): ProductDocument {
  const card: Partial<Record<keyof ProductCard, unknown>> = {};
  for (const key of PRODUCT_CARD_FIELDS) card[key] = fields[key];
  const synonymWords = PRODUCT_SYNONYM_WORDS.in([
    fields.name,
    fields.kindLabel,
    ...fields.guaranteeLabels,
    ...fields.fundingTypeLabels,
    fields.institutionName,
    fields.description,
  ]);
  return { ...fields, card: JSON.stringify(card), synonymWords };
}

export function toProductDocument(product: Product, org: Organization): ProductDocument {
  return finishProductDocument({
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
  });
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
    // Documents carry a packed `card` since shape 2, their synonym words since shape 3.
    shape: '3-synonym-words',
    settings: {
      // Earlier attributes weigh more: a hit in the name beats one in the description.
      searchableAttributes: [
        'name',
        'kindLabel',
        'guaranteeLabels',
        'fundingTypeLabels',
        'institutionName',
        'description',
        // Last: a word the text has beats a word it only means.
        'synonymWords',
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
      // The catalog asks for ids and reads the rows back from the database; matching reads the
      // card. Nothing else is displayed, which keeps every hit cheap to build (see the card).
      displayedAttributes: ['id', 'card'],
      // Synonyms are in the documents (synonymWords); this clears an older deployment's.
      synonyms: {},
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
