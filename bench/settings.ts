/** How much work each phase does. `--quick` keeps every phase and key, with smaller counts. */
export interface Settings {
  quick: boolean;
  /** Concurrent callers / connections in the raw, engine and http phases. */
  concurrency: number;
  /** Instances the raw, engine and http phases pick from at random. */
  instances: number;
  /** The load phases take turns `rounds` times: `seconds` measured after `warmupSeconds` not counted. */
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  /** How often replay folds the history (each against its own in-memory fold), for replay_ratio's spread. */
  replayRounds: number;
  /** Events in the long history that replay and verify fold. */
  historyEvents: number;
  /** Prior events of the long and the short instance in the history-scaling phase. */
  scalingLong: number;
  scalingShort: number;
  /** Sequential transitions timed on each of the two instances. */
  scalingRounds: number;
}

export function readSettings(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  return quick
    ? { quick, concurrency: 16, instances: 1_000, rounds: 3, seconds: 3, warmupSeconds: 1, replayRounds: 3, historyEvents: 20_000, scalingLong: 10_000, scalingShort: 10, scalingRounds: 300 }
    : { quick, concurrency: 16, instances: 10_000, rounds: 6, seconds: 5, warmupSeconds: 1, replayRounds: 3, historyEvents: 100_000, scalingLong: 10_000, scalingShort: 10, scalingRounds: 1_500 };
}
