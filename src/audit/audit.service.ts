import { Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { canonicalJson } from '../common/canonical-json';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import { describeMachine } from '../engine/describe';
import type { EventRow } from '../engine/engine.service';
import { pureTransition, WorkflowRegistry } from '../engine/registry';
import type { RequestContext } from '../engine/types';
import { AuditRepository, type InstanceRow } from './audit.repository';
import { type Bundle, type BundleEvent, type BundleInstance, signBundle, BUNDLE_FORMAT } from './bundle';
import { ChainVerifier, type Break, type ChainEvent, type Step } from './chain';
import type { CheckpointEntity } from './entities';
import { AuditLogService, type LogVerifyResult } from './log.service';
import { parseNote } from './note';
import { toB64 } from './tlog';

export interface HistoryStep {
  seq: number;
  type: string;
  actor: { id: string; role: string };
  at: Date;
  facts: Record<string, unknown>;
  stateBefore: unknown;
  stateAfter: unknown;
  contextBefore: unknown;
  contextAfter: unknown;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  instances: number;
  events: number;
  firstBreak: Break | null;
  /** verifyAll only: the database against every signed checkpoint of the Körperschaft. */
  log?: LogVerifyResult;
}

export interface StateAsOf {
  instanceId: string;
  workflowType: string;
  asOf: { at: Date | null; seq: number | null };
  seq: number;
  at: Date | null;
  state: unknown;
  status: string;
  context: unknown;
}

/**
 * Rows per read. Rows still unread when V8 collects young garbage are moved to the old generation and
 * linger there until a full collection: smaller batches keep a long verification's peak memory down
 * (docs/performance.md) at the cost of a few more round trips.
 */
const BATCH = 250;

export function toChainEvent(r: EventRow): ChainEvent {
  return {
    instanceId: r.instance_id,
    seq: r.seq,
    type: r.event_type,
    payload: r.payload,
    actor: { id: r.actor_id, role: r.actor_role },
    at: r.occurred_at.toISOString(),
    idempotencyKey: r.idempotency_key,
    stateBefore: r.state_before,
    stateAfter: r.state_after,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Replays and verifies histories by folding stored events through the pinned machine version
 * (pure transition(), no side effects), issues signed checkpoints and exports evidence bundles.
 * Reads stream in batches so memory stays flat however long a history is.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly log: AuditLogService,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  /** The checkpoint key: PEM, fingerprint, and the log's C2SP verifier key for the caller's Körperschaft. */
  publicKey(tenant: string): { publicKey: string; fingerprint: string; verifierKey: string } {
    const key = this.log.signingKey;
    return { publicKey: key.publicKeyPem, fingerprint: key.fingerprint, verifierKey: this.log.verifier(tenant).vkey };
  }

  private async instance(tenant: string | null, id: string): Promise<InstanceRow> {
    const row = await this.repo.instance(tenant, id);
    if (!row) throw notFound('Workflow instance', id);
    return row;
  }

  /** Events of one instance in sequence order, fetched in batches. */
  async *events(instanceId: string, until?: { seq?: number; at?: Date }): AsyncGenerator<ChainEvent> {
    let after = 0;
    for (;;) {
      const rows = await this.repo.events(instanceId, after, BATCH, until);
      for (const row of rows) yield toChainEvent(row);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  private verifier(row: InstanceRow, onStep?: (s: Step) => void): ChainVerifier {
    const definition = this.registry.get(row.workflow_type, row.machine_version);
    return new ChainVerifier(
      { instanceId: row.id, tenant: row.tenant, workflowType: row.workflow_type, machineVersion: row.machine_version, input: row.input, createdBy: row.created_by },
      definition,
      onStep,
      (machine, snapshot, event) => pureTransition(machine, snapshot, event)[0],
    );
  }

  /** The step-by-step history: event, actor, time, facts, state and context before and after. */
  async history(ctx: RequestContext, id: string, until?: { seq?: number; at?: Date }): Promise<{ instance: InstanceRow; steps: HistoryStep[] }> {
    const row = await this.instance(ctx.tenant, id);
    const steps: HistoryStep[] = [];
    const verifier = this.verifier(row, (s) =>
      steps.push({
        seq: s.event.seq,
        type: s.event.type,
        actor: s.event.actor,
        at: new Date(s.event.at),
        facts: s.event.payload as Record<string, unknown>,
        stateBefore: s.event.stateBefore,
        stateAfter: s.event.stateAfter,
        contextBefore: s.contextBefore,
        contextAfter: s.contextAfter,
        hash: s.event.hash,
      }),
    );
    for await (const e of this.events(id, until)) {
      if (!verifier.push(e)) throw this.broken(verifier.broken!);
    }
    return { instance: row, steps };
  }

  /** Where an instance stood at a point in time or after a sequence number. */
  async stateAsOf(ctx: RequestContext, id: string, asOf: { at?: Date; seq?: number }): Promise<StateAsOf> {
    const row = await this.instance(ctx.tenant, id);
    if (asOf.at && asOf.at < row.created_at) {
      throw new DomainError(422, 'AUDIT.BEFORE_CREATION', `The ${row.workflow_type} did not exist yet at ${toBerlinIso(asOf.at)}; it was created ${toBerlinIso(row.created_at)} (Europe/Berlin).`);
    }
    const verifier = this.verifier(row);
    let last: ChainEvent | undefined;
    for await (const e of this.events(id, asOf)) {
      if (!verifier.push(e)) throw this.broken(verifier.broken!);
      last = e;
    }
    const snapshot: AnyMachineSnapshot = verifier.current;
    return {
      instanceId: id,
      workflowType: row.workflow_type,
      asOf: { at: asOf.at ?? null, seq: asOf.seq ?? null },
      seq: verifier.count,
      at: last ? new Date(last.at) : null,
      state: snapshot.value,
      status: snapshot.status,
      context: snapshot.context,
    };
  }

  /**
   * Sequence, chain and replay of one instance, compared with the stored head and snapshot; then
   * every event of it that the log tree covers must still be there, unchanged. That second check is
   * what finds a history shortened with a consistent rollback of the instance row.
   */
  async verifyInstance(tenant: string | null, id: string): Promise<VerifyResult> {
    const row = await this.instance(tenant, id);
    const verifier = this.verifier(row);
    for await (const e of this.events(id)) if (!verifier.push(e)) break;
    verifier.finish({ version: row.version, headHash: row.head_hash, snapshot: row.snapshot });
    const firstBreak = verifier.broken ?? (await this.log.verifyInstanceLeaves(id));
    return { ok: !firstBreak, instances: 1, events: verifier.count, firstBreak };
  }

  /**
   * Every instance (of one tenant, or all), streamed; stops at the first broken chain and names it.
   * Then, per Körperschaft, the database against every signed checkpoint (AuditLogService.verify).
   */
  async verifyAll(tenant: string | null, onProgress?: (done: number, total: number, events: number) => void): Promise<VerifyResult> {
    const total = await this.repo.countInstances(tenant);
    let done = 0;
    let events = 0;
    let chainBreak: Break | null = null;
    let after = '00000000-0000-0000-0000-000000000000';
    scan: for (;;) {
      const ids = await this.repo.instanceIds(tenant, after, 200);
      for (const id of ids) {
        const result = await this.verifyInstanceChain(id);
        events += result.events;
        done++;
        onProgress?.(done, total, events);
        if (result.firstBreak) {
          chainBreak = result.firstBreak;
          break scan;
        }
      }
      if (ids.length < 200) break;
      after = ids[ids.length - 1]!;
    }
    let log: LogVerifyResult | undefined;
    for (const t of tenant ? [tenant] : await this.repo.tenants()) {
      // Only when every instance was verified here does each stored hash stand for its fields.
      const r = await this.log.verify(t, { chainsVerified: chainBreak === null });
      if (!log || (log.ok && !r.ok)) log = r;
      if (!r.ok) break;
    }
    const firstBreak = chainBreak ?? log?.firstBreak ?? null;
    return { ok: !firstBreak && (log?.ok ?? true), instances: done, events, firstBreak, log };
  }

  private async verifyInstanceChain(id: string): Promise<{ events: number; firstBreak: Break | null }> {
    const row = await this.instance(null, id);
    const verifier = this.verifier(row);
    for await (const e of this.events(id)) if (!verifier.push(e)) break;
    verifier.finish({ version: row.version, headHash: row.head_hash, snapshot: row.snapshot });
    return { events: verifier.count, firstBreak: verifier.broken ?? null };
  }

  /** A signed checkpoint of the Körperschaft's log tree now. */
  async checkpoint(tenant: string): Promise<CheckpointEntity> {
    return (await this.log.checkpoint(tenant))!;
  }

  async latestCheckpoint(tenant: string): Promise<CheckpointEntity | undefined> {
    return this.log.latest(tenant);
  }

  async checkpoints(tenant: string, page: number, pageSize: number): Promise<{ items: CheckpointEntity[]; total: number }> {
    return this.repo.checkpointPage(tenant, page, pageSize);
  }

  /** Instances linked to this one (a motion's selection and grant procedures). */
  async linked(tenant: string, id: string): Promise<{ id: string; relation: string }[]> {
    return this.repo.linked(tenant, id);
  }

  /**
   * Evidence for one instance and every instance linked to it: events with their leaf index and
   * inclusion proof, machine version and definition, the signed checkpoint (a fresh one if the
   * latest does not cover every event yet), and consistency proofs from the log's earlier
   * checkpoints (and from `from`, if given) for auditors who kept one. The whole bundle is signed too.
   */
  async exportBundle(ctx: RequestContext, id: string, options: { from?: number } = {}): Promise<Bundle> {
    const ids = [id, ...(await this.linked(ctx.tenant, id)).map((l) => l.id)];
    const rows = await Promise.all(ids.map((i) => this.instance(ctx.tenant, i)));
    const indexes = async (c: CheckpointEntity | undefined) => {
      const all = await Promise.all(rows.map((r) => this.repo.leafIndexes(r.id, r.version)));
      return all.every((m, i) => m.size === rows[i]!.version && [...m.values()].every((x) => c !== undefined && x < c.leafCount)) ? all : undefined;
    };
    let checkpoint = await this.log.latest(ctx.tenant);
    let leaves = await indexes(checkpoint);
    // a record with no events yet is covered by any checkpoint, but the bundle still needs one
    if (!leaves || !checkpoint) {
      checkpoint = await this.checkpoint(ctx.tenant);
      leaves = await indexes(checkpoint);
    }
    if (!leaves || !checkpoint) throw new DomainError(409, 'AUDIT.NOT_IN_CHECKPOINT', 'Events of this record are not in the log tree; verify the log (npm run audit -- verify --all).');
    const c = checkpoint;
    const tree = await this.log.tree(ctx.tenant, c.leafCount);
    const instances: BundleInstance[] = [];
    for (const [i, row] of rows.entries()) {
      const definition = this.registry.get(row.workflow_type, row.machine_version);
      const events: BundleEvent[] = [];
      for await (const e of this.events(row.id, { seq: row.version })) {
        const leafIndex = leaves[i]!.get(e.seq)!;
        events.push({ ...e, leafIndex, inclusion: tree.inclusionProof(leafIndex).map(toB64) });
      }
      instances.push({
        genesis: { instanceId: row.id, tenant: row.tenant, workflowType: row.workflow_type, machineVersion: row.machine_version, input: row.input, createdBy: row.created_by },
        machine: { type: definition.type, version: definition.version, title: definition.title, definition: describeMachine(definition.machine) },
        events,
      });
    }
    const sizes = new Set(await this.repo.earlierSizes(ctx.tenant, c.leafCount, 256));
    if (options.from !== undefined) {
      if (!(options.from >= 0 && options.from <= c.leafCount)) throw new DomainError(422, 'AUDIT.BAD_RANGE', `from must lie between 0 and ${c.leafCount}, the checkpoint's size.`);
      sizes.add(options.from);
    }
    const key = this.log.signingKey;
    const note = await this.log.withCosignatures(c);
    const bundle = {
      format: BUNDLE_FORMAT,
      exportedAt: this.clock.now().toISOString(),
      subject: id,
      checkpoint: { note, verifierKey: this.log.verifier(ctx.tenant).vkey, publicKey: key.publicKeyPem, keyFingerprint: key.fingerprint, timestampToken: c.timestampToken, signedNote: c.note! },
      consistency: [...sizes].sort((a, b) => b - a).map((from) => ({ from, proof: tree.consistencyProof(from).map(toB64) })),
      instances,
    };
    parseNote(note); // a stored note that no longer parses is a broken log, not a bundle
    return signBundle(bundle, key);
  }

  /** A history as CSV for spreadsheet users (Europe/Berlin times, formula-safe cells). */
  async historyCsv(ctx: RequestContext, id: string, formatTime: (d: Date) => string): Promise<string> {
    const { steps } = await this.history(ctx, id);
    const header = ['seq', 'time', 'event', 'actor', 'role', 'state_before', 'state_after', 'facts', 'hash'];
    const lines = steps.map((s) => [String(s.seq), formatTime(s.at), s.type, s.actor.id, s.actor.role, stateText(s.stateBefore), stateText(s.stateAfter), canonicalJson(s.facts), s.hash]);
    return [header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  private broken(b: Break): DomainError {
    return new DomainError(409, 'AUDIT.HISTORY_BROKEN', `The history of ${b.instanceId} is broken at #${b.seq}: ${b.reason}.`, { firstBreak: b });
  }
}

const stateText = (v: unknown) => (typeof v === 'string' ? v : canonicalJson(v));

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
