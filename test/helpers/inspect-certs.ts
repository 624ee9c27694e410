import { webcrypto } from 'node:crypto';
import * as x509 from '../../shared/pki/x509.js';

const crypto = webcrypto;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestCa {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

/** A P-256 CA with SKI and basicConstraints(cA, pathLen), generated in-process for fast unit tests. */
export async function makeTestCa(name: string, pathLen?: number, parent?: TestCa): Promise<TestCa> {
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, pathLen, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (parent) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(parent.cert));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a1b2c',
    subject: `CN=${name}, O=Certbench Test`,
    issuer: parent ? parent.cert.subject : `CN=${name}, O=Certbench Test`,
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2054-01-01T00:00:00Z'),
    signingAlgorithm: EC,
    publicKey: keys.publicKey,
    signingKey: (parent?.keys ?? keys).privateKey,
    extensions,
  });
  return { cert, keys };
}

/** A leaf issued by `ca` with DNS SANs and no basicConstraints. */
export async function makeTestLeaf(ca: TestCa, cn: string, dns: string[] = [cn]): Promise<TestCa> {
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: `CN=${cn}`,
    issuer: ca.cert.subject,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2026-01-01T00:00:00Z'),
    signingAlgorithm: EC,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.SubjectAlternativeNameExtension(dns.map((value) => ({ type: 'dns' as const, value }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

export const derOf = (cert: x509.X509Certificate): Uint8Array => new Uint8Array(cert.rawData);
