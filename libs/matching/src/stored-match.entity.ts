import type { MatchStatus } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MatchReason } from './match-score';

/**
 * A match the worker computed and stored (推荐): a need and a product, the score and reasons,
 * and where its parties took it. One row a pair; both parties' organizations are copied in so
 * each side lists its own with an index.
 */
@Entity({ name: 'matches' })
@Index('uq_matches_need_product', ['needId', 'productId'], { unique: true })
@Index('idx_matches_product', ['productId'])
@Index('idx_matches_need_org_status_score', ['needOrgId', 'status', 'score'])
@Index('idx_matches_product_org_status_score', ['productOrgId', 'status', 'score'])
export class StoredMatch {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_matches' })
  id!: string;

  @Column({ name: 'need_id', type: 'varchar', length: 36 })
  needId!: string;

  @Column({ name: 'product_id', type: 'varchar', length: 36 })
  productId!: string;

  /** The enterprise behind the need. */
  @Column({ name: 'need_org_id', type: 'varchar', length: 36 })
  needOrgId!: string;

  /** The institution behind the product. */
  @Column({ name: 'product_org_id', type: 'varchar', length: 36 })
  productOrgId!: string;

  /** 0–100. */
  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'simple-json' })
  reasons!: MatchReason[];

  @Column({ type: 'varchar', length: 16 })
  status!: MatchStatus;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
