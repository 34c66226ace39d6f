import { Injectable, Logger } from '@nestjs/common';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import { readAuditLogConfig, type AuditLogConfig } from '../config';
import { eventHash } from '../engine/hash';
import { AuditRepository, type LeafWithEvent } from './audit.repository';
import type { Break } from './chain';
import type { CheckpointEntity } from './entities';
import { checkCosignature, checkNoteSignature, extrasLines, formatCheckpoint, formatNote, parseCheckpoint, parseNote, parseSignatureLine, parseVerifier, readExtras, signNote, verifierFor, type Checkpoint, type Note, type Verifier } from './note';
import { loadSigningKey, type SigningKey } from './signing';
import { eventLeafHash, MerkleTree, toB64, TreeBuilder, type Hash } from './tlog';
import { certificatesFromPem, requestTimestamp } from './tsa';

/** Rows per read while streaming leaves with their events: as in AuditService, small batches keep a long verification's peak memory down (docs/performance.md). */
const BATCH = 250;
/** Conflicts stored in full with a checkpoint (the count is always exact). */
const STORED_CONFLICTS = 1_000;

export interface LogVerifyResult {
  ok: boolean;
  /** Leaves in the tree now. */
  treeSize: number;
  /** Checkpoints (database and files) whose root was checked against the tree. */
  checkpointsChecked: number;
  latest: { id: string; size: number; createdAt: Date; witnesses: string[] } | null;
  witnessed: { checkpointId: string; size: number; witnesses: string[] }[];
  requiredWitnesses: number;
  /** What is wrong with the checkpoints themselves: signatures, deletions, replacements, missing witnesses. */
  problems: string[];
  /** The first covered event that is missing or changed, by instance and seq. */
  firstBreak: Break | null;
  breaks: number;
}

const safeTenant = (tenant: string) => encodeURIComponent(tenant).replace(/\./g, '%2E');

/**
 * The per-Körperschaft log tree: assigns events to leaves, signs checkpoints as C2SP signed notes
 * (also written to AUDIT_CHECKPOINT_DIR and, with AUDIT_TSA_URL, timestamped), proves inclusion and
 * consistency, stores witness cosignatures, and verifies the database against every checkpoint.
 */
@Injectable()
export class AuditLogService {
  private readonly logger = new Logger('AuditLog');
  private key: SigningKey | undefined;

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  get signingKey(): SigningKey {
    this.key ??= loadSigningKey();
    return this.key;
  }

  private get config(): AuditLogConfig {
    return readAuditLogConfig();
  }

  /** The log's name for a Körperschaft: checkpoint origin and signing key name. */
  origin(tenant: string): string {
    return `${this.config.origin}/${safeTenant(tenant)}`;
  }

  /** The C2SP verifier key (vkey) of the tenant's log. */
  verifier(tenant: string): Verifier {
    return verifierFor(this.origin(tenant), this.signingKey.privateKey);
  }

  private witnesses(): Verifier[] {
    return this.config.witnesses.map((vkey) => parseVerifier(vkey));
  }

