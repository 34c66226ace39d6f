/**
 * What a witness (`audit cosign`) and a monitor (`audit monitor`) do with a checkpoint they are
 * shown: check the log's signature, and that it extends the last checkpoint they saw (by an RFC 9162
 * consistency proof fetched from the log). No database: they stand outside the app on purpose.
 */
import { checkNoteSignature, parseCheckpoint, parseNote, readExtras, type Checkpoint, type Verifier } from './note';
import { fromB64, verifyConsistency, type Hash } from './tlog';

export type ProofSource = (from: number, to: number) => Promise<Hash[]>;

export interface Advance {
  ok: boolean;
  /** Why not, in one line. */
  problem?: string;
  checkpoint?: Checkpoint;
  conflicts: number;
}

/** The Körperschaft a checkpoint origin names (its last path segment). */
export const tenantOfOrigin = (origin: string): string => decodeURIComponent(origin.slice(origin.lastIndexOf('/') + 1));

/** Reads a checkpoint note signed by `log`; throws with the reason otherwise. */
export function readCheckpoint(text: string, log: Verifier): Checkpoint {
  const note = parseNote(text);
  const verdict = checkNoteSignature(note, log);
  if (verdict !== 'valid') throw new Error(verdict === 'absent' ? `the checkpoint is not signed by ${log.name}` : 'the checkpoint signature is not valid');
  const c = parseCheckpoint(note.text);
  if (c.origin !== log.name) throw new Error(`the checkpoint's origin ${c.origin} is not ${log.name}`);
  return c;
}

/**
 * Does `next` extend `previous` (both signed notes of the same log)? A smaller size, another root at
 * the same size, or a consistency proof that fails is an inconsistency: the log was rewritten or
 * shows different views to different parties.
 */
export async function checkAdvance(previous: string | undefined, next: string, log: Verifier, proofs: ProofSource): Promise<Advance> {
  let c: Checkpoint;
  try {
    c = readCheckpoint(next, log);
  } catch (error) {
    return { ok: false, problem: (error as Error).message, conflicts: 0 };
  }
  const conflicts = readExtras(c).conflictCount;
  if (!previous) return { ok: true, checkpoint: c, conflicts };
  let p: Checkpoint;
  try {
    p = readCheckpoint(previous, log);
  } catch (error) {
    return { ok: false, problem: `the stored checkpoint cannot be read: ${(error as Error).message}`, conflicts };
  }
  if (c.size < p.size) return { ok: false, problem: `the log went back from size ${p.size} to ${c.size}: checkpoints or events were removed`, checkpoint: c, conflicts };
  if (c.size === p.size) {
    return c.root.equals(p.root) ? { ok: true, checkpoint: c, conflicts } : { ok: false, problem: `two different roots for size ${c.size}: the log was rewritten`, checkpoint: c, conflicts };
  }
  let proof: Hash[];
  try {
    proof = await proofs(p.size, c.size);
  } catch (error) {
    return { ok: false, problem: `no consistency proof from ${p.size} to ${c.size}: ${(error as Error).message}`, checkpoint: c, conflicts };
  }
  if (!verifyConsistency(p.size, c.size, p.root, c.root, proof)) {
    return { ok: false, problem: `the checkpoint of size ${c.size} is not consistent with the one of size ${p.size} seen before: the log was rewritten`, checkpoint: c, conflicts };
  }
  return { ok: true, checkpoint: c, conflicts };
}

/** Consistency proofs from the app's public endpoint. */
export function httpProofs(baseUrl: string, tenant: string): ProofSource {
  return async (from, to) => {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/audit/log/${encodeURIComponent(tenant)}/consistency?from=${from}&to=${to}`, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { proof?: unknown };
    if (!Array.isArray(body.proof)) throw new Error('the answer holds no proof');
    return body.proof.map((h) => {
      const hash = fromB64(h);
      if (!hash) throw new Error('the proof holds something other than base64 hashes');
      return hash;
    });
  };
}

export async function fetchCheckpoint(baseUrl: string, tenant: string): Promise<string> {
  const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/audit/log/${encodeURIComponent(tenant)}/checkpoint`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`fetching the checkpoint: HTTP ${res.status}`);
  return res.text();
}
