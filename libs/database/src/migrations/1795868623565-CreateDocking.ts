import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateDocking1795868623565 implements MigrationInterface {
    name = 'CreateDocking1795868623565'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`docking_sessions\` (\`id\` varchar(36) NOT NULL, \`need_id\` varchar(36) NOT NULL, \`product_id\` varchar(36) NOT NULL, \`enterprise_org_id\` varchar(36) NOT NULL, \`institution_org_id\` varchar(36) NOT NULL, \`commissioner_id\` varchar(36) NULL, \`initiated_by\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`open_key\` varchar(80) NULL, \`respond_by\` datetime(3) NULL, \`overdue_at\` datetime(3) NULL, \`accepted_at\` datetime(3) NULL, \`approved_amount\` bigint NULL, \`disbursed_amount\` bigint NULL, \`reject_reason\` varchar(32) NULL, \`reject_note\` varchar(500) NULL, \`suggestions\` text NULL, \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_docking_sessions_open_key\` (\`open_key\`), INDEX \`idx_docking_sessions_need\` (\`need_id\`), INDEX \`idx_docking_sessions_status_respond_by\` (\`status\`, \`respond_by\`), INDEX \`idx_docking_sessions_commissioner\` (\`commissioner_id\`, \`status\`), INDEX \`idx_docking_sessions_institution\` (\`institution_org_id\`, \`status\`), INDEX \`idx_docking_sessions_enterprise\` (\`enterprise_org_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`docking_events\` (\`id\` varchar(36) NOT NULL, \`session_id\` varchar(36) NOT NULL, \`seq\` int NOT NULL, \`action\` varchar(32) NOT NULL, \`from_status\` varchar(16) NULL, \`to_status\` varchar(16) NOT NULL, \`actor_id\` varchar(36) NULL, \`actor_role\` varchar(16) NOT NULL, \`data\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_docking_events_session_seq\` (\`session_id\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`uq_docking_events_session_seq\` ON \`docking_events\``);
        await queryRunner.query(`DROP TABLE \`docking_events\``);
        await queryRunner.query(`DROP INDEX \`idx_docking_sessions_enterprise\` ON \`docking_sessions\``);
        await queryRunner.query(`DROP INDEX \`idx_docking_sessions_institution\` ON \`docking_sessions\``);
        await queryRunner.query(`DROP INDEX \`idx_docking_sessions_commissioner\` ON \`docking_sessions\``);
        await queryRunner.query(`DROP INDEX \`idx_docking_sessions_status_respond_by\` ON \`docking_sessions\``);
        await queryRunner.query(`DROP INDEX \`idx_docking_sessions_need\` ON \`docking_sessions\``);
        await queryRunner.query(`DROP INDEX \`uq_docking_sessions_open_key\` ON \`docking_sessions\``);
        await queryRunner.query(`DROP TABLE \`docking_sessions\``);
    }

}
