import { MigrationInterface, QueryRunner } from 'typeorm';

/** The document shape each search index was last rebuilt with (IndexShape in libs/search). */
export class CreateSearchIndexShapes1795880000000 implements MigrationInterface {
  name = 'CreateSearchIndexShapes1795880000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `search_index_shapes` (`uid` varchar(191) NOT NULL, `shape` varchar(64) NOT NULL, `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), CONSTRAINT `pk_search_index_shapes` PRIMARY KEY (`uid`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `search_index_shapes`');
  }
}