  /**
   * Appends the events not yet in the tree, checks that the tree still extends the previous
   * checkpoint (a log never signs an inconsistent head), records covered events that are missing
   * or changed as conflicts, and signs. `onlyIfChanged` skips when nothing would differ.
   */
  async checkpoint(tenant: string, options: { onlyIfChanged?: boolean } = {}): Promise<CheckpointEntity | undefined> {
    const config = this.config;
    const origin = this.origin(tenant);
    const made = await this.repo.withLogLock(tenant, async (tx) => {
      const previous = await this.repo.latestCheckpoint(tx, tenant);
      const size = await this.repo.appendLeaves(tx, tenant);
      const builder = new TreeBuilder();
      let extendsPrevious = !previous || previous.leafCount === 0;
      for (let after = -1; ; ) {
        const rows = await this.repo.leafHashes(tx, tenant, after, 5 * BATCH);
        for (const r of rows) {
          builder.push(eventLeafHash(r.event_hash));
          if (previous && builder.size === previous.leafCount) extendsPrevious = builder.root().toString('hex') === previous.root;
        }
        if (rows.length < 5 * BATCH) break;
        after = Number(rows[rows.length - 1]!.leaf_index);
      }
      if (builder.size !== size) throw new DomainError(409, 'AUDIT.LOG_INCONSISTENT', `The log of ${tenant} has ${size} leaves but ${builder.size} in sequence: leaves were removed. No checkpoint was signed.`);
      if (!extendsPrevious) {
        this.logger.error(`log of ${tenant} no longer extends checkpoint #${previous!.id} (size ${previous!.leafCount}): refusing to sign`);
        throw new DomainError(409, 'AUDIT.LOG_INCONSISTENT', `The log of ${tenant} no longer extends checkpoint #${previous!.id} (size ${previous!.leafCount}): its leaves were changed. No checkpoint was signed.`, { checkpointId: previous!.id });
      }
      const { conflicts, total } = await this.repo.conflicts(tx, tenant, STORED_CONFLICTS);
      const root = builder.root();
      if (options.onlyIfChanged && previous && previous.leafCount === size && previous.root === root.toString('hex') && previous.conflicts.length === conflicts.length) return undefined;
      const createdAt = this.clock.now();
      const text = formatCheckpoint({ origin, size, root, extensions: extrasLines({ time: createdAt, conflictCount: total, conflicts: conflicts.map((x) => ({ leafIndex: x.leafIndex ?? -1, instanceId: x.instanceId, seq: x.seq })) }) });
      const key = this.signingKey;
      const signature = signNote(text, origin, key.privateKey);
      const note = formatNote({ text, signatures: [signature] });
      if (total) this.logger.error(`checkpoint of ${tenant} records ${total} conflict(s): covered events are missing or changed, first ${conflicts[0]!.instanceId} #${conflicts[0]!.seq}`);
      const timestampToken = config.tsaUrl ? await this.timestamp(config, note) : null;
      const row = { tenant, root: root.toString('hex'), size, previousRoot: previous?.root ?? null, conflicts, signature: signature.line, publicKey: key.publicKeyPem, keyFingerprint: key.fingerprint, note, timestampToken, createdAt };
      const id = await this.repo.insertCheckpoint(tx, row);
      return { id, tenant, root: row.root, leafCount: size, leaves: null, note, timestampToken, previousRoot: row.previousRoot, conflicts, signature: signature.line, publicKey: key.publicKeyPem, keyFingerprint: key.fingerprint, createdAt } satisfies CheckpointEntity;
    });
    if (made && config.checkpointDir) this.writeFile(config.checkpointDir, made);
    return made;
  }

  private async timestamp(config: AuditLogConfig, note: string): Promise<string | null> {
    try {
      const trusted = config.tsaCertFile ? certificatesFromPem(readFileSync(config.tsaCertFile, 'utf8')) : [];
      return (await requestTimestamp(config.tsaUrl!, Buffer.from(note), trusted)).token.toString('base64');
    } catch (error) {
      this.logger.error(`no RFC 3161 timestamp for the checkpoint: ${(error as Error).message}`);
      return null;
    }
  }

  /** `<dir>/<tenant>/<id>.checkpoint`, never overwritten. */
  private writeFile(dir: string, c: CheckpointEntity): void {
    try {
      const folder = join(dir, safeTenant(c.tenant));
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${c.id.padStart(12, '0')}.checkpoint`), c.note!, { flag: 'wx' });
      if (c.timestampToken) writeFileSync(join(folder, `${c.id.padStart(12, '0')}.tsr`), Buffer.from(c.timestampToken, 'base64'), { flag: 'wx' });
    } catch (error) {
      this.logger.error(`checkpoint #${c.id} of ${c.tenant} could not be written to ${dir}: ${(error as Error).message}`);
    }
  }

  async latest(tenant: string): Promise<CheckpointEntity | undefined> {
    return this.repo.latestCheckpoint(null, tenant);
  }

  /** The latest checkpoint as published: the signed note with the stored witness cosignatures appended. */
  async publishedNote(tenant: string): Promise<string> {
    const latest = await this.latest(tenant);
    if (!latest?.note) throw new DomainError(404, 'AUDIT.NO_CHECKPOINT', `The log of ${tenant} has no checkpoint yet.`);
    return this.withCosignatures(latest);
  }

  async withCosignatures(c: CheckpointEntity): Promise<string> {
    const note = parseNote(c.note!);
    const lines = (await this.repo.cosignatures(c.tenant, [c.id])).map((r) => r.line);
    return formatNote({ text: note.text, signatures: [...note.signatures, ...lines.map(parseSignatureLine)] });
  }

