import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateIdentityAndOutbox1795859208024 implements MigrationInterface {
    name = 'CreateIdentityAndOutbox1795859208024'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Chinese text and emoji need utf8mb4; later tables inherit it from the database.
        await queryRunner.query(`ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`outbox\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`topic\` varchar(64) NOT NULL, \`document_id\` varchar(64) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`available_at\` datetime(3) NOT NULL, \`locked_until\` datetime(3) NULL, \`last_error\` text NULL, \`processed_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_outbox_due\` (\`processed_at\`, \`available_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`users\` (\`id\` varchar(36) NOT NULL, \`org_id\` varchar(36) NOT NULL, \`role\` varchar(16) NOT NULL, \`name\` varchar(50) NOT NULL, \`email\` varchar(254) NOT NULL, \`phone\` varchar(20) NULL, \`password_hash\` varchar(255) NOT NULL, \`status\` varchar(16) NOT NULL, \`failed_logins\` int NOT NULL DEFAULT '0', \`locked_until\` datetime(3) NULL, \`last_login_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_users_org\` (\`org_id\`), UNIQUE INDEX \`uq_users_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`organizations\` (\`id\` varchar(36) NOT NULL, \`kind\` varchar(32) NOT NULL, \`name\` varchar(100) NOT NULL, \`credit_code\` varchar(18) NULL, \`district\` varchar(32) NULL, \`industry\` varchar(32) NULL, \`qualifications\` text NOT NULL, \`founded_on\` date NULL, \`employees\` int NULL, \`annual_revenue\` bigint NULL, \`rd_expense\` bigint NULL, \`ip_count\` int NULL, \`description\` varchar(2000) NULL, \`contact_name\` varchar(50) NULL, \`contact_phone\` varchar(20) NULL, \`status\` varchar(16) NOT NULL, \`commissioner_id\` varchar(36) NULL, \`verified_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`idx_organizations_commissioner\` (\`commissioner_id\`), INDEX \`idx_organizations_kind_status\` (\`kind\`, \`status\`), UNIQUE INDEX \`uq_organizations_credit_code\` (\`credit_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`commissioner_districts\` (\`district\` varchar(32) NOT NULL, \`commissioner_id\` varchar(36) NOT NULL, PRIMARY KEY (\`district\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`refresh_tokens\` (\`id\` varchar(36) NOT NULL, \`user_id\` varchar(36) NOT NULL, \`family_id\` varchar(36) NOT NULL, \`token_hash\` varchar(64) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL, \`revoked_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`idx_refresh_tokens_user\` (\`user_id\`), INDEX \`idx_refresh_tokens_family\` (\`family_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`idx_refresh_tokens_family\` ON \`refresh_tokens\``);
        await queryRunner.query(`DROP INDEX \`idx_refresh_tokens_user\` ON \`refresh_tokens\``);
        await queryRunner.query(`DROP TABLE \`refresh_tokens\``);
        await queryRunner.query(`DROP TABLE \`commissioner_districts\``);
        await queryRunner.query(`DROP INDEX \`uq_organizations_credit_code\` ON \`organizations\``);
        await queryRunner.query(`DROP INDEX \`idx_organizations_kind_status\` ON \`organizations\``);
        await queryRunner.query(`DROP INDEX \`idx_organizations_commissioner\` ON \`organizations\``);
        await queryRunner.query(`DROP TABLE \`organizations\``);
        await queryRunner.query(`DROP INDEX \`uq_users_email\` ON \`users\``);
        await queryRunner.query(`DROP INDEX \`idx_users_org\` ON \`users\``);
        await queryRunner.query(`DROP TABLE \`users\``);
        await queryRunner.query(`DROP INDEX \`idx_outbox_due\` ON \`outbox\``);
        await queryRunner.query(`DROP TABLE \`outbox\``);
    }

}
