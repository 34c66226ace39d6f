import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { EngineService } from '../src/engine/engine.service';
import type { RequestContext } from '../src/engine/types';
import { closedLoop, inParallel, pick, type Workload } from './load';
import { editMotion, motionInput, MOTION_EVENT } from './motion';
import { editSample, sampleInput, SAMPLE_EVENT } from './sample';
import type { Settings } from './settings';

export const clerk = { id: 'bench-clerk', role: 'clerk' };

/** The app as the server builds it, minus HTTP and minus background pollers that would add noise. */
export async function appContext(databaseUrl: string): Promise<INestApplicationContext> {
  process.env.OUTBOX_POLL = 'off';
  process.env.TIMERS = 'off';
  process.env.CHECKPOINT_INTERVAL_MINUTES = '0';
  return NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl }), { logger: ['error', 'warn'] });
}

/** A workflow the benchmark drives: how to start an instance and an event it accepts again and again. */
export interface Subject {
  type: string;
  event: string;
  input(i: number): unknown;
  payload(i: number): Record<string, unknown>;
}

export const motion: Subject = { type: 'motion', event: MOTION_EVENT, input: (i) => motionInput(`BENCH-${i}`), payload: editMotion };
export const sample: Subject = { type: 'sample', event: SAMPLE_EVENT, input: () => sampleInput, payload: editSample };

/** Instances created through the engine (real genesis hash, projector and all). */
export async function createInstances(engine: EngineService, ctx: RequestContext, subject: Subject, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(count, concurrency, async (i) => {
    ids.push((await engine.create(ctx, subject.type, subject.input(i))).id);
  });
  return ids;
}

/**
 * EngineService.apply in-process: `concurrency` callers send the subject's event, each with its
 * own idempotency key, to random instances. Every call is one full engine transaction.
 */
export async function engineWorkload(app: INestApplicationContext, settings: Settings, subject: Subject): Promise<Workload> {
  const engine = app.get(EngineService);
  const ctx: RequestContext = { tenant: `bench-engine-${subject.type}`, actor: clerk };
  const ids = await createInstances(engine, ctx, subject, settings.instances, settings.concurrency);
  let n = 0;
  return {
    name: `engine ${subject.type}`,
    run: (seconds, warmupSeconds) =>
      closedLoop(settings.concurrency, seconds, warmupSeconds, async () => {
        const i = n++;
        const applied = await engine.apply(ctx, pick(ids), { type: subject.event, payload: subject.payload(i), idempotencyKey: `engine-${i}` });
        if (applied.replayed) throw new Error('engine: a fresh idempotency key was answered as a replay');
      }),
    close: async () => undefined,
  };
}
