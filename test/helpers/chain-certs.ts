import { webcrypto } from 'node:crypto';
import * as x509 from '../../shared/pki/x509.js';
import { toPem } from '../../shared/pki/pem.js';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

/** A test certificate with its key, in the forms node:tls and the services take. */
export interface TestCert {
  readonly name: string;
  readonly der: Uint8Array;
  readonly pem: string;
  readonly keys: CryptoKeyPair;
  readonly keyPem: string;
}

export interface CertSpec {
  readonly name: string;
  /** Absent: self-signed. */
  readonly issuer?: TestCert;
  readonly ca?: boolean;
  readonly dns?: readonly string[];
  readonly ips?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Reuse a key, e.g. to cross-sign the same CA under two issuers. */
  readonly keys?: CryptoKeyPair;
  readonly aiaCaIssuers?: string;
  readonly organization?: string;
}

let serial = 1;

/** Issues one ECDSA P-256 certificate (fresh key unless given) valid from yesterday for a year by default. */
export async function issue(spec: CertSpec): Promise<TestCert> {
  const keys = spec.keys ?? ((await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair);
  const subject = `CN=${spec.name}${spec.organization ? `, O=${spec.organization}` : ''}`;
  const ca = spec.ca ?? !spec.issuer;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(ca, undefined, true),
    new x509.KeyUsagesExtension(ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (!ca) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  if (spec.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(spec.issuer.keys.publicKey));
  const names = [...(spec.dns ?? []).map((value) => ({ type: 'dns' as const, value })), ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value }))];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  if (spec.aiaCaIssuers) extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [new x509.GeneralName('url', spec.aiaCaIssuers)] }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(8, '0'),
    subject,
    issuer: spec.issuer ? new x509.X509Certificate(spec.issuer.der).subject : subject,
    notBefore: spec.notBefore ?? new Date(Date.now() - DAY),
    notAfter: spec.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: spec.issuer ? spec.issuer.keys.privateKey : keys.privateKey,
    extensions,
  });
  const der = new Uint8Array(cert.rawData);
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { name: spec.name, der, pem: toPem('CERTIFICATE', der), keys, keyPem: toPem('PRIVATE KEY', pkcs8) };
}

export const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY);

/** Root → intermediate → leaf for `localhost`/127.0.0.1, the common case of most tests. */
export async function basicHierarchy(leafSpec: Partial<CertSpec> = {}, interSpec: Partial<CertSpec> = {}) {
  const root = await issue({ name: 'Certbench Test Root' });
  const inter = await issue({ name: 'Certbench Test Intermediate', issuer: root, ca: true, ...interSpec });
  const leaf = await issue({ name: 'localhost', issuer: inter, dns: ['localhost'], ips: ['127.0.0.1'], ...leafSpec });
  return { root, inter, leaf };
}
