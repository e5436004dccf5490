import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateDockingChat1795870000300 implements MigrationInterface {
    name = 'CreateDockingChat1795870000300'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`docking_read_markers\` (\`session_id\` varchar(36) NOT NULL, \`user_id\` varchar(36) NOT NULL, \`seq\` int NOT NULL, \`updated_at\` datetime(3) NOT NULL, PRIMARY KEY (\`session_id\`, \`user_id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`docking_messages\` (\`id\` varchar(36) NOT NULL, \`session_id\` varchar(36) NOT NULL, \`seq\` int NOT NULL, \`client_id\` varchar(36) NOT NULL, \`sender_id\` varchar(36) NOT NULL, \`sender_role\` varchar(16) NOT NULL, \`body\` text NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_docking_messages_sender_client\` (\`session_id\`, \`sender_id\`, \`client_id\`), UNIQUE INDEX \`uq_docking_messages_session_seq\` (\`session_id\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`uq_docking_messages_session_seq\` ON \`docking_messages\``);
        await queryRunner.query(`DROP INDEX \`uq_docking_messages_sender_client\` ON \`docking_messages\``);
        await queryRunner.query(`DROP TABLE \`docking_messages\``);
        await queryRunner.query(`DROP TABLE \`docking_read_markers\``);
    }

}
