/**
 * `npm run migration:generate -- Name` writes migrations/<timestamp>-Name.ts from the difference
 * between the entities and a scratch database migrated to the current head.
 * `npm run migration:check` fails when that difference is not empty (CI's drift check).
 */
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded';

async function scratchDatabase(): Promise<{ url: string; done: () => Promise<void> }> {
  const name = `bw_scratch_test_${process.pid}`;
  let server = process.env.TEST_DATABASE_URL;
  let stop = async () => undefined as unknown;
  if (!server) {
    const pg = await startEmbeddedPostgres({ dir: `.data/scratch-${process.pid}`, persistent: false });
    server = pg.url;
    stop = () => pg.stop();
  }
  const url = await ensureDatabase(server, name);
  return {
    url,
    done: async () => {
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await stop();
    },
  };
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const scratch = await scratchDatabase();
  try {
    await migrate(scratch.url);
    const ds = new DataSource(dataSourceOptions(scratch.url, 2));
    await ds.initialize();
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (command === 'check') {
      if (sql.upQueries.length) {
        console.error(`Entities and migrations differ; run npm run migration:generate -- <Name>:\n${sql.upQueries.map((q) => q.query).join(';\n')}`);
        process.exitCode = 1;
      } else console.log('migrations match the entities');
      return;
    }
    if (command !== 'generate' || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration generate <PascalCaseName> | migration check');
    if (!sql.upQueries.length) {
      console.log('nothing to generate');
      return;
    }
    const ts = Date.now();
    const q = (s: string) => `    await queryRunner.query(${JSON.stringify(s)});`;
    const file = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map((x) => q(x.query)).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((x) => q(x.query)).join('\n')}
  }
}
`;
    const path = `migrations/${ts}-${name}.ts`;
    writeFileSync(path, file);
    console.log(`wrote ${path}; add ${name}${ts} to migrations/index.ts`);
  } finally {
    await scratch.done();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
