import type { MigrationInterface, QueryRunner } from 'typeorm';
import { citationKey } from '../workflows/motion/citation';

/**
 * Catalogue keys become canonical citation keys (§, Abs., lit., Nr., Satz, parentheses, spacing, case
 * and the law's spelling aside), so two spellings of one provision can no longer be two entries.
 * Refuses to run when existing entries turn out to cite the same provision: an admin must merge them.
 */
export class CanonicalCitationKeys1795600100000 implements MigrationInterface {
  name = 'CanonicalCitationKeys1795600100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query('SELECT id, tenant, citation FROM competence_catalogue ORDER BY tenant, citation')) as { id: string; tenant: string; citation: string }[];
    const seen = new Map<string, string>();
    for (const row of rows) {
      const key = `${row.tenant} ${citationKey(row.citation)}`;
      const twin = seen.get(key);
      if (twin) throw new Error(`competence catalogue of ${row.tenant}: "${twin}" and "${row.citation}" cite the same provision; merge them before migrating`);
      seen.set(key, row.citation);
    }
    for (const row of rows) await queryRunner.query('UPDATE competence_catalogue SET citation_key = $2 WHERE id = $1', [row.id, citationKey(row.citation)]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE competence_catalogue SET citation_key = lower(regexp_replace(btrim(citation), '\\s+', ' ', 'g'))`);
  }
}
