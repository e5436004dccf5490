import type { DockingStatus, EventKind, ServiceLogKind } from '@app/core';
import type { ServiceLog } from './service-log.entity';

export interface ServiceLogView {
  id: string;
  kind: ServiceLogKind;
  occurredOn: string;
  notes: string;
  outcome: string | null;
  enterprise: { id: string; name: string };
  commissioner: { id: string; name: string };
  event: { id: string; title: string; kind: EventKind; startsAt: string } | null;
  /** Where the docking session stands now: what the service came to. */
  dockingSession: {
    id: string;
    status: DockingStatus;
    approvedAmount: number | null;
    disbursedAmount: number | null;
  } | null;
  createdAt: string;
}

export interface ServiceLogParts {
  enterpriseName: string;
  commissionerName: string;
  event: ServiceLogView['event'];
  dockingSession: ServiceLogView['dockingSession'];
}

export function toServiceLogView(log: ServiceLog, parts: ServiceLogParts): ServiceLogView {
  return {
    id: log.id,
    kind: log.kind,
    occurredOn: log.occurredOn,
    notes: log.notes,
    outcome: log.outcome,
    enterprise: { id: log.enterpriseOrgId, name: parts.enterpriseName },
    commissioner: { id: log.commissionerId, name: parts.commissionerName },
    event: parts.event,
    dockingSession: parts.dockingSession,
    createdAt: log.createdAt.toISOString(),
  };
}
