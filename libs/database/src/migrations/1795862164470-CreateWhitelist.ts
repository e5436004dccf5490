import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateWhitelist1795862164470 implements MigrationInterface {
    name = 'CreateWhitelist1795862164470'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`whitelist_entries\` (\`id\` varchar(36) NOT NULL, \`batch_id\` varchar(36) NOT NULL, \`credit_code\` varchar(18) NOT NULL, \`enterprise_name\` varchar(100) NOT NULL, \`qualifications\` text NOT NULL, \`valid_from\` date NOT NULL, \`valid_to\` date NOT NULL, \`status\` varchar(16) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_whitelist_entries_credit_code\` (\`credit_code\`), UNIQUE INDEX \`uq_whitelist_entries_batch_credit_code\` (\`batch_id\`, \`credit_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`whitelist_batches\` (\`id\` varchar(36) NOT NULL, \`year\` int NOT NULL, \`name\` varchar(100) NOT NULL, \`status\` varchar(16) NOT NULL, \`published_at\` datetime(3) NULL, \`revoked_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_whitelist_batches_status_year\` (\`status\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_whitelist_batches_status_year\` ON \`whitelist_batches\``);
        await queryRunner.query(`DROP TABLE \`whitelist_batches\``);
        await queryRunner.query(`DROP INDEX \`uq_whitelist_entries_batch_credit_code\` ON \`whitelist_entries\``);
        await queryRunner.query(`DROP INDEX \`idx_whitelist_entries_credit_code\` ON \`whitelist_entries\``);
        await queryRunner.query(`DROP TABLE \`whitelist_entries\``);
    }

}
