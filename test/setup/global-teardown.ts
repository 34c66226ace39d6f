import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const server = process.env.BW_TEST_SERVER_URL;
  const template = process.env.BW_TEST_TEMPLATE;
  const embedded = (globalThis as { __bwEmbedded?: { stop(): Promise<void> } }).__bwEmbedded;
  if (server && template && !embedded) {
    const admin = new Client({ connectionString: server });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`bw_test_%_${process.pid}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  }
  await embedded?.stop();
}
