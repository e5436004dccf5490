import type { Organization } from '@app/identity';
import type { Product } from './product.entity';

export interface ProductEligibilityView {
  requiresWhitelist: boolean;
  qualificationsAny: Product['qualificationsAny'];
  districts: Product['districts'];
  industries: Product['industries'];
  minYearsFounded: number | null;
  minAnnualRevenue: number | null;
}

/** A product as the API shows it: the same to everyone allowed to see it. */
export interface ProductView {
  id: string;
  orgId: string;
  institution: { id: string; name: string; kind: Organization['kind'] };
  name: string;
  kind: Product['kind'];
  description: string;
  amountMin: number;
  amountMax: number;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinBps: number;
  rateMaxBps: number;
  guarantees: Product['guarantees'];
  fundingTypes: Product['fundingTypes'];
  eligibility: ProductEligibilityView;
  approvalDays: number;
  status: Product['status'];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
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
