/**
 * C2SP signed notes (c2sp.org/signed-note), checkpoints (c2sp.org/tlog-checkpoint) and Ed25519
 * witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1). Pure: no database, no Nest.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { fromB64, toB64, type Hash } from './tlog';

/** Signature type bytes of the signed-note registry. */
export const ED25519 = 0x01;
export const COSIGNATURE_V1 = 0x04;

export interface NoteSignature {
  name: string;
  keyId: string; // 8 hex digits
  /** The signature bytes after the key id. */
  bytes: Buffer;
  line: string;
}

export interface Note {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

export interface Verifier {
  name: string;
  keyId: string;
  type: number;
  key: KeyObject;
  /** The vkey string: `<name>+<hex key id>+<base64(type || public key)>`. */
  vkey: string;
}

const MAX_SIGNATURES = 64;

export const rawEd25519 = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');

export function keyId(name: string, type: number, raw: Buffer): string {
  return createHash('sha256').update(name).update('\n').update(Buffer.from([type])).update(raw).digest().subarray(0, 4).toString('hex');
}

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

/** The verifier key of an Ed25519 public key under a name, for note signatures (0x01) or cosignatures (0x04). */
export function verifierFor(name: string, publicKey: KeyObject | string, type = ED25519): Verifier {
  if (!validName(name)) throw new Error(`"${name}" is not a valid key name (no spaces, no "+")`);
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('note keys must be Ed25519');
  const raw = rawEd25519(key);
  const id = keyId(name, type, raw);
  return { name, keyId: id, type, key, vkey: `${name}+${id}+${Buffer.concat([Buffer.from([type]), raw]).toString('base64')}` };
}

/** Parses a vkey; throws on anything malformed or not Ed25519. */
export function parseVerifier(vkey: string): Verifier {
  // Names hold no "+", but base64 may: split at the first two only.
  const m = /^([^+]+)\+([^+]*)\+(.*)$/s.exec(vkey.trim());
  if (!m) throw new Error('a verifier key is <name>+<key id>+<base64 key>');
  const [, name, id, b64] = m as unknown as [string, string, string, string];
  const bytes = Buffer.from(b64, 'base64');
  if (!validName(name) || !/^[0-9a-f]{8}$/.test(id) || bytes.length !== 33 || bytes.toString('base64') !== b64) throw new Error('malformed verifier key');
  const type = bytes[0]!;
  if (type !== ED25519 && type !== COSIGNATURE_V1) throw new Error(`unsupported signature type 0x${type.toString(16)}`);
  const raw = bytes.subarray(1);
  if (keyId(name, type, raw) !== id) throw new Error('the key id does not match the key');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  return { name, keyId: id, type, key, vkey: vkey.trim() };
}

/** Splits a signed note into its text and signature lines; throws on anything the format does not allow. */
export function parseNote(input: string): Note {
  if ([...input].some((c) => c < ' ' && c !== '\n')) throw new Error('a note may not contain control characters other than newline');
  const at = input.lastIndexOf('\n\n');
  if (at < 0 || !input.endsWith('\n')) throw new Error('a note is text, a blank line and signature lines, each ending in a newline');
  const text = input.slice(0, at + 1);
  const lines = input.slice(at + 2, -1).split('\n');
  if (!lines.length || lines.length > MAX_SIGNATURES) throw new Error(`a note needs 1 to ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map(parseSignatureLine);
  return { text, signatures };
}

/** One signature line, `— <name> <base64(key id || signature)>`. */
export function parseSignatureLine(line: string): NoteSignature {
  const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
  if (!m || !validName(m[1]!)) throw new Error(`malformed signature line: ${line.slice(0, 80)}`);
  const raw = Buffer.from(m[2]!, 'base64');
  if (raw.length < 5 || raw.toString('base64') !== m[2]) throw new Error(`malformed signature in line: ${line.slice(0, 80)}`);
  return { name: m[1]!, keyId: raw.subarray(0, 4).toString('hex'), bytes: raw.subarray(4), line };
}

export const formatNote = (note: Note): string => `${note.text}\n${note.signatures.map((s) => s.line).join('\n')}\n`;

function signatureLine(name: string, id: string, bytes: Buffer): NoteSignature {
  return { name, keyId: id, bytes, line: `\u2014 ${name} ${Buffer.concat([Buffer.from(id, 'hex'), bytes]).toString('base64')}` };
}

/** An Ed25519 note signature (type 0x01) over the text. */
export function signNote(text: string, name: string, privateKey: KeyObject): NoteSignature {
  const v = verifierFor(name, privateKey);
  return signatureLine(name, v.keyId, sign(null, Buffer.from(text), privateKey));
}

/** The signature by this verifier, checked: 'valid', 'invalid' (known key, bad signature) or 'absent'. */
export function checkNoteSignature(note: Note, verifier: Verifier): 'valid' | 'invalid' | 'absent' {
  if (verifier.type !== ED25519) throw new Error('not a note signing key');
  const mine = note.signatures.filter((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (!mine.length) return 'absent';
  return mine.every((s) => s.bytes.length === 64 && verify(null, Buffer.from(note.text), verifier.key, s.bytes)) ? 'valid' : 'invalid';
}

// ---- checkpoints -------------------------------------------------------------------------------

export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  /** Extension lines, after the root hash. */
  extensions: string[];
}

export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || /[\n]/.test(c.origin) || c.extensions.some((e) => !e || e.includes('\n'))) throw new Error('malformed checkpoint');
  return [c.origin, String(c.size), toB64(c.root), ...c.extensions].join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3) throw new Error('a checkpoint has at least three lines, each ending in a newline');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (!origin) throw new Error('the checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw new Error(`"${size.slice(0, 40)}" is not a tree size`);
  const hash = fromB64(root);
  if (!hash) throw new Error('the root hash is not base64 of 32 bytes');
  if (extensions.some((e) => !e)) throw new Error('extension lines may not be empty');
  return { origin, size: Number(size), root: hash, extensions };
}

/** What our log writes in extension lines: the signing time and the conflicts found when signing. */
export interface CheckpointExtras {
  time: Date;
  conflictCount: number;
  conflicts: { leafIndex: number; instanceId: string; seq: number }[];
}

/** At most this many conflicts are named in the note itself; the count is always there. */
export const NOTE_CONFLICTS = 16;

export function extrasLines(x: CheckpointExtras): string[] {
  return [`time ${x.time.toISOString()}`, `conflicts ${x.conflictCount}`, ...x.conflicts.slice(0, NOTE_CONFLICTS).map((c) => `conflict ${c.leafIndex} ${c.instanceId} ${c.seq}`)];
}

export function readExtras(c: Checkpoint): CheckpointExtras {
  const x: CheckpointExtras = { time: new Date(NaN), conflictCount: 0, conflicts: [] };
  for (const line of c.extensions) {
    const [key, ...rest] = line.split(' ');
    if (key === 'time') x.time = new Date(rest.join(' '));
    else if (key === 'conflicts') x.conflictCount = Number(rest[0]);
    else if (key === 'conflict') x.conflicts.push({ leafIndex: Number(rest[0]), instanceId: rest[1] ?? '?', seq: Number(rest[2]) });
  }
  // A conflict line without a count, or a count that is not a number, is a conflict too.
  if (!Number.isSafeInteger(x.conflictCount) || x.conflictCount < x.conflicts.length) x.conflictCount = Math.max(x.conflicts.length, 1);
  return x;
}

// ---- cosignatures ------------------------------------------------------------------------------

const cosignedMessage = (text: string, timestamp: number) => Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`);

/** A cosignature/v1 line over a checkpoint's text at a POSIX time (seconds). */
export function cosign(text: string, name: string, privateKey: KeyObject, timestamp: number): NoteSignature {
  const v = verifierFor(name, privateKey, COSIGNATURE_V1);
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  return signatureLine(name, v.keyId, Buffer.concat([ts, sign(null, cosignedMessage(text, timestamp), privateKey)]));
}

/** A witness's valid cosignature on the note, with its time; undefined if it has none; throws on an invalid one. */
export function checkCosignature(note: Note, witness: Verifier): { timestamp: number } | undefined {
  if (witness.type !== COSIGNATURE_V1) throw new Error('not a cosignature key');
  const mine = note.signatures.filter((s) => s.name === witness.name && s.keyId === witness.keyId);
  if (!mine.length) return undefined;
  let last: { timestamp: number } | undefined;
  for (const s of mine) {
    if (s.bytes.length !== 72) throw new Error(`cosignature of ${witness.name} has the wrong length`);
    const ts = s.bytes.readBigUInt64BE(0);
    if (ts > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`cosignature of ${witness.name} has an impossible time`);
    const timestamp = Number(ts);
    if (!verify(null, cosignedMessage(note.text, timestamp), witness.key, s.bytes.subarray(8))) throw new Error(`cosignature of ${witness.name} does not verify`);
    last = { timestamp };
  }
  return last;
}
