import { FUNDING_TYPES, GUARANTEES, labelOf, NEED_PURPOSES } from '@app/core';
import { Clock } from '@app/core';
import { Organization } from '@app/identity';
import { batchesById, type SearchIndexDefinition } from '@app/search';
import { chinaDate, WhitelistService, type WhitelistStatus } from '@app/whitelist';
import { DataSource, In } from 'typeorm';
import { Need } from './need.entity';
import { NEED_SYNONYM_WORDS } from './needs-synonyms';

export const NEEDS_INDEX = 'needs';

/**
 * A published need as institutions search it, with what matching filters on from its
 * enterprise and the bureau's whitelist. No contacts.
 */
export interface NeedDocument {
  id: string;
  title: string;
  description: string;
  amount: number;
  termMonths: number;
  purpose: string;
  purposeLabel: string;
  fundingTypes: string[];
  fundingTypeLabels: string[];
  guarantees: string[];
  guaranteeLabels: string[];
  maxRateBps: number;
  /** Epoch ms of the fundBy day (00:00 UTC). */
  fundBy: number;
  status: string;
  orgId: string;
  enterpriseName: string;
  district: string | null;
  industry: string | null;
  /** Declared by the enterprise or confirmed by the whitelist. */
  qualifications: string[];
  /** On an active entry of a published whitelist batch today. */
  whitelisted: boolean;
  /** The qualifications the whitelist confirms (empty when not whitelisted). */
  whitelistQualifications: string[];
  foundedYear: number | null;
  annualRevenue: number | null;
  publishedAt: number | null;
  /** NEED_CARD_FIELDS of this document as a JSON object: what searches read back. */
  card: string;
  /** Every word of each synonym group its text mentions (see SynonymWords). */
  synonymWords: string[];
}

/** The fields a document is made of; the rest is derived from them. */
export type NeedDocumentFields = Omit<NeedDocument, 'card' | 'synonymWords'>;

/**
 * What a need shows wherever an institution meets it in matches: its terms and the enterprise's
 * standing, never contacts (the index has none) nor the long description. Read back as one JSON
 * string for the reason PRODUCT_CARD_FIELDS gives (on 100,000 needs, the product -> needs
 * multi-search 7.4 ms -> 5.9 ms).
 */
export const NEED_CARD_FIELDS = [
  'id',
  'title',
  'amount',
  'termMonths',
  'purpose',
  'fundingTypes',
  'guarantees',
  'maxRateBps',
  'fundBy',
  'orgId',
  'enterpriseName',
  'district',
  'industry',
  'qualifications',
  'whitelisted',
  'foundedYear',
  'annualRevenue',
  'publishedAt',
] as const satisfies readonly (keyof NeedDocument)[];

export type NeedCard = Pick<NeedDocument, (typeof NEED_CARD_FIELDS)[number]>;

/** The document with what is derived from its fields: the card and the synonym words. */
export function finishNeedDocument(fields: NeedDocumentFields): NeedDocument {
  const card: Partial<Record<keyof NeedCard, unknown>> = {};
  for (const key of NEED_CARD_FIELDS) card[key] = fields[key];
  const synonymWords = NEED_SYNONYM_WORDS.in([
    fields.title,
    fields.description,
    fields.enterpriseName,
    fields.purposeLabel,
    ...fields.fundingTypeLabels,
    ...fields.guaranteeLabels,
  ]);
  return { ...fields, card: JSON.stringify(card), synonymWords };
}

