import { MAX_PAGE_SIZE, ORGANIZATION_KIND_CODES } from '@app/core';
import type { Organization } from '@app/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FacetDistribution, FacetStats } from 'meilisearch';
import { ProductView } from './product.view';

/** An institution of the institution facet, by name, so a client need not look ids up. */
export class CatalogInstitutionFacet {
  @ApiProperty({ format: 'uuid', description: 'Filter with orgId.' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KIND_CODES })
  kind!: Organization['kind'];

  @ApiProperty({ description: 'Products of the result offered by it.' })
  count!: number;
}

export class CatalogFacets {
  @ApiProperty({
    description:
      'Products of the whole result per value of kind, guarantees, fundingTypes, orgId, ' +
      'institutionKind, rateMinBps, amountMax and termMaxMonths.',
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
  })
  distribution!: FacetDistribution;

  @ApiProperty({
    description: 'Lowest and highest rateMinBps, amountMax and termMaxMonths of the result.',
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { min: { type: 'number' }, max: { type: 'number' } },
      required: ['min', 'max'],
    },
  })
  stats!: FacetStats;

  @ApiProperty({
    type: [CatalogInstitutionFacet],
    description: 'The orgId facet with names, most products first.',
  })
  institutions!: CatalogInstitutionFacet[];
}

/** A page of products: of the catalog (with its facets), or an institution's own (mine=true). */
export class ProductPage {
  @ApiProperty({ type: [ProductView] })
  items!: ProductView[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty({ maximum: MAX_PAGE_SIZE })
  pageSize!: number;

  @ApiPropertyOptional({ type: CatalogFacets, description: 'The catalog only, not mine=true.' })
  facets?: CatalogFacets;
}

/** The catalog's page: facet counts for the whole result come with it. */
export type CatalogPage = ProductPage & { facets: CatalogFacets };
