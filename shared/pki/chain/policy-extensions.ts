import { CertbenchError } from '../../errors.js';
import { TAG, decodeOid, expectTlv, readTlv } from '../der-reader.js';
import { whole } from './extension-readers.js';

/** The policy extensions of one certificate (RFC 5280 §4.2.1.4, .5, .11, .14), decoded. */
export interface CertPolicies {
  /** certificatePolicies policy OIDs, when the extension is present. */
  readonly policies?: readonly string[];
  /** policyMappings as issuerDomainPolicy → subjectDomainPolicy pairs. */
  readonly mappings?: readonly (readonly [string, string])[];
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
  readonly inhibitAnyPolicy?: number;
}

export const ANY_POLICY = '2.5.29.32.0';

function smallInt(v: Uint8Array, body: number, end: number): number {
  if (end - body < 1 || end - body > 4 || v[body]! & 0x80) throw new CertbenchError('parse', 'SkipCerts is out of range');
  let n = 0;
  for (let i = body; i < end; i++) n = n * 256 + v[i]!;
  return n;
}

/** certificatePolicies (§4.2.1.4): policy OIDs in order; a policy listed twice is malformed. */
export function readCertificatePolicies(v: Uint8Array): string[] {
  const seq = whole(v, TAG.sequence, 'certificatePolicies');
  const out: string[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const info = expectTlv(v, p, seq.end, TAG.sequence, 'PolicyInformation');
    const oid = decodeOid(v, expectTlv(v, info.body, info.end, TAG.oid, 'policyIdentifier'));
    if (out.includes(oid)) throw new CertbenchError('parse', `policy ${oid} appears more than once`);
    out.push(oid);
    p = info.end;
  }
  if (out.length === 0) throw new CertbenchError('parse', 'certificatePolicies is empty');
  return out;
}

/** policyMappings (§4.2.1.5). */
export function readPolicyMappings(v: Uint8Array): [string, string][] {
  const seq = whole(v, TAG.sequence, 'PolicyMappings');
  const out: [string, string][] = [];
  for (let p = seq.body; p < seq.end; ) {
    const pair = expectTlv(v, p, seq.end, TAG.sequence, 'PolicyMapping');
    const issuer = expectTlv(v, pair.body, pair.end, TAG.oid, 'issuerDomainPolicy');
    const subject = expectTlv(v, issuer.end, pair.end, TAG.oid, 'subjectDomainPolicy');
    out.push([decodeOid(v, issuer), decodeOid(v, subject)]);
    p = pair.end;
  }
  if (out.length === 0) throw new CertbenchError('parse', 'PolicyMappings is empty');
  return out;
}

/** policyConstraints (§4.2.1.11); an empty sequence is malformed. */
export function readPolicyConstraints(v: Uint8Array): { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } {
  const seq = whole(v, TAG.sequence, 'PolicyConstraints');
  const out: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
  for (let p = seq.body; p < seq.end; ) {
    const t = readTlv(v, p, seq.end);
    if (t.tag === 0x80) out.requireExplicitPolicy = smallInt(v, t.body, t.end);
    else if (t.tag === 0x81) out.inhibitPolicyMapping = smallInt(v, t.body, t.end);
    else throw new CertbenchError('parse', 'Unexpected field in PolicyConstraints');
    p = t.end;
  }
  if (out.requireExplicitPolicy === undefined && out.inhibitPolicyMapping === undefined) throw new CertbenchError('parse', 'PolicyConstraints is empty');
  return out;
}

/** inhibitAnyPolicy (§4.2.1.14). */
export function readInhibitAnyPolicy(v: Uint8Array): number {
  const t = whole(v, TAG.integer, 'InhibitAnyPolicy');
  return smallInt(v, t.body, t.end);
}
