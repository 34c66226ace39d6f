import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every motion event rewrites the listing row's `updated_at`. While `ix_motions_status` held that
 * column, no such update could be HOT (pg_stat_user_tables.n_tup_hot_upd stayed 0): each one wrote a
 * new entry into all three indexes. Without it, and with room left on each page for the new row
 * version, the update stays on its page and touches no index. Lists still filter by tenant and status
 * through the index and sort one Körperschaft's matches by `updated_at`.
 */
export class MotionListingHotUpdates1796196790148 implements MigrationInterface {
  name = 'MotionListingHotUpdates1796196790148';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_motions_status\"");
    await queryRunner.query("CREATE INDEX \"ix_motions_status\" ON \"motions\"  (\"tenant\", \"status\") ");
    await queryRunner.query('ALTER TABLE "motions" SET (fillfactor = 80)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "motions" RESET (fillfactor)');
    await queryRunner.query("DROP INDEX \"public\".\"ix_motions_status\"");
    await queryRunner.query("CREATE INDEX \"ix_motions_status\" ON \"motions\" USING btree (\"tenant\", \"status\", \"updated_at\") ");
  }
}
