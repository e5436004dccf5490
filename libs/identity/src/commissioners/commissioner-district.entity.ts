import type { District } from '@app/core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The commissioner covering a district: its enterprises, also those registering later. */
@Entity({ name: 'commissioner_districts' })
export class CommissionerDistrict {
  @PrimaryColumn({
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'pk_commissioner_districts',
  })
  district!: District;

  @Column({ name: 'commissioner_id', type: 'varchar', length: 36 })
  commissionerId!: string;
}
