/**
 * Test PKI for chain tests: issues root → intermediate → leaf hierarchies and their broken variants
 * (expired, not yet valid, cross-signed with an expired cross-sign, self-signed leaf, wildcard,
 * name-constrained, weak key or SHA-1) with real signatures, at test time. Keys are ECDSA P-256
 * unless a spec asks for another; every certificate comes with PEM forms node:tls can serve.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '../../shared/pki/x509.js';
import { toPem } from '../../shared/pki/pem.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type KeyPair = webcrypto.CryptoKeyPair;
export type KeySpec =
  | { readonly kind: 'ec'; readonly curve: 'P-256' | 'P-384' | 'P-521' }
  | { readonly kind: 'rsa' | 'rsa-pss'; readonly bits: number }
  | { readonly kind: 'ed25519' };

/** A certificate, its key pair, and PEM forms for servers and files. */
export interface PkiCert {
  readonly name: string;
  readonly der: Uint8Array;
  readonly pem: string;
  readonly keys: KeyPair;
  readonly keySpec: KeySpec;
  readonly keyPem: string;
}

export interface IssueSpec {
  /** Subject CN. */
  readonly name: string;
  /** Absent: self-signed. */
  readonly issuer?: PkiCert;
  /** Default: true when self-signed, false otherwise. */
  readonly ca?: boolean;
  readonly pathLen?: number;
  /** Default true; false makes the legacy-root shape some root-program CAs still have. */
  readonly basicConstraintsCritical?: boolean;
  readonly dns?: readonly string[];
  readonly ips?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Reuse a key pair (with its spec), e.g. to cross-sign one CA under two issuers. */
  readonly reuse?: PkiCert;
  readonly key?: KeySpec;
  /** Hash of the issuer's signature; SHA-1 makes a weak-signature fixture. */
  readonly hash?: 'SHA-1' | 'SHA-256' | 'SHA-384';
  /** Leaf EKUs (default serverAuth + clientAuth); null leaves the extension out. */
  readonly eku?: readonly ('serverAuth' | 'clientAuth' | 'codeSigning')[] | null;
  /** null leaves the extension out (the shape of `openssl req -x509` certificates). */
  readonly keyUsage?: number | null;
  /** false leaves the authorityKeyIdentifier out (mitmproxy's forged leaves, old private CAs). */
  readonly aki?: boolean;
  /** Subject O= after the CN (a company-named CA). */
  readonly organization?: string;
  readonly permittedDns?: readonly string[];
  readonly excludedDns?: readonly string[];
  /** CIDR strings such as "10.0.0.0/8". */
  readonly permittedIps?: readonly string[];
  readonly excludedIps?: readonly string[];
  readonly aiaCaIssuers?: string;
  /** Extra extensions, e.g. an unknown critical one. */
  readonly extensions?: readonly x509.Extension[];
}

const DAY = 86_400_000;
let serial = 0x1000;

export const daysFrom = (base: Date, days: number): Date => new Date(base.getTime() + days * DAY);