  /** The leaf hashes of the tenant's tree up to `size`, in memory (32 bytes a leaf) for proofs. */
  async tree(tenant: string, size: number): Promise<MerkleTree> {
    const leaves: Hash[] = [];
    for (let after = -1; leaves.length < size; ) {
      const rows = await this.repo.leafHashes(null, tenant, after, 10 * BATCH, size);
      for (const r of rows) leaves.push(eventLeafHash(r.event_hash));
      if (rows.length < 10 * BATCH) break;
      after = Number(rows[rows.length - 1]!.leaf_index);
    }
    if (leaves.length !== size) throw new DomainError(409, 'AUDIT.LOG_INCONSISTENT', `The log of ${tenant} has ${leaves.length} leaves below ${size}: leaves were removed.`);
    return new MerkleTree(leaves);
  }

  /** RFC 9162 consistency proof between two tree sizes up to the latest checkpoint. */
  async consistency(tenant: string, from: number, to: number): Promise<{ from: number; to: number; proof: string[] }> {
    const latest = await this.latest(tenant);
    if (!latest) throw new DomainError(404, 'AUDIT.NO_CHECKPOINT', `The log of ${tenant} has no checkpoint yet.`);
    if (!(from <= to && to <= latest.leafCount)) throw new DomainError(422, 'AUDIT.BAD_RANGE', `A consistency proof needs 0 ≤ from ≤ to ≤ ${latest.leafCount} (the latest checkpoint's size).`);
    const tree = await this.tree(tenant, to);
    return { from, to, proof: tree.consistencyProof(from, to).map(toB64) };
  }

  /** Inclusion proof of one event in the latest checkpoint. */
  async inclusion(tenant: string, instanceId: string, seq: number): Promise<{ leafIndex: number; treeSize: number; proof: string[]; checkpoint: string }> {
    const latest = await this.latest(tenant);
    const index = (await this.repo.leafIndexes(instanceId, seq)).get(seq);
    if (!latest || index === undefined || index >= latest.leafCount) {
      throw new DomainError(409, 'AUDIT.NOT_IN_CHECKPOINT', `Event #${seq} of ${instanceId} is not covered by a checkpoint yet; issue one (POST /audit/checkpoints).`);
    }
    const tree = await this.tree(tenant, latest.leafCount);
    return { leafIndex: index, treeSize: latest.leafCount, proof: tree.inclusionProof(index).map(toB64), checkpoint: await this.withCosignatures(latest) };
  }

  /**
   * Stores the cosignatures of configured witnesses found in a submitted note on one of our
   * checkpoints. Every one is verified first.
   */
  async addCosignatures(tenant: string, submitted: string): Promise<{ checkpointId: string; size: number; witnesses: string[] }> {
    let note: Note;
    let checkpoint: Checkpoint;
    try {
      note = parseNote(submitted);
      checkpoint = parseCheckpoint(note.text);
    } catch (error) {
      throw new DomainError(422, 'AUDIT.NOTE_MALFORMED', `Not a signed checkpoint: ${(error as Error).message}`);
    }
    const rows = (await this.repo.checkpointNotes(tenant)).filter((r) => r.size === checkpoint.size && parseNote(r.note).text === note.text);
    if (!rows.length) throw new DomainError(422, 'AUDIT.CHECKPOINT_UNKNOWN', `The cosigned text is not a checkpoint of this log (size ${checkpoint.size}).`);
    const witnesses: string[] = [];
    for (const witness of this.witnesses()) {
      let cosigned: { timestamp: number } | undefined;
      try {
        cosigned = checkCosignature(note, witness);
      } catch (error) {
        throw new DomainError(422, 'AUDIT.COSIGNATURE_INVALID', (error as Error).message, { witness: witness.name });
      }
      if (!cosigned) continue;
      const line = note.signatures.find((s) => s.name === witness.name && s.keyId === witness.keyId)!.line;
      await this.repo.insertCosignature({ tenant, checkpointId: rows[rows.length - 1]!.id, witness: witness.name, keyId: witness.keyId, line, signedAt: new Date(cosigned.timestamp * 1000) });
      witnesses.push(witness.name);
    }
    if (!witnesses.length) throw new DomainError(422, 'AUDIT.UNKNOWN_WITNESS', 'The note carries no cosignature of a configured witness (AUDIT_WITNESS_KEYS).');
    return { checkpointId: rows[rows.length - 1]!.id, size: checkpoint.size, witnesses };
  }

