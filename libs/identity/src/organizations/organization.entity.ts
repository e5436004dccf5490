import type {
  District,
  Industry,
  OrganizationKind,
  OrganizationStatus,
  Qualification,
} from '@app/core';
import { bigintAsNumber } from '@app/database';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'organizations' })
@Index('uq_organizations_credit_code', ['creditCode'], { unique: true })
@Index('idx_organizations_kind_status', ['kind', 'status'])
@Index('idx_organizations_commissioner', ['commissionerId'])
export class Organization {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_organizations' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: OrganizationKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Null only for the service center, which registration never creates. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  district!: District | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  industry!: Industry | null;

  @Column({ type: 'simple-json' })
  qualifications!: Qualification[];

  /** YYYY-MM-DD */
  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn!: string | null;

  @Column({ type: 'int', nullable: true })
  employees!: number | null;

  @Column({ name: 'annual_revenue', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  annualRevenue!: number | null;

  @Column({ name: 'rd_expense', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  rdExpense!: number | null;

  @Column({ name: 'ip_count', type: 'int', nullable: true })
  ipCount!: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 50, nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: OrganizationStatus;

  /** The commissioner (科技金融特派员) who accompanies this enterprise. */
  @Column({ name: 'commissioner_id', type: 'varchar', length: 36, nullable: true })
  commissionerId!: string | null;

  @Column({ name: 'verified_at', type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
