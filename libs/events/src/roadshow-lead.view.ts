import type { DockingStatus } from '@app/core';
import type { RoadshowLead } from './roadshow-lead.entity';

/** A lead with where its docking session stands: the trace from a roadshow to a loan. */
export interface RoadshowLeadView {
  id: string;
  eventId: string;
  enterprise: { id: string; name: string };
  institution: { id: string; name: string };
  markedBy: string;
  productId: string | null;
  needId: string | null;
  note: string | null;
  dockingSession: {
    id: string;
    status: DockingStatus;
    approvedAmount: number | null;
    disbursedAmount: number | null;
  } | null;
  createdAt: string;
}

export function toRoadshowLeadView(
  lead: RoadshowLead,
  parts: {
    orgName: (id: string) => string;
    session: RoadshowLeadView['dockingSession'];
  },
): RoadshowLeadView {
  return {
    id: lead.id,
    eventId: lead.eventId,
    enterprise: { id: lead.enterpriseOrgId, name: parts.orgName(lead.enterpriseOrgId) },
    institution: { id: lead.institutionOrgId, name: parts.orgName(lead.institutionOrgId) },
    markedBy: lead.userId,
    productId: lead.productId,
    needId: lead.needId,
    note: lead.note,
    dockingSession: parts.session,
    createdAt: lead.createdAt.toISOString(),
  };
}
