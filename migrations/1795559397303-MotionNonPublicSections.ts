import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MotionNonPublicSections1795559397303 implements MigrationInterface {
  name = 'MotionNonPublicSections1795559397303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"motions\" ADD \"non_public_sections\" text array NOT NULL DEFAULT '{}'");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"motions\" DROP COLUMN \"non_public_sections\"");
  }
}
