import type { DockingStatus, RejectReason } from '@app/core';
import type { Organization } from '@app/identity';
import type { Need } from '@app/needs';
import type { Product } from '@app/products';
import type { DockingEvent } from './docking-event.entity';
import type { DockingSession, DockingSuggestion } from './docking-session.entity';
import type { DockingInitiator } from './docking-workflow';

export interface DockingEventView {
  seq: number;
  action: DockingEvent['action'];
  fromStatus: DockingStatus | null;
  toStatus: DockingStatus;
  actorId: string | null;
  actorRole: DockingEvent['actorRole'];
  data: DockingEvent['data'];
  at: string;
}

export interface DockingSessionView {
  id: string;
  status: DockingStatus;
  initiatedBy: DockingInitiator;
  need: { id: string; title: string; amount: number; termMonths: number; status: Need['status'] };
  product: { id: string; name: string; kind: Product['kind'] };
  enterprise: {
    id: string;
    name: string;
    district: Organization['district'];
    industry: Organization['industry'];
    /** Present for the enterprise, its commissioner and admins, and for the institution once it accepted. */
    contactName?: string | null;
    contactPhone?: string | null;
  };
  institution: { id: string; name: string; kind: Organization['kind'] };
  commissionerId: string | null;
  /** When the institution must have answered; null when no answer is owed. */
  respondBy: string | null;
  overdue: boolean;
  acceptedAt: string | null;
  approvedAmount: number | null;
  disbursedAmount: number | null;
  rejectReason: RejectReason | null;
  rejectNote: string | null;
  /** After a rejection, for the enterprise's side: its next best products elsewhere. */
  suggestions?: DockingSuggestion[] | null;
  /** Send it back unchanged to detect a move made meanwhile (optional). */
  version: number;
  createdAt: string;
  updatedAt: string;
  timeline?: DockingEventView[];
}

/** What a viewer may see beyond the common part. */
export interface DockingViewerRights {
  contacts: boolean;
  suggestions: boolean;
}

export interface DockingParts {
  need: Need;
  product: Product;
  enterprise: Organization;
  institution: Organization;
}

export function toDockingSessionView(
  session: DockingSession,
  parts: DockingParts,
  rights: DockingViewerRights,
  now: Date,
  events?: DockingEvent[],
): DockingSessionView {
  const { need, product, enterprise, institution } = parts;
  return {
    id: session.id,
    status: session.status,
    initiatedBy: session.initiatedBy,
    need: {
      id: need.id,
      title: need.title,
      amount: need.amount,
      termMonths: need.termMonths,
      status: need.status,
    },
    product: { id: product.id, name: product.name, kind: product.kind },
    enterprise: {
      id: enterprise.id,
      name: enterprise.name,
      district: enterprise.district,
      industry: enterprise.industry,
      ...(rights.contacts
        ? { contactName: enterprise.contactName, contactPhone: enterprise.contactPhone }
        : {}),
    },
    institution: { id: institution.id, name: institution.name, kind: institution.kind },
    commissionerId: session.commissionerId,
    respondBy: session.respondBy?.toISOString() ?? null,
    overdue: isOverdue(session, now),
    acceptedAt: session.acceptedAt?.toISOString() ?? null,
    approvedAmount: session.approvedAmount,
    disbursedAmount: session.disbursedAmount,
    rejectReason: session.rejectReason,
    rejectNote: session.rejectNote,
    ...(rights.suggestions ? { suggestions: session.suggestions } : {}),
    version: session.version,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    ...(events ? { timeline: events.map(toDockingEventView) } : {}),
  };
}

export function isOverdue(session: DockingSession, now: Date): boolean {
  return (
    session.status === 'requested' &&
    session.respondBy !== null &&
    session.respondBy.getTime() < now.getTime()
  );
}

function toDockingEventView(event: DockingEvent): DockingEventView {
  return {
    seq: event.seq,
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorId: event.actorId,
    actorRole: event.actorRole,
    data: event.data,
    at: event.createdAt.toISOString(),
  };
}
