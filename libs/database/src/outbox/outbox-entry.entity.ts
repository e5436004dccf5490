import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A document that must be pushed to (or removed from) a search index. Written in the same
 * transaction as the change it reflects; the consumer reloads the document from the database
 * when it runs, so a row only says which document, never what it looked like.
 */
@Entity({ name: 'outbox' })
@Index('idx_outbox_due', ['processedAt', 'availableAt'])
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true, primaryKeyConstraintName: 'pk_outbox' })
  id!: number;

  /** The search index (without prefix) the document belongs to. */
  @Column({ type: 'varchar', length: 64 })
  topic!: string;

  @Column({ name: 'document_id', type: 'varchar', length: 64 })
  documentId!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'available_at', type: 'datetime', precision: 3 })
  availableAt!: Date;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