export function toNeedDocument(
  need: Need,
  org: Organization,
  whitelist: Pick<WhitelistStatus, 'whitelisted' | 'qualifications'>,
): NeedDocument {
  return finishNeedDocument({
    id: need.id,
    title: need.title,
    description: need.description,
    amount: need.amount,
    termMonths: need.termMonths,
    purpose: need.purpose,
    purposeLabel: labelOf(NEED_PURPOSES, need.purpose),
    fundingTypes: need.fundingTypes,
    fundingTypeLabels: need.fundingTypes.map((code) => labelOf(FUNDING_TYPES, code)),
    guarantees: need.guarantees,
    guaranteeLabels: need.guarantees.map((code) => labelOf(GUARANTEES, code)),
    maxRateBps: need.maxRateBps,
    fundBy: Date.parse(`${need.fundBy}T00:00:00Z`),
    status: need.status,
    orgId: need.orgId,
    enterpriseName: org.name,
    district: org.district,
    industry: org.industry,
    qualifications: [...new Set([...org.qualifications, ...whitelist.qualifications])],
    whitelisted: whitelist.whitelisted,
    whitelistQualifications: whitelist.qualifications,
    foundedYear: org.foundedOn ? Number(org.foundedOn.slice(0, 4)) : null,
    annualRevenue: org.annualRevenue,
    publishedAt: need.publishedAt?.getTime() ?? null,
  });
}

/**
 * Only published needs of organizations in good standing are documents: any other id is left
 * out, so the consumer deletes it.
 */
async function documentsOf(sources: NeedSources, needs: Need[]): Promise<NeedDocument[]> {
  const published = needs.filter((need) => need.status === 'published');
  if (published.length === 0) return [];
  const orgIds = [...new Set(published.map((need) => need.orgId))];
  const [orgs, whitelist] = await Promise.all([
    sources.dataSource.getRepository(Organization).findBy({ id: In(orgIds) }),
    sources.whitelist.statusFor(orgIds, chinaDate(sources.clock.now())),
  ]);
  const byId = new Map(orgs.map((org) => [org.id, org]));
  return published.flatMap((need) => {
    const org = byId.get(need.orgId);
    const status = whitelist.get(need.orgId) ?? { whitelisted: false, qualifications: [] };
    // A suspended organization's needs leave the search until an admin reinstates it.
    return org && org.status !== 'suspended' ? [toNeedDocument(need, org, status)] : [];
  });
}

/** Where a need document's parts come from. */
export interface NeedSources {
  dataSource: DataSource;
  whitelist: WhitelistService;
  clock: Clock;
}

export function needsSearchIndex(sources: NeedSources): SearchIndexDefinition<NeedDocument> {
  const repo = sources.dataSource.getRepository(Need);
  return {
    name: NEEDS_INDEX,
    primaryKey: 'id',
    // Documents carry a packed `card` since shape 2, their synonym words since shape 3.
    shape: '3-synonym-words',
    settings: {
      searchableAttributes: [
        'title',
        'description',
        'enterpriseName',
        'purposeLabel',
        'fundingTypeLabels',
        'guaranteeLabels',
        // Last: a word the text has beats a word it only means.
        'synonymWords',
      ],
      filterableAttributes: [
        'status',
        'orgId',
        'district',
        'industry',
        'purpose',
        'fundingTypes',
        'guarantees',
        'qualifications',
        'amount',
        'termMonths',
        'maxRateBps',
        'fundBy',
        'foundedYear',
        'annualRevenue',
        'publishedAt',
        'whitelisted',
        'whitelistQualifications',
      ],
      sortableAttributes: ['publishedAt', 'amount', 'fundBy', 'termMonths', 'maxRateBps', 'id'],
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
      // Lists ask for ids and read the rows back from the database; matching reads the card.
      // Nothing else is displayed, which keeps every hit cheap to build (see NEED_CARD_FIELDS).
      displayedAttributes: ['id', 'card'],
      // Synonyms are in the documents (synonymWords); this clears an older deployment's.
      synonyms: {},
      pagination: { maxTotalHits: 10_000 },
    },
    load: async (ids) => documentsOf(sources, await repo.findBy({ id: In(ids) })),
    loadAll: async function* (batchSize) {
      for await (const rows of batchesById(repo, { status: 'published' }, batchSize))
        yield await documentsOf(sources, rows);
    },
  };
}

/** Needs whose documents carry these organizations' data: the published ones. */
export async function publishedNeedIdsOfOrgs(
  dataSource: DataSource,
  orgIds: string[],
): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await dataSource
    .getRepository(Need)
    .find({ select: { id: true }, where: { orgId: In(orgIds), status: 'published' } });
  return rows.map((row) => row.id);
}
