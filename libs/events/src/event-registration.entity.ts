import type { RegistrationStatus } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person's place at an event: a seat, a place on the waitlist, or a cancelled one. */
@Entity({ name: 'event_registrations' })
@Index('uq_event_registrations_event_user', ['eventId', 'userId'], { unique: true })
// One enterprise a slot: the database refuses a second booking however the requests race.
@Index('uq_event_registrations_event_slot', ['eventId', 'pitchSlot'], { unique: true })
@Index('idx_event_registrations_event_status_seq', ['eventId', 'status', 'seq'])
@Index('idx_event_registrations_user', ['userId'])
export class EventRegistration {
  @PrimaryColumn({
    type: 'varchar',
    length: 36,
    primaryKeyConstraintName: 'pk_event_registrations',
  })
  id!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  /** enterprise or institution: enterprises pitch at a roadshow, institutions listen. */
  @Column({ type: 'varchar', length: 16 })
  role!: 'enterprise' | 'institution';

  @Column({ type: 'varchar', length: 16 })
  status!: RegistrationStatus;

  /** The sign-up order (the event's counter); a re-registration goes to the back. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'pitch_slot', type: 'int', nullable: true })
  pitchSlot!: number | null;

  /** Renewed by each sign-up, so that an earlier check-in code is worthless. */
  @Column({ name: 'check_in_nonce', type: 'varchar', length: 32 })
  checkInNonce!: string;

  @Column({ name: 'checked_in_at', type: 'datetime', precision: 3, nullable: true })
  checkedInAt!: Date | null;

  @Column({ name: 'checked_in_by', type: 'varchar', length: 36, nullable: true })
  checkedInBy!: string | null;

  @Column({ name: 'promoted_at', type: 'datetime', precision: 3, nullable: true })
  promotedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
