import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An institution's "want to talk" to an enterprise that pitched at a roadshow: the docking
 * session it opened, or the lead alone when the enterprise had no need the product could serve.
 */
@Entity({ name: 'roadshow_leads' })
@Index('uq_roadshow_leads_event_pair', ['eventId', 'enterpriseOrgId', 'institutionOrgId'], {
  unique: true,
})
@Index('idx_roadshow_leads_session', ['dockingSessionId'])
export class RoadshowLead {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_roadshow_leads' })
  id!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'enterprise_org_id', type: 'varchar', length: 36 })
  enterpriseOrgId!: string;

  @Column({ name: 'institution_org_id', type: 'varchar', length: 36 })
  institutionOrgId!: string;

  /** The investor who marked it. */
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'product_id', type: 'varchar', length: 36, nullable: true })
  productId!: string | null;

  @Column({ name: 'need_id', type: 'varchar', length: 36, nullable: true })
  needId!: string | null;

  @Column({ name: 'docking_session_id', type: 'varchar', length: 36, nullable: true })
  dockingSessionId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
