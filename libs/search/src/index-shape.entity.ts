import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The shape of the documents a search index was last rebuilt with (see
 * `SearchIndexDefinition.shape`), per index uid, so that a deployment whose documents predate a
 * change of shape is rebuilt once, by the outbox consumer, instead of answering from documents
 * the code no longer reads.
 */
@Entity({ name: 'search_index_shapes' })
export class IndexShape {
  @PrimaryColumn({
    type: 'varchar',
    length: 191,
    primaryKeyConstraintName: 'pk_search_index_shapes',
  })
  uid!: string;

  @Column({ type: 'varchar', length: 64 })
  shape!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
