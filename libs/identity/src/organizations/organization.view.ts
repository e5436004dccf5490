import {
  DISTRICT_CODES,
  INDUSTRY_CODES,
  ORGANIZATION_KIND_CODES,
  ORGANIZATION_STATUS_CODES,
  QUALIFICATION_CODES,
} from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import type { Organization } from './organization.entity';

/** What the organization itself, its commissioner and admins see. */
export class OrganizationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ORGANIZATION_KIND_CODES })
  kind!: Organization['kind'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true, description: '统一社会信用代码.' })
  creditCode!: string | null;

  @ApiProperty({ enum: DISTRICT_CODES, nullable: true })
  district!: Organization['district'];

  @ApiProperty({ enum: INDUSTRY_CODES, nullable: true })
  industry!: Organization['industry'];

  @ApiProperty({ enum: QUALIFICATION_CODES, isArray: true })
  qualifications!: Organization['qualifications'];

  @ApiProperty({ type: String, format: 'date', nullable: true })
  foundedOn!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  employees!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Yuan.' })
  annualRevenue!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Yuan.' })
  rdExpense!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  ipCount!: number | null;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPhone!: string | null;

  @ApiProperty({ enum: ORGANIZATION_STATUS_CODES })
  status!: Organization['status'];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  commissionerId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** What any signed-in user may see of another organization: no contacts, no financials. */
export type PublicOrganizationView = Pick<
  OrganizationView,
  | 'id'
  | 'kind'
  | 'name'
  | 'creditCode'
  | 'district'
  | 'industry'
  | 'qualifications'
  | 'description'
  | 'status'
>;

export function toOrganizationView(org: Organization): OrganizationView {
  return {
    ...toPublicOrganizationView(org),
    foundedOn: org.foundedOn,
    employees: org.employees,
    annualRevenue: org.annualRevenue,
    rdExpense: org.rdExpense,
    ipCount: org.ipCount,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    commissionerId: org.commissionerId,
    verifiedAt: org.verifiedAt?.toISOString() ?? null,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

export function toPublicOrganizationView(org: Organization): PublicOrganizationView {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    creditCode: org.creditCode,
    district: org.district,
    industry: org.industry,
    qualifications: org.qualifications,
    description: org.description,
    status: org.status,
  };
}
