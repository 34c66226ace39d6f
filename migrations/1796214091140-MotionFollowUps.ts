import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A follow-up motion names the withdrawn motion whose subject it submits again (issue 13.6). The
 * listing keeps the link so the withdrawn motion finds its follow-up; each has at most one.
 */
export class MotionFollowUps1796214091140 implements MigrationInterface {
  name = 'MotionFollowUps1796214091140';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"motions\" ADD \"predecessor_id\" uuid");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_motions_predecessor\" ON \"motions\"  (\"predecessor_id\") WHERE predecessor_id IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"motions\" ADD CONSTRAINT \"fk_motions_predecessor\" FOREIGN KEY (\"predecessor_id\") REFERENCES \"motions\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"motions\" DROP CONSTRAINT \"fk_motions_predecessor\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_motions_predecessor\"");
    await queryRunner.query("ALTER TABLE \"motions\" DROP COLUMN \"predecessor_id\"");
  }
}
