import type {
  District,
  FundingType,
  Guarantee,
  Industry,
  ProductKind,
  ProductStatus,
  Qualification,
} from '@app/core';
import { bigintAsNumber } from '@app/database';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An institution's offer (金融产品). Eligibility is stored flat, one column a rule, so the
 * matching engine and reports can read it without unpacking a blob; the API nests it.
 */
@Entity({ name: 'products' })
@Index('idx_products_org_status', ['orgId', 'status'])
@Index('idx_products_status', ['status'])
export class Product {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_products' })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: ProductKind;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'amount_min', type: 'bigint', transformer: bigintAsNumber })
  amountMin!: number;

  @Column({ name: 'amount_max', type: 'bigint', transformer: bigintAsNumber })
  amountMax!: number;

  @Column({ name: 'term_min_months', type: 'int' })
  termMinMonths!: number;

  @Column({ name: 'term_max_months', type: 'int' })
  termMaxMonths!: number;

  @Column({ name: 'rate_min_bps', type: 'int' })
  rateMinBps!: number;

  @Column({ name: 'rate_max_bps', type: 'int' })
  rateMaxBps!: number;

  @Column({ type: 'simple-json' })
  guarantees!: Guarantee[];

  @Column({ name: 'funding_types', type: 'simple-json' })
  fundingTypes!: FundingType[];

  @Column({ name: 'requires_whitelist', type: 'boolean' })
  requiresWhitelist!: boolean;

  /** Empty: no qualification asked for; otherwise any one of them suffices. */
  @Column({ name: 'qualifications_any', type: 'simple-json' })
  qualificationsAny!: Qualification[];

  /** Empty: every district. */
  @Column({ type: 'simple-json' })
  districts!: District[];

  /** Empty: every industry. */
  @Column({ type: 'simple-json' })
  industries!: Industry[];

  @Column({ name: 'min_years_founded', type: 'int', nullable: true })
  minYearsFounded!: number | null;

  @Column({
    name: 'min_annual_revenue',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  minAnnualRevenue!: number | null;

  @Column({ name: 'approval_days', type: 'int' })
  approvalDays!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ProductStatus;

  /** When it last went on the shelf; null while a draft. */
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
