/**
 * npm run bench [-- --quick]
 *
 * Measures the engine against what the same PostgreSQL does for the same transaction with nothing
 * in between, in one run on one machine (see docs/performance.md). Runs on its own fresh database
 * (on DATABASE_URL's server, else an embedded PostgreSQL), prints a table, and as its last line one
 * JSON object with the figures.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { cpus } from 'node:os';
import { Pool } from 'pg';
import { AuditService } from '../src/audit/audit.service';
import { EngineService } from '../src/engine/engine.service';
import { WorkflowRegistry } from '../src/engine/registry';
import { buildApp, type Build } from './build';
import { benchDatabase, type BenchDatabase } from './database';
import { appContext, engineWorkload, motion, sample } from './engine';
import { generateHistory } from './history';
import { httpWorkload } from './http';
import { alternate, roundRatios, spread } from './load';
import { rawWorkload } from './raw';
import { bareReplay, pureSpeed, replay } from './replay';
import { atLeast, atMost, fixed, int, range, spreadKeys, summaryLine, table, type Summary } from './report';
import { historyScaling } from './scaling';
import { readSettings, type Settings } from './settings';
import { verifyPhase } from './verify';

const began = performance.now();
const progress = (text: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  progress(`${settings.quick ? 'quick' : 'full'} run: ${settings.instances} instances, ${settings.concurrency} callers, ${settings.rounds} × ${settings.seconds} s per load phase, ${settings.historyEvents} history events`);
  const db = await benchDatabase();
  try {
    progress(`database: ${db.server}; compiling the app for the server and verifier processes`);
    const build = await buildApp(`.data/${db.name}-build`);
    try {
      const app = await appContext(db.url);
      try {
        await measure(app, db, build, settings);
      } finally {
        await app.close();
      }
    } finally {
      await build.remove();
    }
  } finally {
    await db.close();
  }
}

async function measure(app: INestApplicationContext, db: BenchDatabase, build: Build, settings: Settings): Promise<void> {
  const engine = app.get(EngineService);
  const motionDefinition = app.get(WorkflowRegistry).latest('motion');
  const pool = new Pool({ connectionString: db.url, max: 4, application_name: 'bench-setup' });
  try {
    const { raw, eng, engSample, http, rssMb, target } = await loadPhases(app, db, settings, [build.js('src/main.ts')]);
    const hot = await motionsHotShare(pool);

    progress(`history: generating ${settings.historyEvents} events`);
    const historyTenant = 'bench-history';
    const historyId = await generateHistory(pool, engine, motionDefinition, historyTenant, settings.historyEvents);
    await db.admin('CHECKPOINT');

    progress(`replay: pure steps in memory, then the stored history, ${settings.replayRounds} rounds`);
    const audit = app.get(AuditService);
    const rounds: { pure: ReturnType<typeof pureSpeed>; replayEps: number }[] = [];
    for (let r = 0; r < settings.replayRounds; r++) {
      rounds.push({ pure: pureSpeed(engine, motionDefinition, settings.historyEvents), replayEps: await replay(audit, historyTenant, historyId, settings.historyEvents) });
    }
    const replayRatio = spread(rounds.map((r) => r.replayEps / r.pure.xstateEps));
    const replayEps = spread(rounds.map((r) => r.replayEps)).median;
    const pure = { xstateEps: spread(rounds.map((r) => r.pure.xstateEps)).median, stepEps: spread(rounds.map((r) => r.pure.stepEps)).median };
    const bareEps = await bareReplay(audit, engine, motionDefinition, historyId, settings.historyEvents);

    progress('verify: a signed checkpoint over the history, then AuditService.verifyAll (chains and the log tree) in its own process');
    await audit.checkpoint(historyTenant);
    const verify = await verifyPhase(build.js('bench/verify-child.ts'), db.url, historyTenant, settings.historyEvents);

    progress(`history scaling: ${settings.scalingLong} vs ${settings.scalingShort} prior events`);
    const scaling = await historyScaling(pool, engine, motionDefinition, settings);

    const verify100k = verify.seconds * (100_000 / settings.historyEvents);
    const engineRatio = roundRatios(eng, raw);
    const sampleRatio = roundRatios(engSample, raw);
    const httpRatio = roundRatios(http, raw);
    const tail = spread(http.roundP99Ms.map((p99, i) => p99 / http.roundP50Ms[i]!));
    const historyScaling_ = spread(scaling.thirds);
    const summary: Summary = {
      rounds: settings.rounds,
      raw_tps: raw.tps,
      engine_tps: eng.tps,
      ...spreadKeys('engine_ratio', engineRatio),
      ...spreadKeys('engine_sample_ratio', sampleRatio),
      motions_hot_share: hot,
      http_tps: http.tps,
      http_p50_ms: http.p50Ms,
      http_p99_ms: http.p99Ms,
      ...spreadKeys('http_ratio', httpRatio),
      ...spreadKeys('http_tail_ratio', tail),
      replay_eps: replayEps,
      ...spreadKeys('replay_ratio', replayRatio),
      verify_100k_s: verify100k,
      verify_peak_mb: verify.peakMb,
      ...spreadKeys('history_scaling', historyScaling_),
      rss_mb: rssMb,
    };
    const scaled = settings.historyEvents === 100_000 ? '' : ` (measured on ${int(settings.historyEvents)}, scaled linearly)`;
    console.log(`\nBeschlussweg benchmark, ${settings.quick ? 'QUICK' : 'full'} run: ${cpus().length} cores, Node ${process.version}, ${db.server}`);
    console.log(`${settings.concurrency} callers, ${int(settings.instances)} instances each; raw, engine (motion, sample) and http in turn, ${settings.rounds} × ${settings.seconds} s measured each (${settings.warmupSeconds} s warm-up per turn)\n`);
    console.log(
      table([
        { measure: 'raw TPS (pg, prepared, same tables)', value: int(raw.tps), note: `mean ${fixed(raw.meanMs)} ms per transaction` },
        { measure: 'engine TPS (EngineService.apply, motion)', value: int(eng.tps), note: `mean ${fixed(eng.meanMs)} ms; EDIT_MOTION with idempotency key` },
        { measure: 'engine_ratio (median)', value: fixed(summary.engine_ratio, 3), target: atLeast(summary.engine_ratio, 0.85), note: range(engineRatio) },
        { measure: 'engine TPS, sample workflow', value: int(engSample.tps), note: `ratio ${fixed(sampleRatio.median, 3)} (${range(sampleRatio)}); small snapshot, no listing row: the engine's own cost` },
        { measure: 'motions listing updates that were HOT', value: `${fixed(hot * 100, 1)} %`, note: 'pg_stat_user_tables.n_tup_hot_upd / n_tup_upd of `motions`' },
        { measure: 'http TPS', value: int(http.tps), note: target },
        { measure: 'http p50 / p99 (ms)', value: `${fixed(http.p50Ms, 1)} / ${fixed(http.p99Ms, 1)}`, note: `${int(http.ops)} requests, all 2xx; autocannon, ${settings.concurrency} connections; median p50, worst round's p99` },
        { measure: 'http_ratio (median)', value: fixed(summary.http_ratio, 3), target: atLeast(summary.http_ratio, 0.6), note: range(httpRatio) },
        { measure: 'http p99 / p50 (median)', value: fixed(summary.http_tail_ratio, 2), target: atMost(summary.http_tail_ratio, 4, 2), note: range(tail, 2) },
        { measure: 'XState transition(), in memory (events/s)', value: int(pure.xstateEps), note: 'the library function, motion EDIT_MOTION' },
        { measure: "engine's pure step, in memory (events/s)", value: int(pure.stepEps), note: 'same macrostep, one inert actor scope per machine' },
        { measure: 'replay (events/s)', value: int(replayEps), note: `AuditService.stateAsOf over ${int(settings.historyEvents)} stored events, chain checked` },
        { measure: 'replay without chain checks (events/s)', value: int(bareEps), note: 'the same stored events, read and folded only' },
        { measure: 'replay_ratio (median)', value: fixed(summary.replay_ratio, 3), target: atLeast(summary.replay_ratio, 0.5), note: `${range(replayRatio)}; replay / transition(); / the engine's step: ${fixed(replayEps / pure.stepEps, 3)}` },
        { measure: 'verify 100k events (s)', value: fixed(verify100k), note: `verifyAll: sequence, chain, replay, snapshot, log tree vs signed checkpoint${scaled}` },
        { measure: 'verify peak RSS (MB)', value: fixed(verify.peakMb, 0), target: atMost(verify.peakMb, 256, 0), note: `its own process, compiled app; ${fixed(verify.bootMb, 0)} MB after boot` },
        { measure: 'transition latency, short / long history (ms)', value: `${fixed(scaling.shortMs)} / ${fixed(scaling.longMs)}`, note: `${settings.scalingShort} vs ${int(settings.scalingLong)} prior events, one caller` },
        { measure: 'history_scaling (median)', value: fixed(summary.history_scaling, 3), target: atMost(summary.history_scaling, 1.15), note: `${fixed(historyScaling_.min, 3)}–${fixed(historyScaling_.max, 3)} over the three thirds of the rounds` },
        { measure: 'server peak RSS under load (MB)', value: fixed(rssMb, 0), target: atMost(rssMb, 300, 0), note: 'VmHWM of the server process, compiled app' },
      ]),
    );
    console.log(summaryLine(summary));
  } finally {
    await pool.end();
  }
}

/** Share of the `motions` listing updates that were HOT (no index entries written): the engine phase's projection. */
async function motionsHotShare(pool: Pool): Promise<number> {
  await new Promise((r) => setTimeout(r, 1_000)); // backends report their counters at most once a second
  const { rows } = await pool.query<{ upd: string; hot: string }>(`SELECT n_tup_upd AS upd, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = 'motions'`);
  const upd = Number(rows[0]?.upd ?? 0);
  return upd ? Number(rows[0]!.hot) / upd : Number.NaN;
}

/** Raw, the engine (motion, then sample) and http in turn on the same database, so their ratios compare like with like. */
async function loadPhases(app: INestApplicationContext, db: BenchDatabase, settings: Settings, serverArgs: string[]) {
  progress('setting up: raw instances; motions and samples through the engine; the server with its own samples');
  const raw = await rawWorkload(db.url, settings);
  const workloads = [raw, await engineWorkload(app, settings, motion), await engineWorkload(app, settings, sample)];
  const http = await httpWorkload(app, db.url, settings, serverArgs).catch(async (error: unknown) => {
    await raw.close();
    throw error;
  });
  workloads.push(http);
  try {
    progress(`load: ${workloads.map((w) => w.name).join(', ')} in turn, ${settings.rounds} round(s) of ${settings.seconds} s each`);
    const [r, m, s, h] = await alternate(workloads, settings.rounds, settings.seconds, settings.warmupSeconds, () => db.admin('CHECKPOINT'));
    return { raw: r!, eng: m!, engSample: s!, http: h!, rssMb: http.peakRssMb(), target: http.target };
  } finally {
    for (const w of workloads) await w.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
