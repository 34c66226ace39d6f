/**
 * Evidence bundles and their offline verification. Nothing here touches a server or a database:
 * `npm run audit -- verify-bundle FILE` runs this against a file alone.
 */
import { allWorkflows, type WorkflowDefinition } from '../../workflows';
import { canonicalJson } from '../common/canonical-json';
import { describeMachine, type DescribedMachine } from '../engine/describe';
import type { HashedGenesis } from '../engine/hash';
import { ChainVerifier, type ChainEvent } from './chain';
import { checkNoteSignature, parseCheckpoint, parseNote, readExtras, verifierFor, type Checkpoint } from './note';
import { eventLeafHash, fromB64, verifyConsistency, verifyInclusion, type Hash } from './tlog';
import { publicKeyFingerprint, signText, verifyText, type SigningKey } from './signing';

export const BUNDLE_FORMAT = 'beschlussweg-evidence/2';

export interface BundleCheckpoint {
  /** The C2SP signed note (tlog-checkpoint), with any witness cosignatures. */
  note: string;
  /** The log's C2SP verifier key (`<origin>+<key id>+<key>`). */
  verifierKey: string;
  publicKey: string;
  keyFingerprint: string;
  /** RFC 3161 token over the note as the log signed it (without cosignatures), base64 DER; null without a TSA. */
  timestampToken: string | null;
  /** The note exactly as timestamped, when cosignatures were added later. */
  signedNote: string;
}

/** An event with its place in the log tree and its RFC 9162 inclusion proof (base64 hashes). */
export type BundleEvent = ChainEvent & { leafIndex: number; inclusion: string[] };

export interface BundleInstance {
  genesis: HashedGenesis;
  machine: { type: string; version: number; title: string; definition: DescribedMachine };
  events: BundleEvent[];
}

export interface Bundle {
  format: string;
  exportedAt: string;
  subject: string;
  checkpoint: BundleCheckpoint;
  /** Consistency proofs from the sizes of the log's earlier checkpoints to this one, for `--trusted`. */
  consistency: { from: number; proof: string[] }[];
  instances: BundleInstance[];
  /** Ed25519 over the canonical JSON of everything above, with the checkpoint's key. */
  signature: string;
}

export function signBundle(unsigned: Omit<Bundle, 'signature'>, key: SigningKey): Bundle {
  return { ...unsigned, signature: signText(key, canonicalJson(unsigned)) };
}

export interface BundleCheck {
  ok: boolean;
  problems: string[];
  instances: { instanceId: string; workflowType: string; events: number; ok: boolean }[];
  checkpoint: { origin: string; size: number; root: string; time: string; keyFingerprint: string; conflicts: number } | null;
  /** With a trusted checkpoint: its size, and whether this bundle's checkpoint is consistent with it. */
  trusted: { size: number; consistent: boolean } | null;
}

const isHashes = (path: (Hash | undefined)[]): path is Hash[] => path.every((h) => h !== undefined);

