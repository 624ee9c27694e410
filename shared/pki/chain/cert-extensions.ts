import { CertbenchError } from '../../errors.js';
import { TAG, decodeOid, expectTlv, readTlv } from '../der-reader.js';
import { readGeneralName, readGeneralNames, type GeneralName } from './general-names.js';
import type { RawExtension } from './cert-layout.js';
import { readCertificatePolicies, readInhibitAnyPolicy, readPolicyConstraints, readPolicyMappings, type CertPolicies } from './policy-extensions.js';

/** RFC 5280 §4.2.1.3 bit names, in bit order. */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageBit = (typeof KEY_USAGE_BITS)[number];

export const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** Extensions a validator must understand when critical (RFC 5280 §4.2). */
const UNDERSTOOD = new Set<string>([
  OID.subjectKeyIdentifier,
  OID.keyUsage,
  OID.subjectAltName,
  OID.basicConstraints,
  OID.nameConstraints,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.authorityKeyIdentifier,
  OID.policyConstraints,
  OID.extKeyUsage,
  OID.inhibitAnyPolicy,
  OID.authorityInfoAccess,
  '2.5.29.31', // cRLDistributionPoints: informational here, revocation is not checked
]);

/** §4.2.1.1, §4.2.1.2, §4.2.2.1: conforming CAs mark these non-critical. */
const MUST_BE_NONCRITICAL = new Set<string>([OID.subjectKeyIdentifier, OID.authorityKeyIdentifier, OID.authorityInfoAccess]);

export interface NameConstraints {
  readonly permitted?: readonly GeneralName[];
  readonly excluded?: readonly GeneralName[];
}

/** The extensions path validation reads, decoded; faults are listed in `malformed`, not thrown. */
export interface CertExtensions {
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number; readonly critical: boolean };
  readonly keyUsage?: ReadonlySet<KeyUsageBit>;
  readonly extKeyUsage?: readonly string[];
  readonly subjectAltName?: { readonly names: readonly GeneralName[]; readonly critical: boolean };
  readonly nameConstraints?: NameConstraints;
  readonly subjectKeyId?: Uint8Array;
  readonly authorityKeyId?: { readonly keyId?: Uint8Array; readonly hasIssuerAndSerial: boolean };
  readonly policy: CertPolicies;
  /** OIDs of critical extensions this engine does not understand (RFC 5280 §4.2). */
  readonly unknownCritical: readonly string[];
  /** Encoding or profile faults, one sentence each (duplicate extension, wrong criticality, bad DER…). */
  readonly malformed: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Decodes the raw extensions of one certificate (RFC 5280 §4.2). */
export function decodeExtensions(raw: readonly RawExtension[]): CertExtensions {
  const policy: Mutable<CertPolicies> = {};
  const out: Mutable<CertExtensions> = { unknownCritical: [], malformed: [], policy };
  const unknownCritical: string[] = [];
  const malformed: string[] = [];
  const seen = new Set<string>();
  for (const ext of raw) {
    if (seen.has(ext.oid)) malformed.push(`extension ${ext.oid} appears more than once (RFC 5280 §4.2)`);
    seen.add(ext.oid);
    if (ext.critical && !UNDERSTOOD.has(ext.oid)) unknownCritical.push(ext.oid);
    if (ext.critical && MUST_BE_NONCRITICAL.has(ext.oid)) malformed.push(`extension ${ext.oid} must not be critical`);
    try {
      decodeOne(ext, out, policy);
    } catch (err) {
      const why = err instanceof CertbenchError ? err.message : String(err);
      malformed.push(`extension ${ext.oid} is malformed: ${why}`);
    }
  }
  out.unknownCritical = unknownCritical;
  out.malformed = malformed;
  return out;
}

function decodeOne(ext: RawExtension, out: Mutable<CertExtensions>, policy: Mutable<CertPolicies>): void {
  const v = ext.value;
  switch (ext.oid) {
    case OID.certificatePolicies:
      policy.policies = readCertificatePolicies(v);
      return;
    case OID.policyMappings:
      policy.mappings = readPolicyMappings(v);
      return;
    case OID.policyConstraints:
      Object.assign(policy, readPolicyConstraints(v));
      return;
    case OID.inhibitAnyPolicy:
      policy.inhibitAnyPolicy = readInhibitAnyPolicy(v);
      return;
    case OID.basicConstraints:
      out.basicConstraints = { ...readBasicConstraints(v), critical: ext.critical };
      return;
    case OID.keyUsage:
      out.keyUsage = readKeyUsage(v);
      return;
    case OID.extKeyUsage:
      out.extKeyUsage = readOidSequence(v);
      return;
    case OID.subjectAltName:
      out.subjectAltName = { names: readGeneralNames(v), critical: ext.critical };
      return;
    case OID.nameConstraints:
      out.nameConstraints = readNameConstraints(v);
      return;
    case OID.subjectKeyIdentifier: {
      const t = whole(v, TAG.octetString, 'SubjectKeyIdentifier');
      out.subjectKeyId = v.subarray(t.body, t.end);
      return;
    }
    case OID.authorityKeyIdentifier:
      out.authorityKeyId = readAki(v);
      return;
    case OID.authorityInfoAccess:
      readAia(v);
      return;
  }
}

function whole(v: Uint8Array, tag: number, what: string) {
  const t = expectTlv(v, 0, v.length, tag, what);
  if (t.end !== v.length) throw new CertbenchError('parse', `Trailing data after ${what}`);
  return t;
}

