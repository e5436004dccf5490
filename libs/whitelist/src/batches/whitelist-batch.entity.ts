import type { WhitelistBatchStatus } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'whitelist_batches' })
@Index('idx_whitelist_batches_status_year', ['status', 'year'])
export class WhitelistBatch {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_whitelist_batches' })
  id!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: WhitelistBatchStatus;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
