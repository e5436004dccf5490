import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far one user has read one session's chat; it only ever moves forward. */
@Entity({ name: 'docking_read_markers' })
export class ChatReadMarker {
  @PrimaryColumn({
    name: 'session_id',
    type: 'varchar',
    length: 36,
    primaryKeyConstraintName: 'pk_docking_read_markers',
  })
  sessionId!: string;

  @PrimaryColumn({
    name: 'user_id',
    type: 'varchar',
    length: 36,
    primaryKeyConstraintName: 'pk_docking_read_markers',
  })
  userId!: string;

  /** The last message seq the user has read. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
