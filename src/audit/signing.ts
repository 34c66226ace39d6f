import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDevelopmentSigningKey } from '../common/dev-signing-key';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the public key (DER), for people to compare out of band. */
  fingerprint: string;
}

export const DEFAULT_KEY_FILE = '.data/audit-signing-key.pem';

/**
 * The Ed25519 key that signs checkpoints lives outside the database: in AUDIT_SIGNING_KEY (PEM)
 * or in the file AUDIT_KEY_FILE. In development a key file is generated on first start;
 * in production a missing key is an error.
 */
export function loadSigningKey(env: NodeJS.ProcessEnv = process.env): SigningKey {
  let pem = env.AUDIT_SIGNING_KEY?.replace(/\\n/g, '\n');
  if (!pem) {
    const file = env.AUDIT_KEY_FILE ?? DEFAULT_KEY_FILE;
    if (!existsSync(file)) {
      if (env.NODE_ENV === 'production') throw new Error(`No checkpoint signing key: set AUDIT_SIGNING_KEY or AUDIT_KEY_FILE (${file} does not exist).`);
      const privateKey = generateDevelopmentSigningKey(); // marked, so production refuses it wherever it ends up
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    pem = readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The checkpoint signing key must be an Ed25519 private key (PKCS#8 PEM).');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
  };
}

export function publicKeyFingerprint(key: KeyObject | string): string {
  const k = typeof key === 'string' ? createPublicKey(key) : key;
  return createHash('sha256').update(k.export({ type: 'spki', format: 'der' })).digest('hex');
}

export const signText = (key: SigningKey, text: string): string => sign(null, Buffer.from(text), key.privateKey).toString('base64');

export function verifyText(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
