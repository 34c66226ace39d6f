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
  /** The ratio of each third of the rounds. */
  thirds: number[];
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
  const thirds: number[] = [];
  let third = { short: 0, long: 0 };
  for (let round = 0; round < settings.scalingRounds; round++) {
    const [s, l] = round % 2 ? [await timed(short), await timed(long)] : ([await timed(long), await timed(short)].reverse() as [number, number]);
    third.short += s;
    third.long += l;
    if ((round + 1) % Math.ceil(settings.scalingRounds / 3) === 0 || round === settings.scalingRounds - 1) {
      thirds.push(third.long / third.short);
      shortMs += third.short;
      longMs += third.long;
      third = { short: 0, long: 0 };
    }
  }
  shortMs /= settings.scalingRounds;
  longMs /= settings.scalingRounds;
  return { shortMs, longMs, ratio: longMs / shortMs, thirds };
}
