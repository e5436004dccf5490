import { batchesById, type SearchIndexDefinition } from '@app/search';
import { DataSource, In } from 'typeorm';
import { Organization } from './organization.entity';

export const ORGANIZATIONS_INDEX = 'organizations';

/** The searchable face of an organization: no contacts, no financials. */
export interface OrganizationDocument {
  id: string;
  kind: string;
  name: string;
  creditCode: string | null;
  district: string | null;
  industry: string | null;
  qualifications: string[];
  status: string;
  commissionerId: string | null;
  createdAt: number;
}

function toDocument(org: Organization): OrganizationDocument {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    creditCode: org.creditCode,
    district: org.district,
    industry: org.industry,
    qualifications: org.qualifications,
    status: org.status,
    commissionerId: org.commissionerId,
    createdAt: org.createdAt.getTime(),
  };
}

export function organizationsSearchIndex(
  dataSource: DataSource,
): SearchIndexDefinition<OrganizationDocument> {
  const repo = dataSource.getRepository(Organization);
  return {
    name: ORGANIZATIONS_INDEX,
    primaryKey: 'id',
    shape: '1',
    settings: {
      searchableAttributes: ['name', 'creditCode'],
      filterableAttributes: [
        'kind',
        'status',
        'district',
        'industry',
        'qualifications',
        'commissionerId',
      ],
      sortableAttributes: ['createdAt', 'name'],
      displayedAttributes: ['id'],
      pagination: { maxTotalHits: 10_000 },
      typoTolerance: { disableOnAttributes: ['creditCode'] },
    },
    load: async (ids) => (await repo.findBy({ id: In(ids) })).map(toDocument),
    loadAll: async function* (batchSize) {
      for await (const rows of batchesById(repo, {}, batchSize)) yield rows.map(toDocument);
    },
  };
}