async function generate(spec: KeySpec): Promise<KeyPair> {
  const alg =
    spec.kind === 'ec'
      ? { name: 'ECDSA', namedCurve: spec.curve }
      : spec.kind === 'rsa' || spec.kind === 'rsa-pss'
        ? { name: spec.kind === 'rsa' ? 'RSASSA-PKCS1-v1_5' : 'RSA-PSS', modulusLength: spec.bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
        : { name: 'Ed25519' };
  return (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as KeyPair;
}

function signingAlgorithm(spec: KeySpec, hash: string) {
  if (spec.kind === 'ec') return { name: 'ECDSA', hash };
  if (spec.kind === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash };
  if (spec.kind === 'rsa-pss') return { name: 'RSA-PSS', hash, saltLength: 32 };
  return { name: 'Ed25519' };
}

/** Issues one certificate (signed by `issuer`, or self-signed), valid from a day ago for a year by default. */
export async function issueCert(spec: IssueSpec): Promise<PkiCert> {
  const keySpec: KeySpec = spec.reuse?.keySpec ?? spec.key ?? { kind: 'ec', curve: 'P-256' };
  const keys = spec.reuse?.keys ?? (await generate(keySpec));
  const ca = spec.ca ?? !spec.issuer;
  const subject = spec.organization ? `CN=${spec.name}, O=${spec.organization}` : `CN=${spec.name}`;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(ca, spec.pathLen, spec.basicConstraintsCritical ?? true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const keyUsage = spec.keyUsage === undefined ? (ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature) : spec.keyUsage;
  if (keyUsage !== null) extensions.push(new x509.KeyUsagesExtension(keyUsage, true));
  if (spec.aki !== false) extensions.push(await x509.AuthorityKeyIdentifierExtension.create((spec.issuer ?? { keys }).keys.publicKey));
  const eku: IssueSpec['eku'] = spec.eku === undefined ? (ca ? null : ['serverAuth', 'clientAuth']) : spec.eku;
  if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku.map((e) => x509.ExtendedKeyUsage[e])));
  const names = [...(spec.dns ?? []).map((value) => ({ type: 'dns' as const, value })), ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value }))];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  const nc = nameConstraints(spec);
  if (nc) extensions.push(nc);
  if (spec.aiaCaIssuers) extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [new x509.GeneralName('url', spec.aiaCaIssuers)] }));
  extensions.push(...(spec.extensions ?? []));
  const issuerKeySpec = spec.issuer?.keySpec ?? keySpec;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(8, '0'),
    subject,
    issuer: spec.issuer ? new x509.X509Certificate(toBuffer(spec.issuer.der)).subject : subject,
    notBefore: spec.notBefore ?? new Date(now - DAY),
    notAfter: spec.notAfter ?? new Date(now + 365 * DAY),
    signingAlgorithm: signingAlgorithm(issuerKeySpec, spec.hash ?? 'SHA-256'),
    publicKey: keys.publicKey,
    signingKey: (spec.issuer ?? { keys }).keys.privateKey,
    extensions,
  });
  const der = new Uint8Array(cert.rawData);
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { name: spec.name, der, pem: toPem('CERTIFICATE', der), keys, keySpec, keyPem: toPem('PRIVATE KEY', pkcs8) };
}

/** root → intermediate → leaf, the leaf for `host` (default localhost, plus 127.0.0.1). */
export interface Hierarchy {
  readonly root: PkiCert;
  readonly intermediate: PkiCert;
  readonly leaf: PkiCert;
}

export async function makeHierarchy(options: { host?: string; leaf?: Partial<IssueSpec>; intermediate?: Partial<IssueSpec>; prefix?: string } = {}): Promise<Hierarchy> {
  const prefix = options.prefix ?? 'Certbench Test';
  const host = options.host ?? 'localhost';
  const root = await issueCert({ name: `${prefix} Root` });
  const intermediate = await issueCert({ name: `${prefix} Intermediate`, issuer: root, ca: true, pathLen: 0, ...options.intermediate });
  const leaf = await issueCert({ name: host, issuer: intermediate, dns: [host], ips: ['127.0.0.1'], ...options.leaf });
  return { root, intermediate, leaf };
}

/**
 * The cross-sign story behind most "expired root" calls (e.g. Let's Encrypt's DST Root CA X3):
 * `newRoot` is self-signed and trusted, `oldRoot` trusted too, and `crossSigned` is newRoot's key
 * and name signed by oldRoot — expired when `expiredCrossSign`. A server sending leaf,
 * intermediate and the cross-sign still has a valid path through the self-signed `newRoot`.
 */
export interface CrossSignedPki extends Hierarchy {
  readonly oldRoot: PkiCert;
  readonly crossSigned: PkiCert;
}

