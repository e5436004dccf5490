import type { FundingType, Guarantee, NeedPurpose, NeedStatus } from '@app/core';
import { bigintAsNumber } from '@app/database';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An enterprise's financing need (融资需求). */
@Entity({ name: 'needs' })
@Index('idx_needs_org_status', ['orgId', 'status'])
// The expiry job scans published needs by date.
@Index('idx_needs_status_fund_by', ['status', 'fundBy'])
export class Need {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_needs' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  /** The user who created it. */
  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  /** Yuan. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amount!: number;

  @Column({ name: 'term_months', type: 'int' })
  termMonths!: number;

  @Column({ type: 'varchar', length: 32 })
  purpose!: NeedPurpose;

  @Column({ name: 'funding_types', type: 'simple-json' })
  fundingTypes!: FundingType[];

  @Column({ type: 'simple-json' })
  guarantees!: Guarantee[];

  @Column({ name: 'max_rate_bps', type: 'int' })
  maxRateBps!: number;

  /** YYYY-MM-DD (UTC): the day the money is needed by; the need expires after it. */
  @Column({ name: 'fund_by', type: 'date' })
  fundBy!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: NeedStatus;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