function readBasicConstraints(v: Uint8Array): { ca: boolean; pathLen?: number } {
  const seq = whole(v, TAG.sequence, 'BasicConstraints');
  let ca = false;
  let pathLen: number | undefined;
  let p = seq.body;
  if (p < seq.end) {
    const t = readTlv(v, p, seq.end);
    if (t.tag === TAG.boolean) {
      if (t.end - t.body !== 1) throw new CertbenchError('parse', 'Bad BOOLEAN');
      // DER §11.5: DEFAULT FALSE is omitted, so an explicit FALSE is a DER violation most validators tolerate.
      ca = v[t.body] !== 0;
      p = t.end;
    }
  }
  if (p < seq.end) {
    const t = expectTlv(v, p, seq.end, TAG.integer, 'pathLenConstraint');
    if (t.end - t.body > 4 || t.end === t.body || v[t.body]! & 0x80) throw new CertbenchError('parse', 'pathLenConstraint is out of range');
    pathLen = 0;
    for (let i = t.body; i < t.end; i++) pathLen = pathLen * 256 + v[i]!;
    p = t.end;
  }
  if (p !== seq.end) throw new CertbenchError('parse', 'Unexpected field in BasicConstraints');
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

function readKeyUsage(v: Uint8Array): Set<KeyUsageBit> {
  const t = whole(v, TAG.bitString, 'KeyUsage');
  if (t.end - t.body < 1) throw new CertbenchError('parse', 'Empty BIT STRING');
  const bits = new Set<KeyUsageBit>();
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = t.body + 1 + (i >> 3);
    if (byte < t.end && v[byte]! & (0x80 >> (i & 7))) bits.add(name);
  });
  // §4.2.1.3: "When the keyUsage extension appears in a certificate, at least one of the bits MUST be set to 1".
  if (bits.size === 0) throw new CertbenchError('parse', 'KeyUsage has no bit set');
  return bits;
}

function readOidSequence(v: Uint8Array): string[] {
  const seq = whole(v, TAG.sequence, 'ExtKeyUsageSyntax');
  const out: string[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const t = expectTlv(v, p, seq.end, TAG.oid, 'KeyPurposeId');
    out.push(decodeOid(v, t));
    p = t.end;
  }
  if (out.length === 0) throw new CertbenchError('parse', 'ExtKeyUsageSyntax is empty (SIZE 1..MAX)');
  return out;
}

function readNameConstraints(v: Uint8Array): NameConstraints {
  const seq = whole(v, TAG.sequence, 'NameConstraints');
  const out: { permitted?: GeneralName[]; excluded?: GeneralName[] } = {};
  for (let p = seq.body; p < seq.end; ) {
    const t = readTlv(v, p, seq.end);
    if (t.tag !== 0xa0 && t.tag !== 0xa1) throw new CertbenchError('parse', 'Unexpected field in NameConstraints');
    const subtrees: GeneralName[] = [];
    for (let q = t.body; q < t.end; ) {
      const st = expectTlv(v, q, t.end, TAG.sequence, 'GeneralSubtree');
      const base = readTlv(v, st.body, st.end);
      subtrees.push(readGeneralName(v, base));
      // §4.2.1.10: minimum MUST be zero and maximum MUST be absent.
      if (base.end !== st.end) throw new CertbenchError('parse', 'GeneralSubtree minimum/maximum is not supported by RFC 5280');
      q = st.end;
    }
    if (subtrees.length === 0) throw new CertbenchError('parse', 'GeneralSubtrees is empty (SIZE 1..MAX)');
    if (t.tag === 0xa0) out.permitted = subtrees;
    else out.excluded = subtrees;
    p = t.end;
  }
  // §4.2.1.10: "CAs MUST NOT issue certificates where name constraints is an empty sequence".
  if (!out.permitted && !out.excluded) throw new CertbenchError('parse', 'NameConstraints is an empty sequence');
  return out;
}

function readAki(v: Uint8Array): { keyId?: Uint8Array; hasIssuerAndSerial: boolean } {
  const seq = whole(v, TAG.sequence, 'AuthorityKeyIdentifier');
  let keyId: Uint8Array | undefined;
  let hasIssuerAndSerial = false;
  for (let p = seq.body; p < seq.end; ) {
    const t = readTlv(v, p, seq.end);
    if (t.tag === 0x80) keyId = v.subarray(t.body, t.end);
    else if (t.tag === 0xa1 || t.tag === 0x82) hasIssuerAndSerial = true;
    else throw new CertbenchError('parse', 'Unexpected field in AuthorityKeyIdentifier');
    p = t.end;
  }
  return keyId ? { keyId, hasIssuerAndSerial } : { hasIssuerAndSerial };
}

/** §4.2.2.1 AuthorityInfoAccessSyntax: checked for well-formedness only (fetching is the caller's). */
function readAia(v: Uint8Array): void {
  const seq = whole(v, TAG.sequence, 'AuthorityInfoAccessSyntax');
  if (seq.body === seq.end) throw new CertbenchError('parse', 'AuthorityInfoAccessSyntax is empty');
  for (let p = seq.body; p < seq.end; ) {
    const ad = expectTlv(v, p, seq.end, TAG.sequence, 'AccessDescription');
    const method = expectTlv(v, ad.body, ad.end, TAG.oid, 'accessMethod');
    const location = readTlv(v, method.end, ad.end);
    readGeneralName(v, location);
    if (location.end !== ad.end) throw new CertbenchError('parse', 'Trailing data in AccessDescription');
    p = ad.end;
  }
}
