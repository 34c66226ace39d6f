import { createHash, generateKeyPairSync } from 'node:crypto';
import { checkCosignature, checkNoteSignature, cosign, COSIGNATURE_V1, ED25519, extrasLines, formatCheckpoint, formatNote, parseCheckpoint, parseNote, parseVerifier, readExtras, signNote, verifierFor } from './note';
import { leafHash } from './tlog';

const log = generateKeyPairSync('ed25519').privateKey;
const witness = generateKeyPairSync('ed25519').privateKey;
const ORIGIN = 'beschlussweg.example/audit/kreis-coesfeld';

function checkpointNote(size = 3, conflicts: { leafIndex: number; instanceId: string; seq: number }[] = []) {
  const text = formatCheckpoint({ origin: ORIGIN, size, root: leafHash(Buffer.from('root')), extensions: extrasLines({ time: new Date('2020-08-19T08:00:00Z'), conflictCount: conflicts.length, conflicts }) });
  return { text, note: formatNote({ text, signatures: [signNote(text, ORIGIN, log)] }) };
}

describe('C2SP signed notes, checkpoints and cosignatures', () => {
  it('writes a tlog-checkpoint note that reads back, with key ids as the signed-note spec derives them', () => {
    const { text, note } = checkpointNote();
    expect(text).toBe(`${ORIGIN}\n3\n${leafHash(Buffer.from('root')).toString('base64')}\ntime 2020-08-19T08:00:00.000Z\nconflicts 0\n`);
    const v = verifierFor(ORIGIN, log);
    const raw = Buffer.from(log.export({ format: 'jwk' }).x!, 'base64url');
    expect(v.keyId).toBe(createHash('sha256').update(`${ORIGIN}\n`).update(Buffer.from([ED25519])).update(raw).digest().subarray(0, 4).toString('hex'));
    expect(parseVerifier(v.vkey)).toMatchObject({ name: ORIGIN, keyId: v.keyId, type: ED25519 });
    const parsed = parseNote(note);
    expect(parsed.text).toBe(text);
    expect(note).toMatch(new RegExp(`\\n\\n\u2014 ${ORIGIN} [A-Za-z0-9+/]{91}=\\n$`));
    expect(checkNoteSignature(parsed, v)).toBe('valid');
    expect(parseCheckpoint(parsed.text)).toMatchObject({ origin: ORIGIN, size: 3 });
  });

  it('refuses a changed text, a foreign key and malformed notes', () => {
    const { note } = checkpointNote();
    const v = verifierFor(ORIGIN, log);
    expect(checkNoteSignature(parseNote(note.replace('\n3\n', '\n4\n')), v)).toBe('invalid');
    expect(checkNoteSignature(parseNote(note), verifierFor(ORIGIN, generateKeyPairSync('ed25519').publicKey))).toBe('absent');
    expect(checkNoteSignature(parseNote(note), verifierFor('someone.else/log', log))).toBe('absent');
    for (const bad of [note.replace('\n\n', '\n'), note.slice(0, -1), note.replace('\u2014', '-'), `${note}\u0007`, note.replace('\n3\n', '\n3\u0007\n'), note.replace('\n3\n', '\n3\t\n'), note.replace(/ [A-Za-z0-9+/]+=*\n$/, ' AAAA\n')]) expect(() => parseNote(bad)).toThrow();
    for (const text of ['o\n01\nAAAA\n', `o\n1\n${'A'.repeat(43)}=`, `o\n-1\n${Buffer.alloc(32).toString('base64')}\n`, `o\n1\n${Buffer.alloc(31).toString('base64')}\n`, `o\n1\n${Buffer.alloc(32).toString('base64')}\n\n`]) {
      expect(() => parseCheckpoint(text)).toThrow();
    }
    expect(() => parseVerifier(verifierFor(ORIGIN, log).vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow('the key id does not match the key');
  });

  it('reads the conflicts a checkpoint records; a conflict line without a count still counts', () => {
    const { text } = checkpointNote(5, [{ leafIndex: 3, instanceId: 'a1', seq: 4 }]);
    expect(readExtras(parseCheckpoint(text))).toMatchObject({ conflictCount: 1, conflicts: [{ leafIndex: 3, instanceId: 'a1', seq: 4 }] });
    expect(readExtras(parseCheckpoint(text.replace('conflicts 1\n', ''))).conflictCount).toBe(1);
  });

  it('cosigns as cosignature/v1: key id with type 0x04, big-endian time, signature over the header, time line and note text', () => {
    const { text, note } = checkpointNote();
    const w = verifierFor('rpa.example/w1', witness, COSIGNATURE_V1);
    const line = cosign(text, w.name, witness, 1_679_315_147);
    expect(line.keyId).toBe(w.keyId);
    expect(line.bytes.length).toBe(72);
    expect(line.bytes.readBigUInt64BE(0)).toBe(1_679_315_147n);
    const cosigned = parseNote(formatNote({ text, signatures: [...parseNote(note).signatures, line] }));
    expect(checkCosignature(cosigned, w)).toEqual({ timestamp: 1_679_315_147 });
    expect(checkNoteSignature(cosigned, verifierFor(ORIGIN, log))).toBe('valid'); // the log's signature still verifies beside it
    const forged = Buffer.from(line.bytes);
    forged.writeBigUInt64BE(1_679_315_148n, 0); // another time: the signature covers it
    expect(() => checkCosignature({ text, signatures: [{ ...line, bytes: forged }] }, w)).toThrow('does not verify');
    expect(() => checkCosignature({ text: text.replace('\n3\n', '\n4\n'), signatures: [line] }, w)).toThrow('does not verify');
    expect(checkCosignature({ text, signatures: [line] }, verifierFor('rpa.example/w2', witness, COSIGNATURE_V1))).toBeUndefined();
  });
});
