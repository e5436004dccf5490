import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateNeeds1795861979121 implements MigrationInterface {
    name = 'CreateNeeds1795861979121'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`needs\` (\`id\` varchar(36) NOT NULL, \`org_id\` varchar(36) NOT NULL, \`created_by\` varchar(36) NOT NULL, \`title\` varchar(100) NOT NULL, \`description\` text NOT NULL, \`amount\` bigint NOT NULL, \`term_months\` int NOT NULL, \`purpose\` varchar(32) NOT NULL, \`funding_types\` text NOT NULL, \`guarantees\` text NOT NULL, \`max_rate_bps\` int NOT NULL, \`fund_by\` date NOT NULL, \`status\` varchar(16) NOT NULL, \`published_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_needs_status_fund_by\` (\`status\`, \`fund_by\`), INDEX \`idx_needs_org_status\` (\`org_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_needs_org_status\` ON \`needs\``);
        await queryRunner.query(`DROP INDEX \`idx_needs_status_fund_by\` ON \`needs\``);
        await queryRunner.query(`DROP TABLE \`needs\``);
    }

}
