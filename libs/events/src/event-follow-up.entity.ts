import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the organizer noted after the event about one organization that came. */
@Entity({ name: 'event_follow_ups' })
@Index('idx_event_follow_ups_event_created', ['eventId', 'createdAt'])
export class EventFollowUp {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_event_follow_ups' })
  id!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId!: string;

  @Column({ type: 'text' })
  note!: string;

  /** YYYY-MM-DD: when the next step is due, if there is one. */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
