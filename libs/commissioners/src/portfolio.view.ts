import type {
  District,
  DockingStatus,
  Industry,
  MatchStatus,
  NeedStatus,
  OrganizationStatus,
  Qualification,
} from '@app/core';

/** One enterprise of a commissioner's portfolio, with what needs its attention. */
export interface PortfolioEntry {
  enterprise: {
    id: string;
    name: string;
    district: District | null;
    industry: Industry | null;
    qualifications: Qualification[];
    status: OrganizationStatus;
    contactName: string | null;
    contactPhone: string | null;
  };
  whitelist: { whitelisted: boolean; qualifications: Qualification[] };
  needs: {
    id: string;
    title: string;
    amount: number;
    termMonths: number;
    status: NeedStatus;
    fundBy: string;
    publishedAt: string | null;
  }[];
  matches: {
    total: number;
    byStatus: Record<MatchStatus, number>;
    /** The best few not dismissed. */
    top: {
      id: string;
      needId: string;
      productId: string;
      productName: string;
      institutionName: string;
      score: number;
      status: MatchStatus;
    }[];
  };
  /** Overdue first, then open ones by deadline, then the rest (see portfolio-order.ts). */
  dockingSessions: {
    id: string;
    status: DockingStatus;
    overdue: boolean;
    respondBy: string | null;
    need: { id: string; title: string };
    product: { id: string; name: string };
    institution: { id: string; name: string };
    approvedAmount: number | null;
    disbursedAmount: number | null;
    updatedAt: string;
  }[];
  overdueSessions: number;
  /** The day of the latest service log about the enterprise, by anyone. */
  lastContactOn: string | null;
}
