import type { Pool } from 'pg';
import type { WorkflowDefinition } from '../workflows';
import { EngineService } from '../src/engine/engine.service';
import type { RequestContext } from '../src/engine/types';
import { clerk } from './engine';
import { generateHistory } from './history';
import { editMotion, MOTION_EVENT } from './motion';
import type { Settings } from './settings';

export interface Scaling {
  shortMs: number;
  longMs: number;
  ratio: number;
}

/**
 * Does a transition get slower as its history grows? One caller applies events alternately to a
 * motion with `scalingShort` prior events and one with `scalingLong`, so drift (checkpoints,
 * autovacuum, a busy neighbour) hits both alike; the ratio of the mean latencies is the answer.
 */
export async function historyScaling(pool: Pool, engine: EngineService, definition: WorkflowDefinition, settings: Settings): Promise<Scaling> {
  const tenant = 'bench-scaling';
  const ctx: RequestContext = { tenant, actor: clerk };
  const short = await generateHistory(pool, engine, definition, tenant, settings.scalingShort);
  const long = await generateHistory(pool, engine, definition, tenant, settings.scalingLong);
  let n = 0;
  const timed = async (id: string): Promise<number> => {
    const i = n++;
    const started = performance.now();
    await engine.apply(ctx, id, { type: MOTION_EVENT, payload: editMotion(i), idempotencyKey: `scaling-${i}` });
    return performance.now() - started;
  };
  for (let i = 0; i < 100; i++) await timed(i % 2 ? short : long);
  let shortMs = 0;
  let longMs = 0;
  for (let round = 0; round < settings.scalingRounds; round++) {
    if (round % 2) {
      shortMs += await timed(short);
      longMs += await timed(long);
    } else {
      longMs += await timed(long);
      shortMs += await timed(short);
    }
  }
  shortMs /= settings.scalingRounds;
  longMs /= settings.scalingRounds;
  return { shortMs, longMs, ratio: longMs / shortMs };
}
