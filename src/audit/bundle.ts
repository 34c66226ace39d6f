/**
 * Evidence bundles and their offline verification. Nothing here touches a server or a database:
 * `npm run audit -- verify-bundle FILE` runs this against a file alone.
 */
import { allWorkflows, type WorkflowDefinition } from '../../workflows';
import { canonicalJson } from '../common/canonical-json';
import { describeMachine, type DescribedMachine } from '../engine/describe';
import type { HashedGenesis } from '../engine/hash';
import { ChainVerifier, type ChainEvent } from './chain';
import { rootFromProof, type Leaf, type ProofStep } from './merkle';
import { publicKeyFingerprint, signText, verifyText, type SigningKey } from './signing';

export const BUNDLE_FORMAT = 'beschlussweg-evidence/1';

export interface BundleCheckpoint {
  tenant: string;
  root: string;
  leafCount: number;
  previousRoot: string | null;
  conflicts: unknown[];
  createdAt: string;
  signature: string;
  publicKey: string;
  keyFingerprint: string;
}

export interface BundleInstance {
  genesis: HashedGenesis;
  machine: { type: string; version: number; title: string; definition: DescribedMachine };
  events: ChainEvent[];
  leaf: Leaf;
  proof: ProofStep[];
}

export interface Bundle {
  format: string;
  exportedAt: string;
  subject: string;
  checkpoint: BundleCheckpoint;
  instances: BundleInstance[];
  /** Ed25519 over the canonical JSON of everything above, with the checkpoint's key. */
  signature: string;
}

/** What a checkpoint's signature covers. */
export function checkpointStatement(c: { tenant: string; root: string; leafCount: number; previousRoot: string | null; conflicts: unknown[]; createdAt: string }): string {
  return canonicalJson({ format: 'beschlussweg-checkpoint/1', tenant: c.tenant, root: c.root, leafCount: c.leafCount, previousRoot: c.previousRoot, conflicts: c.conflicts, createdAt: c.createdAt });
}

export function signBundle(unsigned: Omit<Bundle, 'signature'>, key: SigningKey): Bundle {
  return { ...unsigned, signature: signText(key, canonicalJson(unsigned)) };
}

export interface BundleCheck {
  ok: boolean;
  problems: string[];
  instances: { instanceId: string; workflowType: string; events: number; ok: boolean }[];
  checkpoint: { root: string; createdAt: string; keyFingerprint: string } | null;
}

/**
 * Verifies a bundle offline: the bundle and checkpoint signatures, each instance's chain and replay
 * through the machine version named in it, the machine definition, and each Merkle inclusion proof.
 * Pass `trustedPublicKey` to pin the key instead of trusting the one the bundle carries.
 */
export function verifyBundle(input: unknown, options: { trustedPublicKey?: string; workflows?: readonly WorkflowDefinition[] } = {}): BundleCheck {
  const problems: string[] = [];
  const result: BundleCheck = { ok: false, problems, instances: [], checkpoint: null };
  const b = input as Partial<Bundle> | null;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT || !b.checkpoint || !Array.isArray(b.instances) || typeof b.signature !== 'string') {
    problems.push(`not a ${BUNDLE_FORMAT} bundle`);
    return result;
  }
  const c = b.checkpoint;
  result.checkpoint = { root: c.root, createdAt: c.createdAt, keyFingerprint: c.keyFingerprint };
  if (options.trustedPublicKey && publicKeyFingerprint(options.trustedPublicKey) !== publicKeyFingerprint(c.publicKey)) {
    problems.push('the checkpoint was signed with a key other than the trusted one');
  }
  try {
    if (publicKeyFingerprint(c.publicKey) !== c.keyFingerprint) problems.push('key fingerprint does not match the public key');
  } catch {
    problems.push('the public key cannot be read');
  }
  if (!verifyText(c.publicKey, checkpointStatement(c), c.signature)) problems.push('checkpoint signature is not valid');
  const { signature, ...unsigned } = b as Bundle;
  if (!verifyText(c.publicKey, canonicalJson(unsigned), signature)) problems.push('bundle signature is not valid: its content was changed after export');

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
        for (const e of inst.events) if (!chain.push(e)) break;
        chain.finish({ version: inst.leaf.version, headHash: inst.leaf.headHash });
        if (chain.broken) problems.push(`${id}: #${chain.broken.seq} ${chain.broken.reason}`);
      } catch (error) {
        problems.push(`${id}: replay failed: ${(error as Error).message}`);
      }
    }
    if (inst.leaf?.instanceId !== id) problems.push(`${id}: the Merkle leaf names another instance`);
    else if (rootFromProof(inst.leaf, inst.proof ?? []) !== c.root) problems.push(`${id}: the Merkle inclusion proof does not lead to the checkpoint root`);
    result.instances.push({ instanceId: id, workflowType: inst.genesis?.workflowType ?? '?', events: inst.events?.length ?? 0, ok: problems.length === before });
  }
  result.ok = problems.length === 0;
  return result;
}
