import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted per account and client address, replacing the per-account count and
 * lock on `users`: a lockout there locked the owner out along with whoever guessed.
 */
export class CreateLoginFailures1795890000100 implements MigrationInterface {
  name = 'CreateLoginFailures1795890000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `login_failures` (`account_key` varchar(64) NOT NULL, `address_hash` varchar(64) NOT NULL, `failures` int NOT NULL, `locked_until` datetime(3) NULL, `expires_at` datetime(3) NOT NULL, INDEX `idx_login_failures_expiry` (`expires_at`), PRIMARY KEY (`account_key`, `address_hash`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `users` DROP COLUMN `failed_logins`, DROP COLUMN `locked_until`',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `users` ADD `failed_logins` int NOT NULL DEFAULT '0', ADD `locked_until` datetime(3) NULL",
    );
    await queryRunner.query('DROP INDEX `idx_login_failures_expiry` ON `login_failures`');
    await queryRunner.query('DROP TABLE `login_failures`');
  }
}
