export interface Slice {
  ops: number;
  seconds: number;
  /** Sum of operation latencies, for the mean. */
  busyMs: number;
  /** Latency percentiles of this slice, when the load generator reports them. */
  p50Ms?: number;
  p99Ms?: number;
}

/** Something that can put load on the system for a while: raw SQL, the engine, the HTTP server. */
export interface Workload {
  name: string;
  run(seconds: number, warmupSeconds: number): Promise<Slice>;
  close(): Promise<void>;
}

export interface LoadResult {
  tps: number;
  /** Operations per second of each round, in order (the turns of `alternate`), and their p50 and p99 when reported. */
  roundTps: number[];
  roundP50Ms: number[];
  roundP99Ms: number[];
  ops: number;
  meanMs: number;
  /** Median of the slices' p50, and the worst slice's p99 (when reported). */
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs the workloads in turns (A B C A B C …), so that a neighbour's load, a checkpoint or
 * autovacuum hits all of them alike and their ratio stays meaningful on a shared machine.
 */
export async function alternate(workloads: Workload[], rounds: number, seconds: number, warmupSeconds: number, between?: () => Promise<void>): Promise<LoadResult[]> {
  const slices = workloads.map((): Slice[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, w] of workloads.entries()) {
      slices[i]!.push(await w.run(seconds, warmupSeconds));
      await between?.();
    }
  }
  return slices.map(combine);
}

function combine(slices: Slice[]): LoadResult {
  const ops = slices.reduce((n, s) => n + s.ops, 0);
  const seconds = slices.reduce((n, s) => n + s.seconds, 0);
  const busyMs = slices.reduce((n, s) => n + s.busyMs, 0);
  const p50s = slices.map((s) => s.p50Ms ?? Number.NaN).sort((a, b) => a - b);
  return {
    tps: ops / seconds,
    roundTps: slices.map((s) => s.ops / s.seconds),
    roundP50Ms: slices.map((s) => s.p50Ms ?? Number.NaN),
    roundP99Ms: slices.map((s) => s.p99Ms ?? Number.NaN),
    ops,
    meanMs: ops ? busyMs / ops : 0,
    p50Ms: p50s[Math.floor(p50s.length / 2)]!,
    p99Ms: Math.max(...slices.map((s) => s.p99Ms ?? Number.NaN)),
  };
}

/**
 * Closed-loop load: `concurrency` callers each run `op` back to back. The first `warmupSeconds`
 * are not counted; then operations that finish within the next `seconds` are. Any failed
 * operation fails the run: a benchmark of refusals would measure the wrong thing.
 */
export async function closedLoop(concurrency: number, seconds: number, warmupSeconds: number, op: (caller: number) => Promise<void>): Promise<Slice> {
  const measureFrom = performance.now() + warmupSeconds * 1000;
  const measureUntil = measureFrom + seconds * 1000;
  let ops = 0;
  let busyMs = 0;
  const caller = async (index: number): Promise<void> => {
    for (let now = performance.now(); now < measureUntil; ) {
      await op(index);
      const done = performance.now();
      if (now >= measureFrom && done <= measureUntil) {
        ops++;
        busyMs += done - now;
      }
      now = done;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => caller(i)));
  return { ops, seconds, busyMs };
}

/** Runs `work` for items 0..count-1 with `concurrency` in flight: bulk set-up through real code paths. */
export async function inParallel(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The median, smallest and largest of some measurements (rounds of one ratio), so a reader can see what is noise. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b); // a round without answers has no p50
  if (!sorted.length) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** One ratio per round: round i of `a` over round i of `b` (they ran in the same turn, so the same neighbour load hit both). */
export const roundRatios = (a: LoadResult, b: LoadResult): Spread => spread(a.roundTps.map((tps, i) => tps / b.roundTps[i]!));
