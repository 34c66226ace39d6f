/**
 * `npm run bench:oparl [-- --papers N --requests N]`: the OParl paper list (limit 100) with 100,000
 * papers. Target (docs/performance.md, docs/oparl.md): p99 at most 50 ms, at any depth of the list.
 *
 * The bench seeds its own database: the Kreis Coesfeld case played through the app (one real,
 * released motion with its consultations), then that motion's instance and listing rows copied
 * until there are N papers (new ids and references, creation times a second apart). The app's seed
 * never does this. Then it asks the running app over HTTP, one request at a time, for first pages,
 * pages deep in the list (keyset cursors at random papers) and `modified_since` pages without the
 * embedded lists, and reports p50/p99 per kind. The last line is one JSON object.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { seedDatabase } from '../seeds/seed';
import { createApp } from '../src/app.factory';
import { SettableClock } from '../src/common/clock';
import { OParlRepository } from '../src/oparl/oparl.repository';
import { benchDatabase } from './database';

const TARGET_P99_MS = 50;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Copies the seeded motion until there are `papers` released motions. Bench-only data, written directly. */
async function multiplyPapers(url: string, motionId: string, papers: number): Promise<string[]> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    await pg.query('BEGIN');
    await pg.query(
      `INSERT INTO workflow_instances (id, tenant, workflow_type, machine_version, input, state_value, status, snapshot, version, head_hash, created_by, created_at, updated_at)
       SELECT gen_random_uuid(), tenant, workflow_type, machine_version, input, state_value, status,
              jsonb_set(snapshot, '{context,reference}', to_jsonb('BENCH-' || g)), version, head_hash, created_by,
              created_at + g * interval '1 second', updated_at + g * interval '1 second'
         FROM workflow_instances, generate_series(1, $2::int) AS g
        WHERE id = $1`,
      [motionId, papers - 1],
    );
    await pg.query(
      `INSERT INTO motions (id, tenant, reference, title, department, deciding_body_id, current_body_id, body_ids, status, non_public_sections, created_at, updated_at)
       SELECT i.id, m.tenant, i.snapshot->'context'->>'reference', m.title, m.department, m.deciding_body_id, m.current_body_id, m.body_ids, m.status,
              m.non_public_sections, i.created_at, i.updated_at
         FROM workflow_instances i CROSS JOIN motions m
        WHERE m.id = $1 AND i.workflow_type = 'motion' AND i.id <> $1 AND i.snapshot->'context'->>'reference' LIKE 'BENCH-%'`,
      [motionId],
    );
    await pg.query('COMMIT');
    // a database in steady state: statistics, visibility map and hint bits set, as autovacuum would leave them
    await pg.query('VACUUM (ANALYZE) workflow_instances, motions');
    const { rows } = await pg.query<{ id: string }>(`SELECT id FROM motions WHERE tenant = 'kreis-coesfeld' ORDER BY id`);
    return rows.map((r) => r.id);
  } finally {
    await pg.end();
  }
}

