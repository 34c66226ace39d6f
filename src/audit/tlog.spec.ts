import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, leafHash, MerkleTree, nodeHash, TreeBuilder, verifyConsistency, verifyInclusion, type Hash } from './tlog';

const leaves = (n: number, salt = 0): Hash[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${salt}/${i}`)));

/** MTH exactly as RFC 6962 §2.1 writes it, recursively: the reference the fast implementations are held against. */
function mth(d: Hash[]): Hash {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return d[0]!;
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

/** A different 32-byte value: one flipped bit. */
const flip = (h: Hash, bit: number): Hash => {
  const c = Buffer.from(h);
  c[(bit >> 3) % 32]! ^= 1 << (bit & 7);
  return c;
};

describe('RFC 6962 log tree', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes and the empty tree as SHA-256 of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // RFC 6962 test vector (certificate-transparency-go): the hash of the empty leaf.
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const a = leafHash(Buffer.from('a'));
    const b = leafHash(Buffer.from('b'));
    expect(nodeHash(a, b)).toEqual(createHash('sha256').update(Buffer.from([1])).update(a).update(b).digest());
  });

  it('computes the same root streaming, from cached levels and by the RFC recursion, at every size up to 70', () => {
    const all = leaves(70);
    const tree = new MerkleTree(all);
    const builder = new TreeBuilder();
    expect(builder.root()).toEqual(EMPTY_ROOT);
    for (let n = 1; n <= 70; n++) {
      builder.push(all[n - 1]!);
      const reference = mth(all.slice(0, n));
      expect(builder.root()).toEqual(reference);
      expect(tree.root(n)).toEqual(reference);
    }
  });

  it('proves and verifies the inclusion of every leaf at every size up to 40, and rejects each changed element', () => {
    const all = leaves(40);
    const tree = new MerkleTree(all);
    for (let n = 1; n <= 40; n++) {
      const root = tree.root(n);
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(all[i]!, i, n, proof, root)).toBe(true);
        for (let j = 0; j < proof.length; j++) expect(verifyInclusion(all[i]!, i, n, proof.map((p, k) => (k === j ? flip(p, j) : p)), root)).toBe(false);
        expect(verifyInclusion(all[i]!, i, n, [...proof, root], root)).toBe(false);
        if (proof.length) expect(verifyInclusion(all[i]!, i, n, proof.slice(0, -1), root)).toBe(false);
        expect(verifyInclusion(flip(all[i]!, 3), i, n, proof, root)).toBe(false);
        expect(verifyInclusion(all[i]!, i, n, proof, flip(root, 9))).toBe(false);
        if (n > 1) expect(verifyInclusion(all[i]!, (i + 1) % n, n, proof, root)).toBe(false);
      }
      expect(verifyInclusion(all[0]!, n, n, [], root)).toBe(false);
    }
  });

  it('verifies consistency proofs between 1,000 random pairs of tree sizes and rejects every single-element change to them', () => {
    const all = leaves(1_100, 7);
    const tree = new MerkleTree(all);
    let pairs = 0;
    let mutations = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_100 }), fc.integer({ min: 1, max: 1_100 }), fc.integer({ min: 0, max: 255 }), (a, b, bit) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const first = tree.root(m);
        const second = tree.root(n);
        const proof = tree.consistencyProof(m, n);
        pairs++;
        if (!verifyConsistency(m, n, first, second, proof)) return false;
        const rejected = (changed: Hash[], f = first, s = second) => {
          mutations++;
          return !verifyConsistency(m, n, f, s, changed);
        };
        for (let j = 0; j < proof.length; j++) {
          if (!rejected(proof.map((p, k) => (k === j ? flip(p, bit) : p)))) return false; // one element changed
          if (!rejected(proof.filter((_, k) => k !== j))) return false; // one element left out
          if (j + 1 < proof.length && !rejected(proof.map((p, k) => (k === j ? proof[j + 1]! : k === j + 1 ? proof[j]! : p)))) return false; // two swapped
        }
        if (!rejected([...proof, second])) return false; // one element too many
        if (!rejected([second, ...proof])) return false;
        if (!rejected(proof, flip(first, bit))) return false; // a changed first root
        if (!rejected(proof, first, flip(second, bit))) return false; // a changed second root
        return true;
      }),
      { numRuns: 1_000, seed: Number(process.env.FC_SEED ?? 20261202) },
    );
    expect(pairs).toBe(1_000);
    expect(mutations).toBeGreaterThan(10_000);
  });

  it('refuses impossible sizes and proofs for different trees', () => {
    const tree = new MerkleTree(leaves(20));
    const other = new MerkleTree(leaves(20, 1));
    expect(verifyConsistency(8, 5, tree.root(8), tree.root(5), tree.consistencyProof(5, 8))).toBe(false);
    expect(verifyConsistency(5, 13, tree.root(5), tree.root(13), tree.consistencyProof(5, 13))).toBe(true);
    expect(verifyConsistency(5, 13, other.root(5), tree.root(13), tree.consistencyProof(5, 13))).toBe(false);
    expect(verifyConsistency(5, 13, tree.root(5), other.root(13), tree.consistencyProof(5, 13))).toBe(false);
    expect(verifyConsistency(7, 7, tree.root(7), tree.root(7), [])).toBe(true);
    // From the empty tree every tree is an extension: the proof is empty, the first root must be the empty one.
    expect(verifyConsistency(0, 9, EMPTY_ROOT, tree.root(9), [])).toBe(true);
    expect(verifyConsistency(0, 9, tree.root(1), tree.root(9), [])).toBe(false);
    expect(verifyConsistency(0, 9, EMPTY_ROOT, tree.root(9), [tree.root(9)])).toBe(false);
    expect(verifyConsistency(7, 7, tree.root(7), other.root(7), [])).toBe(false);
    expect(() => tree.consistencyProof(3, 21)).toThrow(RangeError);
    expect(() => tree.inclusionProof(20, 20)).toThrow(RangeError);
  });
});
