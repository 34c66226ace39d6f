/**
 * A local RFC 3161 timestamp authority for tests, built with PKI.js: a CA and an ECDSA P-256 TSA
 * certificate with the timeStamping extended key usage, and a TimeStampResp whose token is CMS
 * SignedData over a TSTInfo that echoes the request's imprint and nonce (with signed content-type
 * and message-digest attributes, as RFC 3161 requires). `mode` makes it misbehave on purpose.
 */
import { createHash, webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface StubTsa {
  url: string;
  certificatePem: string;
  requests: number;
  mode: 'good' | 'other-imprint' | 'refuse';
  close(): Promise<void>;
}

const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const name = (cn: string) => new pkijs.RelativeDistinguishedNames({ typesAndValues: [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) })] });

export async function startStubTsa(): Promise<StubTsa> {
  const generate = () => webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const caKeys = await generate();
  const keys = await generate();
  const certificate = async (serial: number, subject: string, publicKey: webcrypto.CryptoKey, extensions: pkijs.Extension[]) => {
    const c = new pkijs.Certificate();
    c.version = 2;
    c.serialNumber = new asn1js.Integer({ value: serial });
    c.issuer = name('Stub TSA CA for tests');
    c.subject = name(subject);
    c.notBefore.value = new Date(Date.now() - 86_400_000);
    c.notAfter.value = new Date(Date.now() + 86_400_000);
    c.extensions = extensions;
    await c.subjectPublicKeyInfo.importKey(publicKey);
    await c.sign(caKeys.privateKey, 'SHA-256');
    return c;
  };
  const ca = new pkijs.BasicConstraints({ cA: true });
  const caCert = await certificate(1, 'Stub TSA CA for tests', caKeys.publicKey, [new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: ca.toSchema().toBER(false), parsedValue: ca })]);
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] });
  const cert = await certificate(2, 'Stub TSA for tests', keys.publicKey, [new pkijs.Extension({ extnID: '2.5.29.37', critical: true, extnValue: eku.toSchema().toBER(false), parsedValue: eku })]);
  /** The CA's certificate: what a deployment pins in AUDIT_TSA_CERT. */
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(caCert.toSchema().toBER(false)).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  let serial = 0;

  const answer = async (body: Buffer, mode: StubTsa['mode']): Promise<Buffer> => {
    const req = pkijs.TimeStampReq.fromBER(ab(body));
    if (mode === 'refuse') return Buffer.from(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection }) }).toSchema().toBER(false));
    const imprint =
      mode === 'other-imprint'
        ? new pkijs.MessageImprint({ hashAlgorithm: req.messageImprint.hashAlgorithm, hashedMessage: new asn1js.OctetString({ valueHex: ab(createHash('sha256').update('something else').digest()) }) })
        : req.messageImprint;
    const tst = new pkijs.TSTInfo({ version: 1, policy: '1.3.6.1.4.1.99999.1', messageImprint: imprint, serialNumber: new asn1js.Integer({ value: ++serial }), genTime: new Date(), ...(req.nonce ? { nonce: req.nonce } : {}) });
    const content = Buffer.from(tst.toSchema().toBER(false));
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.9.16.1.4', eContent: new asn1js.OctetString({ valueHex: ab(content) }) }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })] }),
              new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(content).digest()) })] }),
            ],
          }),
        }),
      ],
      certificates: req.certReq ? [cert] : [],
    });
    // DER, as a TSA sends it: a primitive OCTET STRING (PKI.js's constructor turns it into a constructed one).
    signed.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: ab(content) });
    await signed.sign(keys.privateKey, 0, 'SHA-256');
    const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
    return Buffer.from(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: token }).toSchema().toBER(false));
  };

  const stub: StubTsa = { url: '', certificatePem, requests: 0, mode: 'good', close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // the app's fetch keeps connections alive
    }) };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stub.requests++;
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(400).end();
        return;
      }
      answer(Buffer.concat(chunks), stub.mode).then(
        (der) => res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(der),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  return stub;
}
