/**
 * Auditor's command line.
 *   npm run audit -- verify [--all | --instance ID] [--tenant T]   exit code 1 on any break
 *   npm run audit -- export ID --out FILE                           evidence bundle (JSON)
 *   npm run audit -- verify-bundle FILE [--public-key PEM_FILE]     offline: no server, no database
 *   npm run audit -- checkpoint [--tenant T]                        sign a checkpoint now
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { verifyBundle } from '../src/audit/bundle';
import { AuditService } from '../src/audit/audit.service';
import { AppModule } from '../src/app.module';
import { migrate } from '../src/database/data-source';
import { Database } from '../src/engine/database';
import { resolveDatabase } from './db-url';

const USAGE = 'usage: audit verify [--all | --instance ID] [--tenant T] | export ID --out FILE | verify-bundle FILE [--public-key FILE] | checkpoint [--tenant T]';

async function withAudit<T>(work: (audit: AuditService, db: Database) => Promise<T>): Promise<T> {
  process.env.OUTBOX_POLL = 'off';
  process.env.CHECKPOINT_INTERVAL_MINUTES = '0';
  const database = await resolveDatabase();
  try {
    await migrate(database.url);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: database.url }), { logger: ['error'] });
    try {
      return await work(app.get(AuditService), app.get(Database));
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { all: { type: 'boolean' }, instance: { type: 'string' }, tenant: { type: 'string' }, out: { type: 'string' }, 'public-key': { type: 'string' } },
  });
  const [command, arg] = positionals;
  switch (command ?? '') {
    case 'verify':
      return withAudit(async (audit) => {
        if (values.instance) {
          const r = await audit.verifyInstance(values.tenant ?? null, values.instance);
          console.log(r.ok ? `OK ${values.instance}: ${r.events} events verified` : `BROKEN ${r.firstBreak!.instanceId} at #${r.firstBreak!.seq}: ${r.firstBreak!.reason}`);
          return r.ok ? 0 : 1;
        }
        if (!values.all) throw new Error(USAGE);
        const bar = new SingleBar({ format: 'verifying [{bar}] {value}/{total} instances, {events} events', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 }, Presets.shades_classic);
        let started = false;
        const r = await audit.verifyAll(values.tenant ?? null, (done, total, events) => {
          if (!started) {
            bar.start(total, 0, { events: 0 });
            started = true;
          }
          bar.update(done, { events });
        });
        if (started) bar.stop();
        console.log(r.ok ? `OK: ${r.instances} instances, ${r.events} events verified (sequence, hash chain, replay, stored snapshot)` : `BROKEN ${r.firstBreak!.instanceId} at #${r.firstBreak!.seq}: ${r.firstBreak!.reason}`);
        return r.ok ? 0 : 1;
      });
    case 'export':
      if (!arg || !values.out) throw new Error(USAGE);
      return withAudit(async (audit, db) => {
        const { rows } = await db.pool.query<{ tenant: string }>('SELECT tenant FROM workflow_instances WHERE id = $1', [arg]);
        if (!rows[0]) throw new Error(`no instance ${arg}`);
        const bundle = await audit.exportBundle({ tenant: rows[0].tenant, actor: { id: 'audit-cli', role: 'auditor' } }, arg);
        writeFileSync(values.out!, JSON.stringify(bundle, null, 2));
        console.log(`wrote ${values.out}: ${bundle.instances.length} instance(s), checkpoint ${bundle.checkpoint.root.slice(0, 16)}… key ${bundle.checkpoint.keyFingerprint.slice(0, 16)}…`);
        return 0;
      });
    case 'verify-bundle': {
      if (!arg) throw new Error(USAGE);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(arg, 'utf8'));
      } catch (error) {
        console.log(`INVALID ${arg}: not readable JSON (${(error as Error).message})`);
        return 1;
      }
      const check = verifyBundle(parsed, { trustedPublicKey: values['public-key'] ? readFileSync(values['public-key'], 'utf8') : undefined });
      for (const i of check.instances) console.log(`${i.ok ? 'ok    ' : 'BROKEN'} ${i.workflowType} ${i.instanceId} (${i.events} events)`);
      if (check.checkpoint) console.log(`checkpoint ${check.checkpoint.root} of ${check.checkpoint.createdAt}, key fingerprint ${check.checkpoint.keyFingerprint}`);
      for (const p of check.problems) console.log(`problem: ${p}`);
      console.log(check.ok ? 'VALID: the bundle is complete, unchanged and covered by the signed checkpoint' : 'INVALID');
      return check.ok ? 0 : 1;
    }
    case 'checkpoint':
      return withAudit(async (audit, db) => {
        const tenants = values.tenant ? [values.tenant] : (await db.pool.query<{ tenant: string }>('SELECT DISTINCT tenant FROM workflow_instances ORDER BY 1')).rows.map((r) => r.tenant);
        for (const tenant of tenants) {
          const c = await audit.checkpoint(tenant);
          console.log(`${tenant}: checkpoint #${c.id} root ${c.root} over ${c.leafCount} instance(s)${c.conflicts.length ? `, ${c.conflicts.length} CONFLICT(S) with the previous checkpoint` : ''}`);
        }
        return 0;
      });
    default:
      throw new Error(USAGE);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);