  /**
   * Checks the database against every signed checkpoint of the tenant, in the database and in
   * AUDIT_CHECKPOINT_DIR: each signature, each root against the tree rebuilt from the leaves, each
   * covered event still present and unchanged (its hash recomputed from its fields), and the
   * witnesses. Streams the tree: memory stays O(log n) in the number of events. With
   * `chainsVerified` (every chain of the tenant just passed, so each stored hash is its fields'
   * hash) only hashes are read and compared, which keeps a long verification lean.
   */
  async verify(tenant: string, options: { chainsVerified?: boolean; onProgress?: (leaves: number) => void } = {}): Promise<LogVerifyResult> {
    const config = this.config;
    const me = this.verifier(tenant);
    const problems: string[] = [];
    const expected = new Map<number, { label: string; root: Hash }[]>();
    const expect = (size: number, label: string, root: Hash) => expected.set(size, [...(expected.get(size) ?? []), { label, root }]);
    const read = (text: string, label: string): Checkpoint | undefined => {
      try {
        const note = parseNote(text);
        const verdict = checkNoteSignature(note, me);
        if (verdict !== 'valid') {
          problems.push(`${label}: ${verdict === 'absent' ? 'not signed by this log' : 'signature is not valid'}`);
          return undefined;
        }
        const c = parseCheckpoint(note.text);
        if (c.origin !== me.name) problems.push(`${label}: origin ${c.origin} is not this log's`);
        return c;
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message}`);
        return undefined;
      }
    };

    const rows = await this.repo.checkpointNotes(tenant);
    const byId = new Map(rows.map((r) => [r.id, r]));
    let checkpointsChecked = 0;
    let lastSize = 0;
    for (const r of rows) {
      const c = read(r.note, `checkpoint #${r.id}`);
      if (!c) continue;
      if (c.size !== r.size) problems.push(`checkpoint #${r.id}: its row says size ${r.size}, its note ${c.size}`);
      if (c.size < lastSize) problems.push(`checkpoint #${r.id}: size ${c.size} is smaller than the one before (${lastSize})`);
      lastSize = c.size;
      expect(c.size, `checkpoint #${r.id}`, c.root);
      checkpointsChecked++;
    }
    if (config.checkpointDir) {
      const folder = join(config.checkpointDir, safeTenant(tenant));
      let files: string[];
      try {
        files = readdirSync(folder).filter((f) => f.endsWith('.checkpoint')).sort();
      } catch {
        files = [];
      }
      for (const file of files) {
        const text = readFileSync(join(folder, file), 'utf8');
        const id = String(Number(file.replace(/\.checkpoint$/, '')));
        const c = read(text, `checkpoint file ${file}`);
        if (!c) continue;
        const stored = byId.get(id);
        if (!stored) problems.push(`checkpoint #${id} (size ${c.size}, file ${file}) is missing from the database: deleted`);
        else if (stored.note !== text) problems.push(`checkpoint #${id} in the database differs from the file ${file} (size ${c.size}): replaced`);
        expect(c.size, `checkpoint file ${file}`, c.root);
        checkpointsChecked++;
      }
    }

    // Stream the leaves with their events, rebuilding the tree and checking every covered event.
    const builder = new TreeBuilder();
    let firstBreak: Break | null = null;
    let breaks = 0;
    let gap = false;
    const broken = (b: Break) => {
      breaks++;
      firstBreak ??= b;
    };
    for (let after = -1; ; ) {
      const leaves = options.chainsVerified ? await this.repo.leavesWithHashes(tenant, after, BATCH) : await this.repo.leavesWithEvents(tenant, after, BATCH);
      for (const leaf of leaves) {
        const index = Number(leaf.leaf_index);
        if (index !== builder.size) {
          problems.push(`log leaves #${builder.size}…#${index - 1} are missing from audit_log_leaves`);
          gap = true;
          break;
        }
        const reason = leaf.instance_exists === undefined ? coveredEventProblem(leaf) : storedHashProblem(leaf);
        if (reason) broken({ instanceId: leaf.leaf_instance, seq: leaf.leaf_seq, reason: `${reason} (log leaf #${index})` });
        builder.push(eventLeafHash(leaf.event_hash));
        for (const e of expected.get(builder.size) ?? []) {
          if (!builder.root().equals(e.root)) problems.push(`${e.label} (size ${builder.size}) does not match the log: its root differs from the tree of the stored leaves`);
        }
      }
      options.onProgress?.(builder.size);
      if (leaves.length < BATCH || gap) break;
      after = Number(leaves[leaves.length - 1]!.leaf_index);
    }
    for (const [size, list] of expected) if (size > builder.size) for (const e of list) problems.push(`${e.label} covers ${size} events but the log has only ${builder.size} leaves: leaves were removed`);
    if (expected.has(0)) for (const e of expected.get(0)!) if (!e.root.equals(new TreeBuilder().root())) problems.push(`${e.label} (size 0) has a wrong root`);

    // Witnesses.
    const witnesses = this.witnesses();
    const cosignatures = await this.repo.cosignatures(tenant, rows.map((r) => r.id));
    const witnessedBy = new Map<string, string[]>();
    for (const cs of cosignatures) {
      const witness = witnesses.find((w) => w.name === cs.witness && w.keyId === cs.key_id);
      const stored = byId.get(cs.checkpoint_id);
      if (!witness || !stored) continue;
      try {
        const ok = checkCosignature({ text: parseNote(stored.note).text, signatures: [parseSignatureLine(cs.line)] }, witness);
        if (ok) witnessedBy.set(cs.checkpoint_id, [...(witnessedBy.get(cs.checkpoint_id) ?? []), witness.name]);
      } catch (error) {
        problems.push(`checkpoint #${cs.checkpoint_id}: ${(error as Error).message}`);
      }
    }
    const last = rows[rows.length - 1];
    const latestWitnesses = last ? (witnessedBy.get(last.id) ?? []) : [];
    if (config.requiredWitnesses > 0) {
      if (!last) problems.push(`no checkpoint yet, and ${config.requiredWitnesses} witness cosignature(s) are required`);
      else if (latestWitnesses.length < config.requiredWitnesses) {
        problems.push(`the latest checkpoint #${last.id} (size ${last.size}) has ${latestWitnesses.length} of the ${config.requiredWitnesses} required witness cosignature(s)`);
      }
    }
    return {
      ok: !firstBreak && problems.length === 0,
      treeSize: builder.size,
      checkpointsChecked,
      latest: last ? { id: last.id, size: last.size, createdAt: last.createdAt, witnesses: latestWitnesses } : null,
      witnessed: rows.filter((r) => witnessedBy.has(r.id)).map((r) => ({ checkpointId: r.id, size: r.size, witnesses: witnessedBy.get(r.id)! })),
      requiredWitnesses: config.requiredWitnesses,
      problems,
      firstBreak,
      breaks,
    };
  }