function readSigned(text: string, publicKey: string, label: string, problems: string[]): Checkpoint | undefined {
  try {
    const note = parseNote(text);
    const c = parseCheckpoint(note.text);
    const verdict = checkNoteSignature(note, verifierFor(c.origin, publicKey));
    if (verdict !== 'valid') {
      problems.push(`${label}: ${verdict === 'absent' ? 'no signature by the log key' : 'signature is not valid'}`);
      return undefined;
    }
    return c;
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Verifies a bundle offline: the checkpoint's signed note and the bundle signature, that the
 * checkpoint records no conflicts, each instance's chain and replay through the machine version
 * named in it, the machine definition, and every event's inclusion proof against the checkpoint
 * root. Pass `trustedPublicKey` to pin the key instead of trusting the one the bundle carries, and
 * `trusted` (a checkpoint note kept earlier) to check that this bundle's log extends it.
 */
export function verifyBundle(input: unknown, options: { trustedPublicKey?: string; trusted?: string; workflows?: readonly WorkflowDefinition[] } = {}): BundleCheck {
  const problems: string[] = [];
  const result: BundleCheck = { ok: false, problems, instances: [], checkpoint: null, trusted: null };
  const b = input as Partial<Bundle> | null;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT || !b.checkpoint || typeof b.checkpoint.note !== 'string' || !Array.isArray(b.instances) || typeof b.signature !== 'string') {
    problems.push(`not a ${BUNDLE_FORMAT} bundle`);
    return result;
  }
  const c = b.checkpoint;
  if (options.trustedPublicKey && publicKeyFingerprint(options.trustedPublicKey) !== publicKeyFingerprint(c.publicKey)) {
    problems.push('the checkpoint was signed with a key other than the trusted one');
  }
  try {
    if (publicKeyFingerprint(c.publicKey) !== c.keyFingerprint) problems.push('key fingerprint does not match the public key');
  } catch {
    problems.push('the public key cannot be read');
    return result;
  }
  const checkpoint = readSigned(c.note, c.publicKey, 'checkpoint', problems);
  if (checkpoint && c.signedNote !== c.note) {
    try {
      if (parseNote(String(c.signedNote)).text !== parseNote(c.note).text) problems.push('the timestamped note and the checkpoint differ');
    } catch {
      problems.push('the timestamped note cannot be read');
    }
  }
  const { signature, ...unsigned } = b as Bundle;
  if (!verifyText(c.publicKey, canonicalJson(unsigned), signature)) problems.push('bundle signature is not valid: its content was changed after export');
  if (!checkpoint) return result;
  const extras = readExtras(checkpoint);
  result.checkpoint = { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.toString('hex'), time: Number.isNaN(extras.time.getTime()) ? '?' : extras.time.toISOString(), keyFingerprint: c.keyFingerprint, conflicts: extras.conflictCount };
  if (extras.conflictCount > 0) {
    const named = extras.conflicts.map((x) => `${x.instanceId} #${x.seq}`).join(', ');
    problems.push(`the checkpoint records ${extras.conflictCount} conflict(s): events an earlier checkpoint covered are missing or changed${named ? ` (${named})` : ''}`);
  }

  const workflows = options.workflows ?? allWorkflows;
  for (const inst of b.instances) {
    const id = inst.genesis?.instanceId ?? '?';
    const before = problems.length;
    const definition = workflows.find((w) => w.type === inst.machine?.type && w.version === inst.machine?.version);
    if (!definition) {
      problems.push(`${id}: machine ${inst.machine?.type}@${inst.machine?.version} is not known to this verifier`);
    } else {
      if (canonicalJson(describeMachine(definition.machine)) !== canonicalJson(inst.machine.definition)) {
        problems.push(`${id}: the machine definition in the bundle differs from ${definition.type}@${definition.version} as this verifier knows it`);
      }
      try {
        const chain = new ChainVerifier(inst.genesis, definition);
        for (const { leafIndex: _l, inclusion: _i, ...event } of inst.events) if (!chain.push(event)) break;
        if (chain.broken) problems.push(`${id}: #${chain.broken.seq} ${chain.broken.reason}`);
      } catch (error) {
        problems.push(`${id}: replay failed: ${(error as Error).message}`);
      }
    }
    for (const e of inst.events ?? []) {
      const path = (e.inclusion ?? []).map(fromB64);
      const included = typeof e.hash === 'string' && /^[0-9a-f]{64}$/.test(e.hash) && isHashes(path) && verifyInclusion(eventLeafHash(e.hash), e.leafIndex, checkpoint.size, path, checkpoint.root);
      if (!included) problems.push(`${id}: #${e.seq} the inclusion proof does not lead to the checkpoint root`);
    }
    result.instances.push({ instanceId: id, workflowType: inst.genesis?.workflowType ?? '?', events: inst.events?.length ?? 0, ok: problems.length === before });
  }

  if (options.trusted !== undefined) {
    const trusted = readSigned(options.trusted, options.trustedPublicKey ?? c.publicKey, 'trusted checkpoint', problems);
    if (trusted) {
      let consistent = false;
      if (trusted.origin !== checkpoint.origin) problems.push(`the trusted checkpoint is of another log (${trusted.origin})`);
      else if (trusted.size > checkpoint.size) problems.push(`the bundle's checkpoint (size ${checkpoint.size}) is older than the trusted one (size ${trusted.size}): export a fresh bundle`);
      else if (trusted.size === checkpoint.size) consistent = trusted.root.equals(checkpoint.root);
      else {
        const entry = (b.consistency ?? []).find((p) => p.from === trusted.size);
        const path = (entry?.proof ?? []).map(fromB64);
        if (!entry) problems.push(`the bundle carries no consistency proof from size ${trusted.size}`);
        else consistent = isHashes(path) && verifyConsistency(trusted.size, checkpoint.size, trusted.root, checkpoint.root, path);
      }
      if (!consistent && trusted.origin === checkpoint.origin && trusted.size <= checkpoint.size) {
        problems.push(`the bundle's checkpoint (size ${checkpoint.size}) is NOT consistent with the trusted checkpoint (size ${trusted.size}): the log was rewritten`);
      }
      result.trusted = { size: trusted.size, consistent };
    }
  }
  result.ok = problems.length === 0;
  return result;
}
