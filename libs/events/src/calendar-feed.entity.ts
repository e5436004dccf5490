import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A user's personal calendar feed. Only a hash of its token is kept: the feed URL is a secret
 * that calendar apps poll without signing in, and it is revoked by deleting the row.
 */
@Entity({ name: 'calendar_feeds' })
@Index('uq_calendar_feeds_token_hash', ['tokenHash'], { unique: true })
export class CalendarFeed {
  @PrimaryColumn({
    name: 'user_id',
    type: 'varchar',
    length: 36,
    primaryKeyConstraintName: 'pk_calendar_feeds',
  })
  userId!: string;

  /** SHA-256 of the token, hex. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
