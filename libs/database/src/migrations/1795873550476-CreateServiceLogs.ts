import { MigrationInterface, QueryRunner } from 'typeorm';

/** Commissioners' service logs, tied to an enterprise and optionally an event and a docking session. */
export class CreateServiceLogs1795873550476 implements MigrationInterface {
  name = 'CreateServiceLogs1795873550476';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`service_logs\` (\`id\` varchar(36) NOT NULL, \`commissioner_id\` varchar(36) NOT NULL, \`enterprise_org_id\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`occurred_on\` date NOT NULL, \`notes\` text NOT NULL, \`outcome\` varchar(500) NULL, \`event_id\` varchar(36) NULL, \`docking_session_id\` varchar(36) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_service_logs_session\` (\`docking_session_id\`), INDEX \`idx_service_logs_event\` (\`event_id\`), INDEX \`idx_service_logs_commissioner_on\` (\`commissioner_id\`, \`occurred_on\`), INDEX \`idx_service_logs_enterprise_on\` (\`enterprise_org_id\`, \`occurred_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_service_logs_enterprise_on\` ON \`service_logs\``);
    await queryRunner.query(`DROP INDEX \`idx_service_logs_commissioner_on\` ON \`service_logs\``);
    await queryRunner.query(`DROP INDEX \`idx_service_logs_event\` ON \`service_logs\``);
    await queryRunner.query(`DROP INDEX \`idx_service_logs_session\` ON \`service_logs\``);
    await queryRunner.query(`DROP TABLE \`service_logs\``);
  }
}
