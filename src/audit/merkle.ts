/**
 * A Merkle tree over instances' latest hashes. Leaves and inner nodes are domain-separated
 * (RFC 6962 style) so a leaf can never pass for a node. An odd node is carried up unchanged.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

export interface Leaf {
  instanceId: string;
  version: number;
  headHash: string;
}

export interface ProofStep {
  /** Where the sibling sits. */
  side: 'left' | 'right';
  hash: string;
}

const h = (prefix: string, data: string) => createHash('sha256').update(prefix).update(data).digest('hex');

export const leafHash = (leaf: Leaf): string => h('\x00', canonicalJson({ instanceId: leaf.instanceId, version: leaf.version, headHash: leaf.headHash }));
const nodeHash = (left: string, right: string): string => h('\x01', left + right);

/** Leaves are ordered by instance id so the same set always gives the same root. */
export function sortLeaves(leaves: Leaf[]): Leaf[] {
  return [...leaves].sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
}

export function merkleRoot(leaves: Leaf[]): string {
  if (leaves.length === 0) return h('\x02', 'empty');
  let level = sortLeaves(leaves).map(leafHash);
  while (level.length > 1) level = up(level);
  return level[0]!;
}

export function inclusionProof(leaves: Leaf[], instanceId: string): ProofStep[] | undefined {
  const sorted = sortLeaves(leaves);
  let index = sorted.findIndex((l) => l.instanceId === instanceId);
  if (index < 0) return undefined;
  const proof: ProofStep[] = [];
  let level = sorted.map(leafHash);
  while (level.length > 1) {
    const sibling = index % 2 === 0 ? index + 1 : index - 1;
    if (sibling < level.length) proof.push({ side: index % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
    level = up(level);
    index = Math.floor(index / 2);
  }
  return proof;
}

export function rootFromProof(leaf: Leaf, proof: ProofStep[]): string {
  return proof.reduce((acc, step) => (step.side === 'left' ? nodeHash(step.hash, acc) : nodeHash(acc, step.hash)), leafHash(leaf));
}

function up(level: string[]): string[] {
  const next: string[] = [];
  for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
  return next;
}
