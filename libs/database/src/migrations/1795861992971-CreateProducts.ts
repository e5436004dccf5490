import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateProducts1795861992971 implements MigrationInterface {
    name = 'CreateProducts1795861992971'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`products\` (\`id\` varchar(36) NOT NULL, \`org_id\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`kind\` varchar(32) NOT NULL, \`description\` text NOT NULL, \`amount_min\` bigint NOT NULL, \`amount_max\` bigint NOT NULL, \`term_min_months\` int NOT NULL, \`term_max_months\` int NOT NULL, \`rate_min_bps\` int NOT NULL, \`rate_max_bps\` int NOT NULL, \`guarantees\` text NOT NULL, \`funding_types\` text NOT NULL, \`requires_whitelist\` tinyint NOT NULL, \`qualifications_any\` text NOT NULL, \`districts\` text NOT NULL, \`industries\` text NOT NULL, \`min_years_founded\` int NULL, \`min_annual_revenue\` bigint NULL, \`approval_days\` int NOT NULL, \`status\` varchar(16) NOT NULL, \`published_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_products_status\` (\`status\`), INDEX \`idx_products_org_status\` (\`org_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_products_org_status\` ON \`products\``);
        await queryRunner.query(`DROP INDEX \`idx_products_status\` ON \`products\``);
        await queryRunner.query(`DROP TABLE \`products\``);
    }

}
