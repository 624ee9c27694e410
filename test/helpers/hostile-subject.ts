import { webcrypto } from 'node:crypto';
import * as x509 from '../../shared/pki/x509.js';
import { toPem } from '../../shared/pki/pem.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/**
 * A subject value that attacks a terminal: an ANSI colour sequence (ESC[31m), a carriage return
 * (overwrites the line), a right-to-left override and isolate, an 8-bit CSI (clear screen), DEL,
 * BEL, and a newline followed by text that would pass for a line of Certbench's own output.
 */
export const HOSTILE_TEXT = 'Evil\u001b[31mRED\u001b[0m\rOVER\u202eLIVE\u2066iso\u2069\u009b2J\u007f\u0007\nForged: trusted';

/** What no human output may hold raw: C0 except the newline that ends a line, DEL, C1, bidi and line-separator controls. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export interface HostilePki {
  /** A CA whose CN and O are hostile. */
  readonly caPem: string;
  readonly caKeyPem: string;
  /** A leaf for localhost / 127.0.0.1 issued by the CA, with a hostile CN and O of its own. */
  readonly leafPem: string;
  readonly leafKeyPem: string;
  /** A CSR for localhost with a hostile subject, signed by the leaf key. */
  readonly csrPem: string;
}

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const hostileName = (role: string) => new x509.Name([{ '2.5.4.3': [{ utf8String: `${role} ${HOSTILE_TEXT}` }] }, { '2.5.4.10': [{ utf8String: `Org\u200f\u001b]0;title\u0007${HOSTILE_TEXT}` }] }]);
const keyPem = async (keys: webcrypto.CryptoKeyPair) => toPem('PRIVATE KEY', new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)));

export async function makeHostilePki(): Promise<HostilePki> {
  const now = Date.now();
  const validity = { notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 30 * 86_400_000) };
  const caKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0bad01',
    name: hostileName('CA'),
    ...validity,
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const leafKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const sans = new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }]);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '0bad02',
    subject: hostileName('Leaf'),
    issuer: ca.subjectName,
    ...validity,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), sans, new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])],
  });
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: hostileName('CSR'), keys: leafKeys, signingAlgorithm: alg, extensions: [sans] });
  return { caPem: ca.toString('pem'), caKeyPem: await keyPem(caKeys), leafPem: leaf.toString('pem'), leafKeyPem: await keyPem(leafKeys), csrPem: csr.toString('pem') };
}
