/**
 * RFC 3161 timestamps for checkpoints, with PKI.js (pkijs + asn1js): a TimeStampReq over SHA-256 of
 * the signed note with a random nonce and certReq, sent as `application/timestamp-query`; the answer
 * must be granted, carry our hash and nonce, and its CMS signature must verify (against the
 * certificates in AUDIT_TSA_CERT when set, else against the certificate the token carries).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';

// PKI.js finds Node's WebCrypto on globalThis.crypto by itself (Node >= 19): no engine to set up.

const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const unsigned = (b: Uint8Array): string => Buffer.from(b).toString('hex').replace(/^(00)+/, '');

export interface Timestamp {
  /** The TimeStampToken (CMS ContentInfo), DER. */
  token: Buffer;
  genTime: Date;
}

/** Certificates from a PEM file's text. */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) => pkijs.Certificate.fromBER(ab(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))));
}

/** Asks the TSA at `url` for a timestamp over `data`; throws on any deviation from RFC 3161. */
export async function requestTimestamp(url: string, data: Buffer, trusted: pkijs.Certificate[] = [], timeoutMs = 10_000): Promise<Timestamp> {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01; // positive, no leading zero byte
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(data).digest()) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
    certReq: true,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
    body: Buffer.from(request.toSchema().toBER(false)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`the timestamp authority answered HTTP ${response.status}`);
  const tsr = pkijs.TimeStampResp.fromBER(await response.arrayBuffer());
  if (tsr.status.status !== pkijs.PKIStatus.granted && tsr.status.status !== pkijs.PKIStatus.grantedWithMods) {
    throw new Error(`the timestamp authority refused: status ${tsr.status.status}${tsr.status.statusStrings ? ` (${tsr.status.statusStrings.map((s) => s.valueBlock.value).join('; ')})` : ''}`);
  }
  if (!tsr.timeStampToken) throw new Error('the timestamp authority sent no token');
  const token = Buffer.from(tsr.timeStampToken.toSchema().toBER(false));
  const { genTime, nonce: echoed } = await verifyTimestamp(token, data, trusted);
  if (echoed !== unsigned(nonce)) throw new Error('the timestamp token does not carry our nonce');
  return { token, genTime };
}

/** Checks a token over `data`: content type, message imprint and CMS signature (and chain, given trusted certificates). */
export async function verifyTimestamp(token: Buffer, data: Buffer, trusted: pkijs.Certificate[] = []): Promise<{ genTime: Date; nonce: string | null }> {
  const info = pkijs.ContentInfo.fromBER(ab(token));
  if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Error('the timestamp token is not CMS SignedData');
  const signed = new pkijs.SignedData({ schema: info.content });
  if (signed.encapContentInfo.eContentType !== '1.2.840.113549.1.9.16.1.4' || !signed.encapContentInfo.eContent) throw new Error('the timestamp token holds no TSTInfo');
  // getValue() also reads a constructed (BER, chunked) OCTET STRING, as PKI.js itself writes one.
  const tst = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  if (tst.messageImprint.hashAlgorithm.algorithmId !== SHA256_OID) throw new Error('the timestamp token does not use SHA-256');
  if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(createHash('sha256').update(data).digest())) {
    throw new Error('the timestamp token is for other data');
  }
  const ok = await signed.verify({ signer: 0, data: ab(data), trustedCerts: trusted, checkChain: trusted.length > 0 }).catch((error: unknown) => {
    throw new Error(`the timestamp token's signature does not verify: ${(error as Error).message}`);
  });
  if (!ok) throw new Error("the timestamp token's signature does not verify");
  return { genTime: tst.genTime, nonce: tst.nonce ? unsigned(tst.nonce.valueBlock.valueHexView) : null };
}
