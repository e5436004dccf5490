import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each user's access-token generation: ending a user's sign-ins moves it on. */
export class AddUserTokenGeneration1795890000000 implements MigrationInterface {
  name = 'AddUserTokenGeneration1795890000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `users` ADD `token_generation` int NOT NULL DEFAULT 0',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `token_generation`');
  }
}
