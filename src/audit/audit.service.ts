import { Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { canonicalJson } from '../common/canonical-json';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import { describeMachine } from '../engine/describe';
import { Database } from '../engine/database';
import type { EventRow } from '../engine/engine.service';
import { pureTransition, WorkflowRegistry } from '../engine/registry';
import type { RequestContext } from '../engine/types';
import { type Bundle, type BundleInstance, checkpointStatement, signBundle, BUNDLE_FORMAT } from './bundle';
import { ChainVerifier, type Break, type ChainEvent, type Step } from './chain';
import type { CheckpointEntity } from './entities';
import { inclusionProof, merkleRoot, type Leaf } from './merkle';
import { loadSigningKey, signText, type SigningKey } from './signing';

interface InstanceRow {
  id: string;
  tenant: string;
  workflow_type: string;
  machine_version: number;
  input: unknown;
  snapshot: unknown;
  version: number;
  head_hash: string;
  created_by: string;
  created_at: Date;
}

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
  private key: SigningKey | undefined;

  constructor(
    private readonly db: Database,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  private get signingKey(): SigningKey {
    this.key ??= loadSigningKey();
    return this.key;
  }

  get publicKey(): { publicKey: string; fingerprint: string } {
    return { publicKey: this.signingKey.publicKeyPem, fingerprint: this.signingKey.fingerprint };
  }

  private async instance(tenant: string | null, id: string): Promise<InstanceRow> {
    const { rows } = await this.db.pool.query<InstanceRow>(
      `SELECT id, tenant, workflow_type, machine_version, input, snapshot, version, head_hash, created_by, created_at
       FROM workflow_instances WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`,
      [id, tenant],
    );
    if (!rows[0]) throw notFound('Workflow instance', id);
    return rows[0];
  }

  /** Events of one instance in sequence order, fetched in batches. */
  async *events(instanceId: string, until?: { seq?: number; at?: Date }): AsyncGenerator<ChainEvent> {
    let after = 0;
    for (;;) {
      const { rows } = await this.db.pool.query<EventRow>({
        name: 'bw_audit_events',
        text: `SELECT * FROM workflow_events WHERE instance_id = $1 AND seq > $2
               AND ($4::int IS NULL OR seq <= $4) AND ($5::timestamptz IS NULL OR occurred_at <= $5)
               ORDER BY seq LIMIT $3`,
        values: [instanceId, after, BATCH, until?.seq ?? null, until?.at ?? null],
      });
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
      throw new DomainError(422, 'AUDIT.BEFORE_CREATION', `The ${row.workflow_type} did not exist yet at that time; it was created ${row.created_at.toISOString()}.`);
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

  /** Sequence, chain and replay of one instance, compared with the stored head and snapshot. */
  async verifyInstance(tenant: string | null, id: string): Promise<VerifyResult> {
    const row = await this.instance(tenant, id);
    const verifier = this.verifier(row);
    for await (const e of this.events(id)) if (!verifier.push(e)) break;
    verifier.finish({ version: row.version, headHash: row.head_hash, snapshot: row.snapshot });
    return { ok: !verifier.broken, instances: 1, events: verifier.count, firstBreak: verifier.broken ?? null };
  }

  /** Every instance (of one tenant, or all), streamed; stops at the first break and names it. */
  async verifyAll(tenant: string | null, onProgress?: (done: number, total: number, events: number) => void): Promise<VerifyResult> {
    const total = Number((await this.db.pool.query<{ n: string }>('SELECT count(*) n FROM workflow_instances WHERE ($1::text IS NULL OR tenant = $1)', [tenant])).rows[0]!.n);
    let done = 0;
    let events = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.db.pool.query<{ id: string }>(
        'SELECT id FROM workflow_instances WHERE id > $1 AND ($2::text IS NULL OR tenant = $2) ORDER BY id LIMIT 200',
        [after, tenant],
      );
      for (const { id } of rows) {
        const result = await this.verifyInstance(null, id);
        events += result.events;
        done++;
        onProgress?.(done, total, events);
        if (!result.ok) return { ok: false, instances: done, events, firstBreak: result.firstBreak };
      }
      if (rows.length < 200) break;
      after = rows[rows.length - 1]!.id;
    }
    return { ok: true, instances: done, events, firstBreak: null };
  }

  /**
   * Signs a Merkle root over every instance's latest hash in the tenant. Before signing, it checks
   * that each history still contains what the previous checkpoint signed; differences are recorded
   * in `conflicts`, so a rewritten history cannot hide behind a fresh root.
   */
  async checkpoint(tenant: string): Promise<CheckpointEntity> {
    const leaves = (
      await this.db.pool.query<{ id: string; version: number; head_hash: string }>('SELECT id, version, head_hash FROM workflow_instances WHERE tenant = $1 ORDER BY id', [tenant])
    ).rows.map((r): Leaf => ({ instanceId: r.id, version: r.version, headHash: r.head_hash }));
    const previous = await this.latestCheckpoint(tenant);
    const conflicts: CheckpointEntity['conflicts'] = [];
    for (const leaf of previous?.leaves ?? []) {
      if (leaf.version === 0) continue;
      const { rows } = await this.db.pool.query<{ hash: string }>('SELECT hash FROM workflow_events WHERE instance_id = $1 AND seq = $2', [leaf.instanceId, leaf.version]);
      const found = rows[0]?.hash ?? null;
      if (found !== leaf.headHash) conflicts.push({ instanceId: leaf.instanceId, seq: leaf.version, signed: leaf.headHash, found });
    }
    const body = {
      tenant,
      root: merkleRoot(leaves),
      leafCount: leaves.length,
      previousRoot: previous?.root ?? null,
      conflicts,
      createdAt: this.clock.now(),
    };
    const key = this.signingKey;
    const signature = signText(key, checkpointStatement({ ...body, createdAt: body.createdAt.toISOString() }));
    const { rows } = await this.db.pool.query<{ id: string }>(
      `INSERT INTO audit_checkpoints (tenant, root, leaf_count, leaves, previous_root, conflicts, signature, public_key, key_fingerprint, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [tenant, body.root, body.leafCount, JSON.stringify(leaves), body.previousRoot, JSON.stringify(conflicts), signature, key.publicKeyPem, key.fingerprint, body.createdAt],
    );
    return { id: rows[0]!.id, ...body, leaves, signature, publicKey: key.publicKeyPem, keyFingerprint: key.fingerprint };
  }

  async latestCheckpoint(tenant: string): Promise<CheckpointEntity | undefined> {
    const { rows } = await this.db.pool.query<Record<string, unknown>>('SELECT * FROM audit_checkpoints WHERE tenant = $1 ORDER BY id DESC LIMIT 1', [tenant]);
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  async checkpoints(tenant: string, page: number, pageSize: number): Promise<{ items: CheckpointEntity[]; total: number }> {
    const total = Number((await this.db.pool.query<{ n: string }>('SELECT count(*) n FROM audit_checkpoints WHERE tenant = $1', [tenant])).rows[0]!.n);
    const { rows } = await this.db.pool.query<Record<string, unknown>>('SELECT * FROM audit_checkpoints WHERE tenant = $1 ORDER BY id DESC LIMIT $2 OFFSET $3', [tenant, pageSize, (page - 1) * pageSize]);
    return { items: rows.map(toCheckpoint), total };
  }

  /** Instances linked to this one (a motion's selection and grant procedures). */
  async linked(tenant: string, id: string): Promise<{ id: string; relation: string }[]> {
    const { rows } = await this.db.pool.query<{ id: string; relation: string }>(
      `SELECT to_instance AS id, relation FROM workflow_links WHERE tenant = $1 AND from_instance = $2
       UNION SELECT from_instance AS id, relation FROM workflow_links WHERE tenant = $1 AND to_instance = $2 ORDER BY id`,
      [tenant, id],
    );
    return rows;
  }

  /**
   * Evidence for one instance and every instance linked to it: events, hashes, machine version and
   * definition, a signed checkpoint covering their current heads, and Merkle inclusion proofs.
   * The whole bundle is signed too, so any changed byte of content fails offline verification.
   */
  async exportBundle(ctx: RequestContext, id: string): Promise<Bundle> {
    const ids = [id, ...(await this.linked(ctx.tenant, id)).map((l) => l.id)];
    const rows = await Promise.all(ids.map((i) => this.instance(ctx.tenant, i)));
    let checkpoint = await this.latestCheckpoint(ctx.tenant);
    const covers = (c: CheckpointEntity | undefined) => rows.every((r) => c?.leaves.some((l) => l.instanceId === r.id && l.headHash === r.head_hash));
    if (!covers(checkpoint)) checkpoint = await this.checkpoint(ctx.tenant);
    const instances: BundleInstance[] = [];
    for (const row of rows) {
      const leaf = checkpoint!.leaves.find((l) => l.instanceId === row.id)!;
      const definition = this.registry.get(row.workflow_type, row.machine_version);
      const events: ChainEvent[] = [];
      for await (const e of this.events(row.id, { seq: leaf.version })) events.push(e);
      instances.push({
        genesis: { instanceId: row.id, tenant: row.tenant, workflowType: row.workflow_type, machineVersion: row.machine_version, input: row.input, createdBy: row.created_by },
        machine: { type: definition.type, version: definition.version, title: definition.title, definition: describeMachine(definition.machine) },
        events,
        leaf,
        proof: inclusionProof(checkpoint!.leaves, row.id)!,
      });
    }
    const c = checkpoint!;
    const bundle = {
      format: BUNDLE_FORMAT,
      exportedAt: this.clock.now().toISOString(),
      subject: id,
      checkpoint: { tenant: c.tenant, root: c.root, leafCount: c.leafCount, previousRoot: c.previousRoot, conflicts: c.conflicts, createdAt: c.createdAt.toISOString(), signature: c.signature, publicKey: c.publicKey, keyFingerprint: c.keyFingerprint },
      instances,
    };
    return signBundle(bundle, this.signingKey);
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

function toCheckpoint(r: Record<string, unknown>): CheckpointEntity {
  return {
    id: String(r.id),
    tenant: r.tenant as string,
    root: r.root as string,
    leafCount: r.leaf_count as number,
    leaves: r.leaves as Leaf[],
    previousRoot: (r.previous_root as string | null) ?? null,
    conflicts: r.conflicts as CheckpointEntity['conflicts'],
    signature: r.signature as string,
    publicKey: r.public_key as string,
    keyFingerprint: r.key_fingerprint as string,
    createdAt: r.created_at as Date,
  };
}

const stateText = (v: unknown) => (typeof v === 'string' ? v : canonicalJson(v));

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
