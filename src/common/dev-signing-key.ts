import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';

/*
 * Development audit signing keys carry a mark in the key itself, so production recognises one
 * however it is handed over (a copied file at any path, or its PEM in AUDIT_SIGNING_KEY).
 * An Ed25519 private key is a 32-byte seed; a development seed starts with these 16 bytes and has
 * 16 random bytes after them. A production key made by `openssl genpkey` starts with them with
 * probability 2^-128.
 */
const DEV_MARK = Buffer.from('bw-dev-audit-key', 'ascii');
/** PKCS#8 DER of an Ed25519 private key: this prefix, then the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A new development key: Ed25519, with the development mark in its seed. */
export function generateDevelopmentSigningKey(): KeyObject {
  const seed = Buffer.concat([DEV_MARK, randomBytes(32 - DEV_MARK.length)]);
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** True for a key made by generateDevelopmentSigningKey. */
export function isDevelopmentSigningKey(key: KeyObject): boolean {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') return false;
  const der = key.export({ format: 'der', type: 'pkcs8' });
  return der.length === ED25519_PKCS8_PREFIX.length + 32 && der.subarray(ED25519_PKCS8_PREFIX.length, ED25519_PKCS8_PREFIX.length + DEV_MARK.length).equals(DEV_MARK);
}