async function main(): Promise<void> {
  const papers = option('papers', 100_000);
  const requests = option('requests', 600);
  Object.assign(process.env, { TIMERS: 'off', OUTBOX_POLL: 'off', CHECKPOINT_INTERVAL_MINUTES: '0', RATE_LIMIT_PER_MINUTE: '10000000' });
  const db = await benchDatabase();
  try {
    const started = Date.now();
    const seeded = await seedDatabase(db.url);
    if (!seeded) throw new Error('the bench database already held the case');
    const ids = await multiplyPapers(db.url, seeded.motionId, papers);
    console.log(`seeded ${ids.length} papers in ${((Date.now() - started) / 1000).toFixed(1)} s (${db.server})`);

    const app = await createApp({ databaseUrl: db.url, clock: new SettableClock(new Date('2020-09-01T00:00:00Z')), logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/oparl/v1.1/body/kreis-coesfeld/paper`;
    try {
      // a cursor with at least a full page after it
      const cursor = () => ids[Math.floor(Math.random() * (ids.length - 100))]!;
      const kinds = {
        // canonical URLs (100 is the default limit, so it is not spelled out): no request is a redirect
        first: () => base,
        deep: () => `${base}?after=${cursor()}`,
        modifiedSince: () => `${base}?modified_since=${encodeURIComponent('2020-07-01T00:00:00+02:00')}&omit_internal=true&after=${cursor()}`,
      };
      const timings: Record<keyof typeof kinds, number[]> = { first: [], deep: [], modifiedSince: [] };
      // the same loop's floor: GET /health (one trivial query), interleaved, so a loaded machine shows as such
      const health = base.replace(/\/oparl\/.*$/, '/health');
      const floor: number[] = [];
      // the database's share: the repository's page query alone, in process, at the same random depths
      const repository = app.get(OParlRepository);
      const database: number[] = [];
      const names = Object.keys(kinds) as (keyof typeof kinds)[];
      const ask = async (url: string): Promise<number> => {
        const t0 = process.hrtime.bigint();
        const res = await fetch(url, { redirect: 'manual' });
        const body = (res.status === 200 ? await res.json() : {}) as { data?: unknown[] };
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.status !== 200 || !Array.isArray(body.data) || body.data.length !== 100) throw new Error(`${url} answered ${res.status} with ${body.data?.length ?? 'no'} papers`);
        return ms;
      };
      for (let i = 0; i < 60; i++) await ask(kinds[names[i % names.length]!]()); // warm-up, not counted
      for (let i = 0; i < requests; i++) {
        const kind = names[i % names.length]!;
        timings[kind].push(await ask(kinds[kind]()));
        if (i % 3 === 0) {
          const t0 = process.hrtime.bigint();
          const res = await fetch(health);
          await res.arrayBuffer();
          floor.push(Number(process.hrtime.bigint() - t0) / 1e6);
          const t1 = process.hrtime.bigint();
          await repository.papers('kreis-coesfeld', { omitInternal: false, limit: 100, after: cursor() });
          database.push(Number(process.hrtime.bigint() - t1) / 1e6);
        }
      }
      floor.sort((a, b) => a - b);
      database.sort((a, b) => a - b);
      const all = Object.values(timings).flat().sort((a, b) => a - b);
      const rows = Object.entries(timings).map(([kind, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return { kind, requests: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
      });
      console.log('\nOParl paper list, limit 100, one request at a time over HTTP');
      for (const r of rows) console.log(`  ${r.kind.padEnd(14)} ${String(r.requests).padStart(5)} requests   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms`);
      const p99 = percentile(all, 99);
      const ok = p99 <= TARGET_P99_MS;
      console.log(`  GET /health    ${String(floor.length).padStart(5)} requests   p50 ${percentile(floor, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(floor, 99).toFixed(1).padStart(6)} ms   (the floor of this machine right now)`);
      console.log(`  query only     ${String(database.length).padStart(5)} queries    p50 ${percentile(database, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(database, 99).toFixed(1).padStart(6)} ms   (OParlRepository.papers, no HTTP, no mapping)`);
      console.log(`  all            p99 ${p99.toFixed(1)} ms: ${ok ? 'within' : 'OVER'} the target of ${TARGET_P99_MS} ms`);
      console.log(
        JSON.stringify({
          oparl_papers: ids.length,
          oparl_paper_list_p50_ms: +percentile(all, 50).toFixed(2),
          oparl_paper_list_p99_ms: +p99.toFixed(2),
          health_p50_ms: +percentile(floor, 50).toFixed(2),
          health_p99_ms: +percentile(floor, 99).toFixed(2),
          query_p50_ms: +percentile(database, 50).toFixed(2),
          query_p99_ms: +percentile(database, 99).toFixed(2),
          oparl_target_p99_ms: TARGET_P99_MS,
          ok,
        }),
      );
      if (!ok) process.exitCode = 1;
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
