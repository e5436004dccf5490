import type { Qualification, WhitelistEntryStatus } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One enterprise in one batch. It names the enterprise by credit code only: the link to a
 * registered organization is a join on organizations.credit_code at read time, so it holds
 * for enterprises that register after the import too.
 */
@Entity({ name: 'whitelist_entries' })
@Index('uq_whitelist_entries_batch_credit_code', ['batchId', 'creditCode'], { unique: true })
// In the lists' order (credit code, then batch), so a download reads on from where it stopped.
@Index('idx_whitelist_entries_credit_code_batch', ['creditCode', 'batchId'])
export class WhitelistEntry {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_whitelist_entries' })
  id!: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'enterprise_name', type: 'varchar', length: 100 })
  enterpriseName!: string;

  @Column({ type: 'simple-json' })
  qualifications!: Qualification[];

  /** YYYY-MM-DD, a calendar date in China (UTC+8). */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: 'valid_to', type: 'date' })
  validTo!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: WhitelistEntryStatus;

  /**
   * The import that last carried this entry and its row in that file: how an import finds a
   * credit code repeated in its own file without holding every code in memory.
   */
  @Column({ name: 'last_import_id', type: 'varchar', length: 36, nullable: true })
  lastImportId!: string | null;

  @Column({ name: 'last_import_row', type: 'int', nullable: true })
  lastImportRow!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
