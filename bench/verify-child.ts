/**
 * Runs AuditService.verifyAll in a process of its own, so its peak memory is that of a verification
 * run (as `npm run audit -- verify --all` would see it), not of the benchmark around it.
 * Usage: BENCH_DATABASE_URL=… node <compiled bench/verify-child.js> <tenant> (see build.ts)
 * Prints one JSON line: { ok, events, seconds, bootMb, peakMb }.
 */
import 'reflect-metadata';
import { AuditService } from '../src/audit/audit.service';
import { appContext } from './engine';

const mb = (kb: number) => kb / 1024;

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  const tenant = process.argv[2];
  if (!url || !tenant) throw new Error('usage: BENCH_DATABASE_URL=… verify-child.js <tenant>');
  const app = await appContext(url);
  try {
    const bootMb = mb(process.resourceUsage().maxRSS);
    const started = performance.now();
    const result = await app.get(AuditService).verifyAll(tenant);
    const seconds = (performance.now() - started) / 1000;
    // maxRSS is the process's high-water mark (getrusage ru_maxrss, in KiB): it includes boot.
    console.log(JSON.stringify({ ok: result.ok, events: result.events, firstBreak: result.firstBreak, seconds, bootMb, peakMb: mb(process.resourceUsage().maxRSS) }));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
