import { MigrationInterface, QueryRunner } from 'typeorm';

/** Commissioners' events: events, registrations, roadshow leads, follow-ups, schedule keys, calendar feeds. */
export class CreateEvents1795872270884 implements MigrationInterface {
  name = 'CreateEvents1795872270884';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`roadshow_leads\` (\`id\` varchar(36) NOT NULL, \`event_id\` varchar(36) NOT NULL, \`enterprise_org_id\` varchar(36) NOT NULL, \`institution_org_id\` varchar(36) NOT NULL, \`user_id\` varchar(36) NOT NULL, \`product_id\` varchar(36) NULL, \`need_id\` varchar(36) NULL, \`docking_session_id\` varchar(36) NULL, \`note\` varchar(500) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_roadshow_leads_session\` (\`docking_session_id\`), UNIQUE INDEX \`uq_roadshow_leads_event_pair\` (\`event_id\`, \`enterprise_org_id\`, \`institution_org_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`events\` (\`id\` varchar(36) NOT NULL, \`kind\` varchar(32) NOT NULL, \`title\` varchar(100) NOT NULL, \`description\` text NOT NULL, \`organizer_id\` varchar(36) NOT NULL, \`created_by\` varchar(36) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`registration_deadline\` datetime(3) NOT NULL, \`venue\` varchar(200) NULL, \`venue_key\` varchar(200) NULL, \`online_url\` varchar(500) NULL, \`district\` varchar(32) NULL, \`capacity\` int NOT NULL, \`audience\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`pitch_minutes\` int NULL, \`qa_minutes\` int NULL, \`seats_taken\` int NOT NULL DEFAULT '0', \`last_seq\` int NOT NULL DEFAULT '0', \`ical_sequence\` int NOT NULL DEFAULT '0', \`cancel_reason\` varchar(500) NULL, \`published_at\` datetime(3) NULL, \`cancelled_at\` datetime(3) NULL, \`completed_at\` datetime(3) NULL, \`reminded_24h_at\` datetime(3) NULL, \`reminded_1h_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_events_venue_status\` (\`venue_key\`, \`status\`), INDEX \`idx_events_organizer_status\` (\`organizer_id\`, \`status\`), INDEX \`idx_events_status_starts\` (\`status\`, \`starts_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`event_schedule_keys\` (\`schedule_key\` varchar(250) NOT NULL, PRIMARY KEY (\`schedule_key\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`event_registrations\` (\`id\` varchar(36) NOT NULL, \`event_id\` varchar(36) NOT NULL, \`user_id\` varchar(36) NOT NULL, \`org_id\` varchar(36) NOT NULL, \`role\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`seq\` int NOT NULL, \`pitch_slot\` int NULL, \`check_in_nonce\` varchar(32) NOT NULL, \`checked_in_at\` datetime(3) NULL, \`checked_in_by\` varchar(36) NULL, \`promoted_at\` datetime(3) NULL, \`cancelled_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_event_registrations_user\` (\`user_id\`), INDEX \`idx_event_registrations_event_status_seq\` (\`event_id\`, \`status\`, \`seq\`), UNIQUE INDEX \`uq_event_registrations_event_slot\` (\`event_id\`, \`pitch_slot\`), UNIQUE INDEX \`uq_event_registrations_event_user\` (\`event_id\`, \`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`event_follow_ups\` (\`id\` varchar(36) NOT NULL, \`event_id\` varchar(36) NOT NULL, \`org_id\` varchar(36) NOT NULL, \`author_id\` varchar(36) NOT NULL, \`note\` text NOT NULL, \`due_on\` date NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_event_follow_ups_event_created\` (\`event_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`CREATE TABLE \`calendar_feeds\` (\`user_id\` varchar(36) NOT NULL, \`token_hash\` varchar(64) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_calendar_feeds_token_hash\` (\`token_hash\`), PRIMARY KEY (\`user_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_calendar_feeds_token_hash\` ON \`calendar_feeds\``);
    await queryRunner.query(`DROP TABLE \`calendar_feeds\``);
    await queryRunner.query(`DROP INDEX \`idx_event_follow_ups_event_created\` ON \`event_follow_ups\``);
    await queryRunner.query(`DROP TABLE \`event_follow_ups\``);
    await queryRunner.query(`DROP INDEX \`uq_event_registrations_event_user\` ON \`event_registrations\``);
    await queryRunner.query(`DROP INDEX \`uq_event_registrations_event_slot\` ON \`event_registrations\``);
    await queryRunner.query(`DROP INDEX \`idx_event_registrations_event_status_seq\` ON \`event_registrations\``);
    await queryRunner.query(`DROP INDEX \`idx_event_registrations_user\` ON \`event_registrations\``);
    await queryRunner.query(`DROP TABLE \`event_registrations\``);
    await queryRunner.query(`DROP TABLE \`event_schedule_keys\``);
    await queryRunner.query(`DROP INDEX \`idx_events_status_starts\` ON \`events\``);
    await queryRunner.query(`DROP INDEX \`idx_events_organizer_status\` ON \`events\``);
    await queryRunner.query(`DROP INDEX \`idx_events_venue_status\` ON \`events\``);
    await queryRunner.query(`DROP TABLE \`events\``);
    await queryRunner.query(`DROP INDEX \`uq_roadshow_leads_event_pair\` ON \`roadshow_leads\``);
    await queryRunner.query(`DROP INDEX \`idx_roadshow_leads_session\` ON \`roadshow_leads\``);
    await queryRunner.query(`DROP TABLE \`roadshow_leads\``);
  }
}
