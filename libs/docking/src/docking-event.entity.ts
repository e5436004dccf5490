import type { DockingAction, DockingStatus } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DockingParty } from './docking-workflow';

/** One line of a session's timeline: who did what, when, and what it changed. */
@Entity({ name: 'docking_events' })
@Index('uq_docking_events_session_seq', ['sessionId', 'seq'], { unique: true })
export class DockingEvent {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_docking_events' })
  id!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  /** The session's version after this event: the timeline's order. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  action!: DockingAction | 'request' | 'invite' | 'expire';

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: DockingStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: DockingStatus;

  /** Null when the system acted (expiry). */
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: DockingParty;

  /** What the move carried: amount, reason, note, the new commissioner. */
  @Column({ type: 'simple-json' })
  data!: Record<string, string | number | null>;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
