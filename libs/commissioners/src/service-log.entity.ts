import type { ServiceLogKind } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A commissioner's service to an enterprise (走访, 辅导, 纾困, 转介), optionally tied to the event
 * it came from and the docking session it led to: the thread from a meeting to a loan.
 */
@Entity({ name: 'service_logs' })
@Index('idx_service_logs_enterprise_on', ['enterpriseOrgId', 'occurredOn'])
@Index('idx_service_logs_commissioner_on', ['commissionerId', 'occurredOn'])
@Index('idx_service_logs_event', ['eventId'])
@Index('idx_service_logs_session', ['dockingSessionId'])
export class ServiceLog {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_service_logs' })
  id!: string;

  /** Who wrote it: the commissioner (or an admin). */
  @Column({ name: 'commissioner_id', type: 'varchar', length: 36 })
  commissionerId!: string;

  @Column({ name: 'enterprise_org_id', type: 'varchar', length: 36 })
  enterpriseOrgId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ServiceLogKind;

  /** YYYY-MM-DD, the day of the service (China time). */
  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ type: 'text' })
  notes!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome!: string | null;

  @Column({ name: 'event_id', type: 'varchar', length: 36, nullable: true })
  eventId!: string | null;

  @Column({ name: 'docking_session_id', type: 'varchar', length: 36, nullable: true })
  dockingSessionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
