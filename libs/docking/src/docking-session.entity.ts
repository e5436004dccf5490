import type { DockingStatus, RejectReason } from '@app/core';
import { bigintAsNumber } from '@app/database';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DockingInitiator } from './docking-workflow';

/** A product suggested to the enterprise after a rejection. */
export interface DockingSuggestion {
  productId: string;
  name: string;
  institutionName: string;
  score: number;
}

/** A bank–enterprise docking session (银企对接): one need, one product, two parties. */
@Entity({ name: 'docking_sessions' })
@Index('idx_docking_sessions_enterprise', ['enterpriseOrgId', 'status'])
@Index('idx_docking_sessions_institution', ['institutionOrgId', 'status'])
@Index('idx_docking_sessions_commissioner', ['commissionerId', 'status'])
// The SLA job scans requests by deadline.
@Index('idx_docking_sessions_status_respond_by', ['status', 'respondBy'])
@Index('idx_docking_sessions_need', ['needId'])
export class DockingSession {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_docking_sessions' })
  id!: string;

  @Column({ name: 'need_id', type: 'varchar', length: 36 })
  needId!: string;

  @Column({ name: 'product_id', type: 'varchar', length: 36 })
  productId!: string;

  @Column({ name: 'enterprise_org_id', type: 'varchar', length: 36 })
  enterpriseOrgId!: string;

  @Column({ name: 'institution_org_id', type: 'varchar', length: 36 })
  institutionOrgId!: string;

  @Column({ name: 'commissioner_id', type: 'varchar', length: 36, nullable: true })
  commissionerId!: string | null;

  @Column({ name: 'initiated_by', type: 'varchar', length: 16 })
  initiatedBy!: DockingInitiator;

  @Column({ type: 'varchar', length: 16 })
  status!: DockingStatus;

  /**
   * `needId:productId` while the session is open, null once it ends: a unique index on it
   * allows one open session per need × product however many requests race.
   */
  @Index('uq_docking_sessions_open_key', { unique: true })
  @Column({ name: 'open_key', type: 'varchar', length: 80, nullable: true })
  openKey!: string | null;

  /** When the institution must have answered; null when no answer is owed. */
  @Column({ name: 'respond_by', type: 'datetime', precision: 3, nullable: true })
  respondBy!: Date | null;

  /** Set once by the SLA job when respondBy passed without an answer. */
  @Column({ name: 'overdue_at', type: 'datetime', precision: 3, nullable: true })
  overdueAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({
    name: 'approved_amount',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  approvedAmount!: number | null;

  @Column({
    name: 'disbursed_amount',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  disbursedAmount!: number | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 32, nullable: true })
  rejectReason!: RejectReason | null;

  @Column({ name: 'reject_note', type: 'varchar', length: 500, nullable: true })
  rejectNote!: string | null;

  /** After a rejection: the enterprise's next best products elsewhere. */
  @Column({ type: 'simple-json', nullable: true })
  suggestions!: DockingSuggestion[] | null;

  /** Bumped by every move; a move names the version it read, so two cannot both win. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
