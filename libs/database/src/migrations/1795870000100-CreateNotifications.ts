import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1795870000100 implements MigrationInterface {
  name = 'CreateNotifications1795870000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `notifications` (`id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `kind` varchar(32) NOT NULL, `title` varchar(200) NOT NULL, `body` text NOT NULL, `data` text NOT NULL, `dedupe_key` varchar(128) NOT NULL, `read_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_notifications_user_read_created` (`user_id`, `read_at`, `created_at`), UNIQUE INDEX `uq_notifications_user_dedupe` (`user_id`, `dedupe_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_notifications_user_dedupe` ON `notifications`');
    await queryRunner.query('DROP INDEX `idx_notifications_user_read_created` ON `notifications`');
    await queryRunner.query('DROP TABLE `notifications`');
  }
}
