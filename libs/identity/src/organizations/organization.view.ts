import type { Organization } from './organization.entity';

/** What the organization itself, its commissioner and admins see. */
export interface OrganizationView {
  id: string;
  kind: Organization['kind'];
  name: string;
  creditCode: string | null;
  district: Organization['district'];
  industry: Organization['industry'];
  qualifications: Organization['qualifications'];
  foundedOn: string | null;
  employees: number | null;
  annualRevenue: number | null;
  rdExpense: number | null;
  ipCount: number | null;
  description: string | null;
  contactName: string | null;
  contactPhone: string | null;
  status: Organization['status'];
  commissionerId: string | null;
  verifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
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