  /** Covered events of one instance that are missing or changed: the first, by seq. */
  async verifyInstanceLeaves(instanceId: string): Promise<Break | null> {
    for (const leaf of await this.repo.instanceLeaves(instanceId)) {
      const reason = coveredEventProblem(leaf);
      if (reason) return { instanceId, seq: leaf.leaf_seq, reason: `${reason} (log leaf #${leaf.leaf_index})` };
    }
    return null;
  }

  /** Whether a checkpoint note records conflicts (for callers that only hold the note). */
  static conflictsOf(note: string): ReturnType<typeof readExtras> {
    return readExtras(parseCheckpoint(parseNote(note).text));
  }
}

/** As coveredEventProblem, trusting the stored hash (its fields were checked by the chain). */
function storedHashProblem(leaf: LeafWithEvent): string | undefined {
  const e = leaf.event;
  if (!e) return 'event covered by the log is missing from workflow_events';
  if (e.instance_id !== leaf.leaf_instance || e.seq !== leaf.leaf_seq) return `event covered by the log now sits at ${e.instance_id} #${e.seq}`;
  if (!leaf.instance_exists) return 'the instance of an event covered by the log is missing from workflow_instances';
  if (e.hash !== leaf.event_hash) return 'event covered by the log was changed after it joined the log';
  return undefined;
}

/** Why a covered event no longer matches its leaf, or undefined. */
function coveredEventProblem(leaf: LeafWithEvent): string | undefined {
  const e = leaf.event;
  if (!e) return 'event covered by the log is missing from workflow_events';
  if (e.instance_id !== leaf.leaf_instance || e.seq !== leaf.leaf_seq) return `event covered by the log now sits at ${e.instance_id} #${e.seq}`;
  const recomputed = eventHash(
    {
      instanceId: e.instance_id,
      seq: e.seq,
      type: e.event_type,
      payload: e.payload,
      actor: { id: e.actor_id, role: e.actor_role },
      at: e.occurred_at.toISOString(),
      idempotencyKey: e.idempotency_key,
      stateBefore: e.state_before,
      stateAfter: e.state_after,
    },
    e.prev_hash,
  );
  if (recomputed !== leaf.event_hash) return 'event covered by the log was changed after it joined the log';
  return undefined;
}
