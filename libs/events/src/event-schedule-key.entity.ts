import { Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per organizer and per venue that ever held a published event. Publishing locks the
 * rows of its organizer and venue before looking for clashes, so two overlapping events racing
 * to publish are checked one after the other and cannot both get through.
 */
@Entity({ name: 'event_schedule_keys' })
export class EventScheduleKey {
  /** `organizer:<userId>` or `venue:<venue key>`. */
  @PrimaryColumn({
    name: 'schedule_key',
    type: 'varchar',
    length: 250,
    primaryKeyConstraintName: 'pk_event_schedule_keys',
  })
  scheduleKey!: string;
}
