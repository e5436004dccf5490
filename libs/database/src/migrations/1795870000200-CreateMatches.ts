import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMatches1795870000200 implements MigrationInterface {
  name = 'CreateMatches1795870000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `matches` (`id` varchar(36) NOT NULL, `need_id` varchar(36) NOT NULL, `product_id` varchar(36) NOT NULL, `need_org_id` varchar(36) NOT NULL, `product_org_id` varchar(36) NOT NULL, `score` int NOT NULL, `reasons` text NOT NULL, `status` varchar(16) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_matches_product_org_status_score` (`product_org_id`, `status`, `score`), INDEX `idx_matches_need_org_status_score` (`need_org_id`, `status`, `score`), INDEX `idx_matches_product` (`product_id`), UNIQUE INDEX `uq_matches_need_product` (`need_id`, `product_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_matches_need_product` ON `matches`');
    await queryRunner.query('DROP INDEX `idx_matches_product` ON `matches`');
    await queryRunner.query('DROP INDEX `idx_matches_need_org_status_score` ON `matches`');
    await queryRunner.query('DROP INDEX `idx_matches_product_org_status_score` ON `matches`');
    await queryRunner.query('DROP TABLE `matches`');
  }
}
