import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface VerifyRun {
  events: number;
  seconds: number;
  /** Peak RSS of the verifying process, boot included; bootMb is the same after boot, before verifying. */
  peakMb: number;
  bootMb: number;
}

/** AuditService.verifyAll (sequence, hash chain, replay, stored snapshot) of one tenant, in its own process. */
export async function verifyPhase(script: string, databaseUrl: string, tenant: string, expectedEvents: number): Promise<VerifyRun> {
  // the URL goes in the environment, not the command line, where `ps` would show its password
  const { stdout } = await promisify(execFile)(process.execPath, [script, tenant], { env: { ...process.env, BENCH_DATABASE_URL: databaseUrl }, maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as VerifyRun & { ok: boolean; firstBreak: unknown };
  if (!result.ok) throw new Error(`verify found a break in the generated history: ${JSON.stringify(result.firstBreak)}`);
  if (result.events !== expectedEvents) throw new Error(`verify checked ${result.events} events, expected ${expectedEvents}`);
  return result;
}
