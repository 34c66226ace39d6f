/**
 * The per-Körperschaft log tree: an RFC 6962 / RFC 9162 Merkle tree (SHA-256, 0x00 before a leaf,
 * 0x01 before a pair of children), its inclusion and consistency proofs, and their verifiers.
 * Pure: no database, no Nest. The verifiers follow RFC 9162 §2.1.3.2 and §2.1.4.2 step by step and
 * use every element of a proof; a proof with an element too many or too few fails.
 */
import { createHash } from 'node:crypto';

export type Hash = Buffer;

const sha256 = (...parts: Buffer[]): Hash => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256();

export const leafHash = (data: Buffer): Hash => sha256(LEAF, data);
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE, left, right);

/** What a workflow event contributes to the tree: the 32 bytes of its chain hash (which covers every field, instance and seq included). */
export const eventLeafHash = (eventHashHex: string): Hash => leafHash(Buffer.from(eventHashHex, 'hex'));

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Streams leaf hashes in order and gives the root at any size reached so far, in O(log n) memory:
 * the stack holds the roots of the complete subtrees that make up the tree (a compact range).
 */
export class TreeBuilder {
  private readonly stack: { size: number; hash: Hash }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(leaf: Hash): void {
    let node = { size: 1, hash: leaf };
    while (this.stack.length && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count++;
  }

  /** The root of the tree of all leaves pushed so far: the complete subtrees folded from the right. */
  root(): Hash {
    if (!this.stack.length) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return acc;
  }
}

/**
 * A tree held in memory (32 bytes per leaf) for producing proofs. Subtree hashes of aligned
 * power-of-two ranges are cached level by level, so a proof costs O(log n) after one O(n) build.
 */
export class MerkleTree {
  private readonly levels: Hash[][];

  constructor(readonly leaves: readonly Hash[]) {
    this.levels = [leaves as Hash[]];
    let level = leaves as Hash[];
    while (level.length > 1) {
      const next: Hash[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.leaves.length;
  }

  /** MTH(D[start:end]). */
  hash(start: number, end: number): Hash {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const level = Math.log2(n);
      const cached = this.levels[level]?.[start / n];
      if (cached) return cached;
    }
    const k = split(n);
    return nodeHash(this.hash(start, start + k), this.hash(start + k, end));
  }

  root(size = this.size): Hash {
    return this.hash(0, size);
  }

  /** PATH(m, D[0:size]) of RFC 9162 §2.1.3.1. */
  inclusionProof(index: number, size = this.size): Hash[] {
    if (!(index >= 0 && index < size && size <= this.size)) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
    const path: Hash[] = [];
    const walk = (m: number, start: number, end: number) => {
      const n = end - start;
      if (n <= 1) return;
      const k = split(n);
      if (m < k) {
        walk(m, start, start + k);
        path.push(this.hash(start + k, end));
      } else {
        walk(m - k, start + k, end);
        path.push(this.hash(start, start + k));
      }
    };
    walk(index, 0, size);
    return path;
  }

  /** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1. */
  consistencyProof(m: number, n = this.size): Hash[] {
    if (!(m >= 0 && m <= n && n <= this.size)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
    const proof: Hash[] = [];
    if (m === 0 || m === n) return proof;
    const sub = (m: number, start: number, end: number, complete: boolean) => {
      const n = end - start;
      if (m === n) {
        if (!complete) proof.push(this.hash(start, end));
        return;
      }
      const k = split(n);
      if (m <= k) {
        sub(m, start, start + k, complete);
        proof.push(this.hash(start + k, end));
      } else {
        sub(m - k, start + k, end, false);
        proof.push(this.hash(start, start + k));
      }
    };
    sub(m, 0, n, true);
    return proof;
  }
}

const lsb = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2: does `leaf` sit at `index` in the tree of `size` leaves with `root`? */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree of `second` leaves with `secondRoot` an extension of the one of `first` leaves with `firstRoot`? */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

export const toB64 = (h: Hash): string => h.toString('base64');

/** Strict base64 of exactly 32 bytes, or undefined. */
export function fromB64(text: unknown): Hash | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(text)) return undefined;
  const b = Buffer.from(text, 'base64');
  return b.length === 32 && b.toString('base64') === text ? b : undefined;
}
