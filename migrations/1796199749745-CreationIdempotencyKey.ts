import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreationIdempotencyKey1796199749745 implements MigrationInterface {
  name = 'CreationIdempotencyKey1796199749745';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"workflow_instances\" ADD \"creation_key\" text");
    await queryRunner.query("ALTER TABLE \"workflow_instances\" ADD \"creation_hash\" text");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_workflow_instances_creation_key\" ON \"workflow_instances\"  (\"tenant\", \"workflow_type\", \"created_by\", \"creation_key\") WHERE \"creation_key\" IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ux_workflow_instances_creation_key\"");
    await queryRunner.query("ALTER TABLE \"workflow_instances\" DROP COLUMN \"creation_hash\"");
    await queryRunner.query("ALTER TABLE \"workflow_instances\" DROP COLUMN \"creation_key\"");
  }
}
