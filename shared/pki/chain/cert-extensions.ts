import { CertbenchError } from '../../errors.js';
import { readGeneralNames, type GeneralName } from './general-names.js';
import {
  readAia,
  readAki,
  readBasicConstraints,
  readKeyUsage,
  readNameConstraints,
  readOidSequence,
  whole,
  type KeyUsageBit,
  type NameConstraints,
} from './extension-readers.js';
import { TAG } from '../der-reader.js';
import type { RawExtension } from './cert-layout.js';
import { readCertificatePolicies, readInhibitAnyPolicy, readPolicyConstraints, readPolicyMappings, type CertPolicies } from './policy-extensions.js';

export { KEY_USAGE_BITS, type KeyUsageBit, type NameConstraints } from './extension-readers.js';

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
  /** Faults that leave the meaning unclear, one sentence each (duplicate extension, bad DER…). */
  readonly malformed: readonly string[];
  /** Issuance-rule faults that leave the meaning intact (an extension marked critical that must not be). */
  readonly nonconforming: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Decodes the raw extensions of one certificate (RFC 5280 §4.2). */
export function decodeExtensions(raw: readonly RawExtension[]): CertExtensions {
  const policy: Mutable<CertPolicies> = {};
  const out: Mutable<CertExtensions> = { unknownCritical: [], malformed: [], nonconforming: [], policy };
  const unknownCritical: string[] = [];
  const malformed: string[] = [];
  const nonconforming: string[] = [];
  const seen = new Set<string>();
  for (const ext of raw) {
    if (seen.has(ext.oid)) malformed.push(`extension ${ext.oid} appears more than once (RFC 5280 §4.2)`);
    seen.add(ext.oid);
    if (ext.critical && !UNDERSTOOD.has(ext.oid)) unknownCritical.push(ext.oid);
    if (ext.critical && MUST_BE_NONCRITICAL.has(ext.oid)) nonconforming.push(`extension ${ext.oid} must not be critical`);
    try {
      decodeOne(ext, out, policy);
    } catch (err) {
      const why = err instanceof CertbenchError ? err.message : String(err);
      malformed.push(`extension ${ext.oid} is malformed: ${why}`);
    }
  }
  out.unknownCritical = unknownCritical;
  out.malformed = malformed;
  out.nonconforming = nonconforming;
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
