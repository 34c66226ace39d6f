import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommandRequestHash1795600000000 implements MigrationInterface {
  name = 'CommandRequestHash1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "workflow_events" ADD "request_hash" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "workflow_events" DROP COLUMN "request_hash"');
  }
}
