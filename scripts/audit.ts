/**
 * Auditor's command line.
 *   npm run audit -- verify [--all | --instance ID] [--tenant T]   exit code 1 on any break; checks the signed checkpoints too
 *   npm run audit -- export ID --out FILE [--from SIZE]             evidence bundle (JSON)
 *   npm run audit -- verify-bundle FILE [--public-key PEM_FILE] [--trusted NOTE_FILE] [--tsa-cert PEM_FILE]
 *                                                                   offline: no server, no database
 *   npm run audit -- checkpoint [--tenant T]                        sign a checkpoint now
 *   npm run audit -- verify-document FILE                           which instance and event issued a PDF; exit 1 if none
 * Witness and monitor (outside the app: no database, only the public HTTP endpoints):
 *   npm run audit -- witness-key --key FILE --name NAME            print the witness's verifier key (for AUDIT_WITNESS_KEYS)
 *   npm run audit -- cosign CHECKPOINT --key FILE --name NAME --log-key VKEY [--url BASE] [--state FILE] [--out FILE]
 *   npm run audit -- monitor --state FILE --url BASE --tenant T --log-key VKEY [--webhook URL]   for cron; exit 1 on an alarm
 */
import 'reflect-metadata';
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { verifyBundle, type Bundle } from '../src/audit/bundle';
import { AuditService } from '../src/audit/audit.service';
import { cosign, formatNote, parseNote, parseVerifier, verifierFor, COSIGNATURE_V1 } from '../src/audit/note';
import { certificatesFromPem, verifyTimestamp } from '../src/audit/tsa';
import { checkAdvance, fetchCheckpoint, httpProofs, tenantOfOrigin } from '../src/audit/witness';
import { toBerlinIso } from '../src/common/berlin-time';
import { AppModule } from '../src/app.module';
import { migrate } from '../src/database/data-source';
import { DocumentVerifier } from '../src/documents/verify';
import { Database } from '../src/engine/database';
import { resolveDatabase } from './db-url';

const USAGE =
  'usage: audit verify [--all | --instance ID] [--tenant T] | export ID --out FILE [--from SIZE] | verify-bundle FILE [--public-key FILE] [--trusted FILE] [--tsa-cert FILE] | checkpoint [--tenant T]' +
  ' | verify-document FILE | witness-key --key FILE --name NAME | cosign CHECKPOINT_FILE --key FILE --name NAME --log-key VKEY [--url BASE] [--state FILE] [--out FILE] | monitor --state FILE --url BASE --tenant T --log-key VKEY [--webhook URL]';

/** A verifier key given inline or as a file holding one. */
const vkeyArg = (value: string | undefined, what: string) => {
  if (!value) throw new Error(`${what} is required\n${USAGE}`);
  return parseVerifier(existsSync(value) ? readFileSync(value, 'utf8') : value);
};

