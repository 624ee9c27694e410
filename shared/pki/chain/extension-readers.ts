import { CertbenchError } from '../../errors.js';
import { TAG, decodeOid, expectTlv, readTlv } from '../der-reader.js';
import { readGeneralName, type GeneralName } from './general-names.js';

/**
 * Decoders for the extension values path validation reads (RFC 5280 §4.2). Each takes the extnValue
 * contents and throws a CertbenchError `parse` on any DER or profile fault of the structure itself.
 */

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

export interface NameConstraints {
  readonly permitted?: readonly GeneralName[];
  readonly excluded?: readonly GeneralName[];
}

export function whole(v: Uint8Array, tag: number, what: string) {
  const t = expectTlv(v, 0, v.length, tag, what);
  if (t.end !== v.length) throw new CertbenchError('parse', `Trailing data after ${what}`);
  return t;
}

export function readBasicConstraints(v: Uint8Array): { ca: boolean; pathLen?: number } {
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

export function readKeyUsage(v: Uint8Array): Set<KeyUsageBit> {
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

export function readOidSequence(v: Uint8Array): string[] {
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

export function readNameConstraints(v: Uint8Array): NameConstraints {
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

export function readAki(v: Uint8Array): { keyId?: Uint8Array; hasIssuerAndSerial: boolean } {
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
export function readAia(v: Uint8Array): void {
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
