import type { NotificationKind } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Small facts a client needs to open what the notification is about: ids, a score. */
export type NotificationData = Record<string, string | number | boolean | null>;

/** One in-app notification (站内通知) for one user. */
@Entity({ name: 'notifications' })
// Whoever notifies picks a key per fact (`match:<needId>:<productId>`), so two workers telling the
// same user the same thing insert one row.
@Index('uq_notifications_user_dedupe', ['userId', 'dedupeKey'], { unique: true })
@Index('idx_notifications_user_read_created', ['userId', 'readAt', 'createdAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_notifications' })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'simple-json' })
  data!: NotificationData;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 128 })
  dedupeKey!: string;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
