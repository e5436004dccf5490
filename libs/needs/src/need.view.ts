import type { Organization } from '@app/identity';
import type { Need } from './need.entity';

/** What an institution (or anyone outside the enterprise) sees of the enterprise. */
export interface NeedEnterprisePublic {
  id: string;
  name: string;
  district: Organization['district'];
  industry: Organization['industry'];
  qualifications: Organization['qualifications'];
}

/** The owner, its commissioner and admins also see how to reach the enterprise. */
export interface NeedEnterpriseFull extends NeedEnterprisePublic {
  contactName: string | null;
  contactPhone: string | null;
}

interface NeedFields {
  id: string;
  orgId: string;
  title: string;
  description: string;
  amount: number;
  termMonths: number;
  purpose: Need['purpose'];
  fundingTypes: Need['fundingTypes'];
  guarantees: Need['guarantees'];
  maxRateBps: number;
  fundBy: string;
  status: Need['status'];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NeedView extends NeedFields {
  createdBy: string;
  enterprise: NeedEnterpriseFull;
}

export interface PublicNeedView extends NeedFields {
  enterprise: NeedEnterprisePublic;
}

function needFields(need: Need): NeedFields {
  return {
    id: need.id,
    orgId: need.orgId,
    title: need.title,
    description: need.description,
    amount: need.amount,
    termMonths: need.termMonths,
    purpose: need.purpose,
    fundingTypes: need.fundingTypes,
    guarantees: need.guarantees,
    maxRateBps: need.maxRateBps,
    fundBy: need.fundBy,
    status: need.status,
    publishedAt: need.publishedAt?.toISOString() ?? null,
    createdAt: need.createdAt.toISOString(),
    updatedAt: need.updatedAt.toISOString(),
  };
}

function enterprisePublic(org: Organization): NeedEnterprisePublic {
  return {
    id: org.id,
    name: org.name,
    district: org.district,
    industry: org.industry,
    qualifications: org.qualifications,
  };
}

export function toNeedView(need: Need, org: Organization): NeedView {
  return {
    ...needFields(need),
    createdBy: need.createdBy,
    enterprise: {
      ...enterprisePublic(org),
      contactName: org.contactName,
      contactPhone: org.contactPhone,
    },
  };
}

/** No contacts and no user ids: built from scratch so that no key can leak by accident. */
export function toPublicNeedView(need: Need, org: Organization): PublicNeedView {
  return { ...needFields(need), enterprise: enterprisePublic(org) };
}
