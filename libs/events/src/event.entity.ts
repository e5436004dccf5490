import type { District, EventAudience, EventKind, EventStatus } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A commissioners' event (活动): a roadshow, salon, briefing, matchmaking, counseling or relief action. */
@Entity({ name: 'events' })
// Search by time, the reminder job and the clash checks all read published events by start.
@Index('idx_events_status_starts', ['status', 'startsAt'])
@Index('idx_events_organizer_status', ['organizerId', 'status'])
@Index('idx_events_venue_status', ['venueKey', 'status'])
export class Event {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_events' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: EventKind;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  /** The commissioner (or admin) who runs it: one organizer, one event at a time. */
  @Column({ name: 'organizer_id', type: 'varchar', length: 36 })
  organizerId!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt!: Date;

  @Column({ name: 'registration_deadline', type: 'datetime', precision: 3 })
  registrationDeadline!: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  venue!: string | null;

  /** The venue folded for comparison (see venue-key.ts); one venue, one event at a time. */
  @Column({ name: 'venue_key', type: 'varchar', length: 200, nullable: true })
  venueKey!: string | null;

  @Column({ name: 'online_url', type: 'varchar', length: 500, nullable: true })
  onlineUrl!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  district!: District | null;

  @Column({ type: 'int' })
  capacity!: number;

  @Column({ type: 'varchar', length: 16 })
  audience!: EventAudience;

  @Column({ type: 'varchar', length: 16 })
  status!: EventStatus;

  /** Roadshows only: minutes of pitch and of questions in each slot. */
  @Column({ name: 'pitch_minutes', type: 'int', nullable: true })
  pitchMinutes!: number | null;

  @Column({ name: 'qa_minutes', type: 'int', nullable: true })
  qaMinutes!: number | null;

  /**
   * Registered and checked-in registrations. Kept on the event row, which every registration
   * change locks first, so that a seat is counted exactly once however many sign up at once.
   */
  @Column({ name: 'seats_taken', type: 'int', default: 0 })
  seatsTaken!: number;

  /** The order of the last sign-up: the waitlist is promoted in this order. */
  @Column({ name: 'last_seq', type: 'int', default: 0 })
  lastSeq!: number;

  /** The iCalendar SEQUENCE: raised by every change a calendar must pick up. */
  @Column({ name: 'ical_sequence', type: 'int', default: 0 })
  icalSequence!: number;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** Set by the one worker that sent the reminder, so that it goes out once. */
  @Column({ name: 'reminded_24h_at', type: 'datetime', precision: 3, nullable: true })
  reminded24hAt!: Date | null;

  @Column({ name: 'reminded_1h_at', type: 'datetime', precision: 3, nullable: true })
  reminded1hAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