function bar(label: string): { update(done: number, total: number, extra?: Record<string, unknown>): void; stop(): void } {
  const b = new SingleBar({ format: `${label} [{bar}] {value}/{total}{extra}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, extra = {}) {
      if (!started) {
        b.start(total, 0, { extra: '' });
        started = true;
      }
      b.setTotal(total);
      b.update(done, { extra: Object.entries(extra).map(([k, v]) => `, ${String(v)} ${k}`).join('') });
    },
    stop: () => started && b.stop(),
  };
}

async function withAudit<T>(work: (audit: AuditService, db: Database, get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>): Promise<T> {
  process.env.OUTBOX_POLL = 'off';
  process.env.CHECKPOINT_INTERVAL_MINUTES = '0';
  const database = await resolveDatabase();
  try {
    await migrate(database.url);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: database.url }), { logger: ['error'] });
    try {
      return await work(app.get(AuditService), app.get(Database), (type) => app.get(type));
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
    options: {
      all: { type: 'boolean' },
      instance: { type: 'string' },
      tenant: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      'public-key': { type: 'string' },
      trusted: { type: 'string' },
      'tsa-cert': { type: 'string' },
      key: { type: 'string' },
      name: { type: 'string' },
      'log-key': { type: 'string' },
      url: { type: 'string' },
      state: { type: 'string' },
      webhook: { type: 'string' },
    },
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
        const progress = bar('verifying');
        const r = await audit.verifyAll(values.tenant ?? null, (done, total, events) => progress.update(done, total, { events }));
        progress.stop();
        console.log(`${r.instances} instances, ${r.events} events: sequence, hash chain, replay, stored snapshot`);
        const log = r.log;
        if (log) {
          console.log(`log tree: ${log.treeSize} events; ${log.checkpointsChecked} signed checkpoint(s) checked against it`);
          if (log.latest) {
            console.log(`latest checkpoint #${log.latest.id} of ${toBerlinIso(log.latest.createdAt)}, size ${log.latest.size}: ${log.latest.witnesses.length ? `witnessed by ${log.latest.witnesses.join(', ')}` : 'not witnessed'}`);
          }
          for (const w of log.witnessed.slice(-10)) console.log(`  checkpoint #${w.checkpointId} (size ${w.size}) witnessed by ${w.witnesses.join(', ')}`);
          if (log.requiredWitnesses) console.log(`witnesses required: ${log.requiredWitnesses}`);
          for (const p of log.problems) console.log(`problem: ${p}`);
          if (log.breaks > 1) console.log(`${log.breaks} covered events are missing or changed`);
        }
        if (r.firstBreak) console.log(`BROKEN ${r.firstBreak.instanceId} at #${r.firstBreak.seq}: ${r.firstBreak.reason}`);
        console.log(r.ok ? `OK: ${r.instances} instances, ${r.events} events verified (sequence, hash chain, replay, stored snapshot, signed checkpoints)` : 'BROKEN');
        return r.ok ? 0 : 1;
      });
    case 'export':
      if (!arg || !values.out) throw new Error(USAGE);
      return withAudit(async (audit, db) => {
        const { rows } = await db.pool.query<{ tenant: string }>('SELECT tenant FROM workflow_instances WHERE id = $1', [arg]);
        if (!rows[0]) throw new Error(`no instance ${arg}`);
        const bundle = await audit.exportBundle({ tenant: rows[0].tenant, actor: { id: 'audit-cli', role: 'auditor' } }, arg, { from: values.from === undefined ? undefined : Number(values.from) });
        writeFileSync(values.out!, JSON.stringify(bundle, null, 2));
        const head = parseNote(bundle.checkpoint.note).text.split('\n');
        console.log(`wrote ${values.out}: ${bundle.instances.length} instance(s), checkpoint of ${head[0]} size ${head[1]}, key ${bundle.checkpoint.keyFingerprint.slice(0, 16)}…`);
        return 0;
      });
    case 'verify-document': {
      if (!arg) throw new Error(USAGE);
      const bytes = readFileSync(arg);
      return withAudit(async (_audit, _db, get) => {
        const check = await get(DocumentVerifier).check(bytes);
        if (!check.issues.length) {
          console.log(`NOT ISSUED ${arg}: no event records a document with SHA-256 ${check.sha256} (${check.size} bytes)`);
          return 1;
        }
        for (const i of check.issues) {
          const d = i.document;
          console.log(`ISSUED ${arg}: ${d.title} (${d.kind}, ${d.part}, ${d.fileName}, ${check.size} bytes)`);
          console.log(`  by ${i.workflowType} ${i.instanceId} (${i.tenant}), event #${i.seq} DOCUMENT_ISSUED of ${toBerlinIso(i.at)} by ${i.actor.id} (${i.actor.role})`);
          console.log(`  made from event #${d.basis.seq} ${d.basis.type} of ${toBerlinIso(new Date(d.basis.at))}`);
          console.log(`  sha256 ${check.sha256} and sha512 match the event; ${i.chainOk ? `the instance's log verifies (${i.chainEvents} events)` : "BROKEN: the instance's log does not verify"}`);
        }
        return check.issues.every((i) => i.chainOk) ? 0 : 1;
      });
    }
    case 'verify-bundle': {
      if (!arg) throw new Error(USAGE);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(arg, 'utf8'));
      } catch (error) {
        console.log(`INVALID ${arg}: not readable JSON (${(error as Error).message})`);
        return 1;
      }
      const check = verifyBundle(parsed, {
        trustedPublicKey: values['public-key'] ? readFileSync(values['public-key'], 'utf8') : undefined,
        trusted: values.trusted ? readFileSync(values.trusted, 'utf8') : undefined,
      });
      for (const i of check.instances) console.log(`${i.ok ? 'ok    ' : 'BROKEN'} ${i.workflowType} ${i.instanceId} (${i.events} events)`);
      if (check.checkpoint) {
        const time = check.checkpoint.time === '?' ? '?' : toBerlinIso(new Date(check.checkpoint.time));
        console.log(`checkpoint ${check.checkpoint.origin} size ${check.checkpoint.size} root ${check.checkpoint.root} of ${time}, key fingerprint ${check.checkpoint.keyFingerprint}`);
      }
      if (check.trusted) console.log(`trusted checkpoint of size ${check.trusted.size}: ${check.trusted.consistent ? 'consistent (the log only grew since)' : 'NOT consistent'}`);
      const token = (parsed as Partial<Bundle>).checkpoint?.timestampToken;
      if (check.checkpoint && token) {
        try {
          const trustedTsa = values['tsa-cert'] ? certificatesFromPem(readFileSync(values['tsa-cert'], 'utf8')) : [];
          const ts = await verifyTimestamp(Buffer.from(token, 'base64'), Buffer.from((parsed as Bundle).checkpoint.signedNote), trustedTsa);
          console.log(`RFC 3161 timestamp: the checkpoint existed at ${toBerlinIso(ts.genTime)}${trustedTsa.length ? ' (TSA certificate pinned)' : " (signature checked against the token's own certificate)"}`);
        } catch (error) {
          check.problems.push(`RFC 3161 timestamp: ${(error as Error).message}`);
          check.ok = false;
        }
      }
      for (const p of check.problems) console.log(`problem: ${p}`);
      console.log(check.ok ? 'VALID: the bundle is complete, unchanged and covered by the signed checkpoint' : 'INVALID');
      return check.ok ? 0 : 1;
    }
    case 'checkpoint':
      return withAudit(async (audit, db) => {
        const tenants = values.tenant ? [values.tenant] : (await db.pool.query<{ tenant: string }>('SELECT DISTINCT tenant FROM workflow_instances ORDER BY 1')).rows.map((r) => r.tenant);
        for (const tenant of tenants) {
          const c = await audit.checkpoint(tenant);
          console.log(`${tenant}: checkpoint #${c.id} size ${c.leafCount} root ${c.root}${c.conflicts.length ? `, ${c.conflicts.length} CONFLICT(S): covered events missing or changed` : ''}`);
        }
        return 0;
      });
    case 'witness-key': {
      if (!values.key || !values.name) throw new Error(USAGE);
      console.log(verifierFor(values.name, createPrivateKey(readFileSync(values.key, 'utf8')), COSIGNATURE_V1).vkey);
      return 0;
    }
    case 'cosign': {
      if (!arg || !values.key || !values.name) throw new Error(USAGE);
      const log = vkeyArg(values['log-key'], '--log-key (the log\'s verifier key, GET /audit/public-key)');
      const key = createPrivateKey(readFileSync(values.key, 'utf8'));
      const statePath = values.state ?? `${values.key}.last-checkpoint`;
      const text = readFileSync(arg, 'utf8');
      const previous = existsSync(statePath) ? readFileSync(statePath, 'utf8') : undefined;
      const origin = text.split('\n')[0] ?? '';
      const proofs = values.url ? httpProofs(values.url, tenantOfOrigin(origin)) : () => Promise.reject(new Error('give --url BASE to fetch consistency proofs'));
      const advance = await checkAdvance(previous, text, log, proofs);
      if (!advance.ok) {
        console.error(`REFUSED: ${advance.problem}`);
        return 1;
      }
      if (advance.conflicts) {
        console.error(`REFUSED: the checkpoint records ${advance.conflicts} conflict(s): events an earlier checkpoint covered are missing or changed`);
        return 1;
      }
      const note = parseNote(text);
      const line = cosign(note.text, values.name, key, Math.floor(Date.now() / 1000));
      const cosigned = formatNote({ text: note.text, signatures: [...note.signatures, line] });
      writeFileSync(statePath, formatNote({ text: note.text, signatures: note.signatures }));
      if (values.out) writeFileSync(values.out, cosigned);
      else process.stdout.write(cosigned);
      console.error(`cosigned ${advance.checkpoint!.origin} size ${advance.checkpoint!.size}${previous ? ', consistent with the last one seen' : ' (first checkpoint seen)'}; submit with POST /audit/log/cosignatures`);
      return 0;
    }
    case 'monitor': {
      if (!values.state || !values.url || !values.tenant) throw new Error(USAGE);
      const log = vkeyArg(values['log-key'], '--log-key');
      const previous = existsSync(values.state) ? readFileSync(values.state, 'utf8') : undefined;
      let current: string;
      try {
        current = await fetchCheckpoint(values.url, values.tenant);
      } catch (error) {
        return alarm(values.webhook, { tenant: values.tenant, problem: `cannot fetch the checkpoint: ${(error as Error).message}` }, 2);
      }
      const advance = await checkAdvance(previous, current, log, httpProofs(values.url, values.tenant));
      if (!advance.ok) return alarm(values.webhook, { tenant: values.tenant, problem: advance.problem!, previous: previous ?? null, current });
      if (advance.conflicts) {
        writeFileSync(values.state, current);
        return alarm(values.webhook, { tenant: values.tenant, problem: `the checkpoint of size ${advance.checkpoint!.size} records ${advance.conflicts} conflict(s): covered events are missing or changed`, current });
      }
      writeFileSync(values.state, current);
      console.log(`OK ${advance.checkpoint!.origin} size ${advance.checkpoint!.size}${previous ? ': consistent with the checkpoint seen last time' : ': first checkpoint, stored'}`);
      return 0;
    }
    default:
      throw new Error(USAGE);
  }
}

/** The monitor's alarm: an error log line, an optional webhook, a non-zero exit. */
async function alarm(webhook: string | undefined, detail: { tenant: string; problem: string; previous?: string | null; current?: string }, code = 1): Promise<number> {
  console.error(JSON.stringify({ level: 'error', msg: `AUDIT LOG ALARM ${detail.tenant}: ${detail.problem}`, time: new Date().toISOString(), ...detail }));
  if (webhook) {
    try {
      const res = await fetch(webhook, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ alarm: 'audit-log-inconsistent', ...detail }), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) console.error(`webhook answered HTTP ${res.status}`);
    } catch (error) {
      console.error(`webhook failed: ${(error as Error).message}`);
    }
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);
