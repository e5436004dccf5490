import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddWhitelistEntryImportStamp1795868000000 implements MigrationInterface {
  name = 'AddWhitelistEntryImportStamp1795868000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `whitelist_entries` ADD `last_import_id` varchar(36) NULL, ADD `last_import_row` int NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `whitelist_entries` DROP COLUMN `last_import_row`, DROP COLUMN `last_import_id`',
    );
  }
}