export async function makeCrossSignedPki(options: { host?: string; expiredCrossSign?: boolean } = {}): Promise<CrossSignedPki> {
  const now = new Date();
  const oldRoot = await issueCert({ name: 'Certbench Old Root' });
  const root = await issueCert({ name: 'Certbench New Root' });
  const crossSigned = await issueCert({
    name: 'Certbench New Root',
    issuer: oldRoot,
    reuse: root,
    ca: true,
    ...(options.expiredCrossSign ? { notBefore: daysFrom(now, -400), notAfter: daysFrom(now, -30) } : {}),
  });
  const intermediate = await issueCert({ name: 'Certbench Cross Intermediate', issuer: root, ca: true, pathLen: 0 });
  const host = options.host ?? 'localhost';
  const leaf = await issueCert({ name: host, issuer: intermediate, dns: [host], ips: ['127.0.0.1'] });
  return { oldRoot, root, crossSigned, intermediate, leaf };
}

/** A self-signed end-entity certificate for `host` (the "self-signed leaf" server). */
export function selfSignedLeaf(host = 'localhost'): Promise<PkiCert> {
  return issueCert({ name: host, ca: false, dns: [host], ips: ['127.0.0.1'] });
}

/** An extension this engine does not know, marked critical (RFC 5280 §4.2). */
export function unknownCriticalExtension(): x509.Extension {
  return new x509.Extension('1.3.6.1.4.1.55555.1', true, new Uint8Array([0x05, 0x00]));
}

/**
 * `count` copies of `der` with three bytes of `marker` (first found in the DER, e.g. in the subject
 * CN) rewritten: distinct names of realistic size that never issue anything, for index benchmarks.
 */
export function distractorsOf(der: Uint8Array, marker: string, count: number): Uint8Array[] {
  const at = indexOf(der, new TextEncoder().encode(marker));
  return Array.from({ length: count }, (_, i) => {
    const copy = der.slice();
    copy[at] = 0x41 + (i % 26);
    copy[at + 1] = 0x41 + (Math.floor(i / 26) % 26);
    copy[at + 2] = 0x41 + (Math.floor(i / 676) % 26);
    return copy;
  });
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('marker not found in the certificate');
}

// --- minimal DER writer for NameConstraints (@peculiar/x509 has no class for it) ---

function nameConstraints(spec: IssueSpec): x509.Extension | undefined {
  const permitted = [...(spec.permittedDns ?? []).map(dnsName), ...(spec.permittedIps ?? []).map(ipRange)];
  const excluded = [...(spec.excludedDns ?? []).map(dnsName), ...(spec.excludedIps ?? []).map(ipRange)];
  if (permitted.length === 0 && excluded.length === 0) return undefined;
  const subtrees = (tag: number, bases: Uint8Array[]) => (bases.length ? [tlv(tag, ...bases.map((b) => tlv(0x30, b)))] : []);
  const value = tlv(0x30, ...subtrees(0xa0, permitted), ...subtrees(0xa1, excluded));
  return new x509.Extension('2.5.29.30', true, value);
}

const dnsName = (name: string): Uint8Array => tlv(0x82, new TextEncoder().encode(name));

function ipRange(cidr: string): Uint8Array {
  const [addr, bitsText] = cidr.split('/');
  const octets = addr!.includes(':') ? ipv6Bytes(addr!) : Uint8Array.from(addr!.split('.').map(Number));
  const bits = Number(bitsText);
  const mask = Array.from(octets, (_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - i * 8)))) & 0xff);
  return tlv(0x87, octets, Uint8Array.from(mask));
}

function ipv6Bytes(text: string): Uint8Array {
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const header = length < 0x80 ? [tag, length] : length < 0x100 ? [tag, 0x81, length] : [tag, 0x82, length >> 8, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let o = header.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function toBuffer(der: Uint8Array): ArrayBuffer {
  return der.slice().buffer;
}
