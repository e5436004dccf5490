import {
  DISTRICT_CODES,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  INDUSTRY_CODES,
  ORGANIZATION_KIND_CODES,
  PRODUCT_KIND_CODES,
  PRODUCT_STATUS_CODES,
  QUALIFICATION_CODES,
} from '@app/core';
import type { Organization } from '@app/identity';
import { ApiProperty } from '@nestjs/swagger';
import type { Product } from './product.entity';

/** Who may apply; empty lists and null minimums ask nothing. */
export class ProductEligibilityView {
  @ApiProperty({ description: 'Only enterprises on a published whitelist may apply.' })
  requiresWhitelist!: boolean;

  @ApiProperty({ enum: QUALIFICATION_CODES, isArray: true, description: 'Any one suffices.' })
  qualificationsAny!: Product['qualificationsAny'];

  @ApiProperty({ enum: DISTRICT_CODES, isArray: true })
  districts!: Product['districts'];

  @ApiProperty({ enum: INDUSTRY_CODES, isArray: true })
  industries!: Product['industries'];

  @ApiProperty({ type: Number, nullable: true })
  minYearsFounded!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Yuan.' })
  minAnnualRevenue!: number | null;
}

export class ProductInstitutionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KIND_CODES })
  kind!: Organization['kind'];
}

/** A product as the API shows it: the same to everyone allowed to see it. */
export class ProductView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orgId!: string;

  @ApiProperty({ type: ProductInstitutionView })
  institution!: ProductInstitutionView;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: PRODUCT_KIND_CODES })
  kind!: Product['kind'];

  @ApiProperty()
  description!: string;

  @ApiProperty({ description: 'Yuan.' })
  amountMin!: number;

  @ApiProperty({ description: 'Yuan.' })
  amountMax!: number;

  @ApiProperty()
  termMinMonths!: number;

  @ApiProperty()
  termMaxMonths!: number;

  @ApiProperty({ description: 'Basis points a year (385 = 3.85 %).' })
  rateMinBps!: number;

  @ApiProperty({ description: 'Basis points a year.' })
  rateMaxBps!: number;

  @ApiProperty({ enum: GUARANTEE_CODES, isArray: true })
  guarantees!: Product['guarantees'];

  @ApiProperty({ enum: FUNDING_TYPE_CODES, isArray: true })
  fundingTypes!: Product['fundingTypes'];

  @ApiProperty({ type: ProductEligibilityView })
  eligibility!: ProductEligibilityView;

  @ApiProperty({ description: 'Working days the institution takes to approve.' })
  approvalDays!: number;

  @ApiProperty({ enum: PRODUCT_STATUS_CODES })
  status!: Product['status'];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function toProductView(product: Product, org: Organization): ProductView {
  return {
    id: product.id,
    orgId: product.orgId,
    institution: { id: org.id, name: org.name, kind: org.kind },
    name: product.name,
    kind: product.kind,
    description: product.description,
    amountMin: product.amountMin,
    amountMax: product.amountMax,
    termMinMonths: product.termMinMonths,
    termMaxMonths: product.termMaxMonths,
    rateMinBps: product.rateMinBps,
    rateMaxBps: product.rateMaxBps,
    guarantees: product.guarantees,
    fundingTypes: product.fundingTypes,
    eligibility: {
      requiresWhitelist: product.requiresWhitelist,
      qualificationsAny: product.qualificationsAny,
      districts: product.districts,
      industries: product.industries,
      minYearsFounded: product.minYearsFounded,
      minAnnualRevenue: product.minAnnualRevenue,
    },
    approvalDays: product.approvalDays,
    status: product.status,
    publishedAt: product.publishedAt?.toISOString() ?? null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
