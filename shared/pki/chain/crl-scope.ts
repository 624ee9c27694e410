import { CertbenchError } from '../../errors.js';
import { TAG, expectTlv, readTlv, type Tlv } from '../der-reader.js';
import { whole } from './extension-readers.js';
import { readGeneralNames, type GeneralName } from './general-names.js';
import { normalizedNameKey, normalizedRdns } from './name-key.js';

/** What an issuingDistributionPoint (RFC 5280 §5.2.5) limits a CRL to. */
export interface CrlScope {
  readonly fullName?: readonly GeneralName[];
  /** nameRelativeToCRLIssuer: an RDN (SET TLV) to append to the CRL issuer's name. */
  readonly relativeName?: Uint8Array;
  readonly onlyUserCerts: boolean;
  readonly onlyCaCerts: boolean;
  readonly onlyAttributeCerts: boolean;
  readonly onlySomeReasons: boolean;
  readonly indirect: boolean;
}

/** A cRLDistributionPoints entry (RFC 5280 §4.2.1.13): its full names and whether it names a CRL issuer. */
export interface DistributionPoint {
  readonly fullName?: readonly GeneralName[];
  /** nameRelativeToCRLIssuer: an RDN (SET TLV) to append to the certificate issuer's name. */
  readonly relativeName?: Uint8Array;
  readonly hasCrlIssuer: boolean;
  readonly hasReasons: boolean;
}

const bool = (v: Uint8Array, t: Tlv) => t.end - t.body === 1 && v[t.body] !== 0;

/** Decodes an IssuingDistributionPoint extension value. */
export function readCrlScope(v: Uint8Array): CrlScope {
  const seq = whole(v, TAG.sequence, 'IssuingDistributionPoint');
  const scope = { onlyUserCerts: false, onlyCaCerts: false, onlyAttributeCerts: false, onlySomeReasons: false, indirect: false } as {
    -readonly [K in keyof CrlScope]: CrlScope[K];
  };
  for (let p = seq.body; p < seq.end; ) {
    const t = readTlv(v, p, seq.end);
    if (t.tag === 0xa0) Object.assign(scope, readDpName(v, t));
    else if (t.tag === 0x81) scope.onlyUserCerts = bool(v, t);
    else if (t.tag === 0x82) scope.onlyCaCerts = bool(v, t);
    else if (t.tag === 0x83) scope.onlySomeReasons = true;
    else if (t.tag === 0x84) scope.indirect = bool(v, t);
    else if (t.tag === 0x85) scope.onlyAttributeCerts = bool(v, t);
    else throw new CertbenchError('parse', 'Unexpected field in IssuingDistributionPoint');
    p = t.end;
  }
  return scope;
}

/**
 * The names a distribution point answers to, as comparison keys: URIs verbatim, directory names
 * normalised (RFC 5280 §7.1), a relative name appended to `base` (the CRL or certificate issuer).
 */
export function pointKeys(point: { readonly fullName?: readonly GeneralName[]; readonly relativeName?: Uint8Array }, base: Uint8Array): string[] {
  const keys = (point.fullName ?? []).flatMap((n) => (n.kind === 'uri' ? [`uri:${n.value}`] : n.kind === 'dn' ? [`dn:${normalizedNameKey(n.der)}`] : []));
  if (point.relativeName) {
    const rdn = normalizedRdns(sequenceOf(point.relativeName))[0] ?? '';
    const prefix = normalizedNameKey(base);
    keys.push(`dn:${prefix ? `${prefix},${rdn}` : rdn}`);
  }
  return keys;
}

function sequenceOf(content: Uint8Array): Uint8Array {
  const n = content.length;
  const header = n < 0x80 ? [TAG.sequence, n] : n < 0x100 ? [TAG.sequence, 0x81, n] : [TAG.sequence, 0x82, n >> 8, n & 0xff];
  const out = new Uint8Array(header.length + n);
  out.set(header);
  out.set(content, header.length);
  return out;
}

/** Decodes a cRLDistributionPoints extension value. */
export function readDistributionPoints(v: Uint8Array): DistributionPoint[] {
  const seq = whole(v, TAG.sequence, 'CRLDistributionPoints');
  const out: DistributionPoint[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const dp = expectTlv(v, p, seq.end, TAG.sequence, 'DistributionPoint');
    let point: DistributionPoint = { hasCrlIssuer: false, hasReasons: false };
    for (let q = dp.body; q < dp.end; ) {
      const t = readTlv(v, q, dp.end);
      if (t.tag === 0xa0) point = { ...point, ...readDpName(v, t) };
      else if (t.tag === 0x81) point = { ...point, hasReasons: true };
      else if (t.tag === 0xa2) point = { ...point, hasCrlIssuer: true };
      q = t.end;
    }
    out.push(point);
    p = dp.end;
  }
  return out;
}

/** DistributionPointName: [0] fullName GeneralNames | [1] nameRelativeToCRLIssuer. */
function readDpName(v: Uint8Array, wrapper: Tlv): { fullName?: GeneralName[]; relativeName?: Uint8Array } {
  const inner = readTlv(v, wrapper.body, wrapper.end);
  if (inner.tag === 0xa0) {
    // [0] IMPLICIT GeneralNames: re-tag as a SEQUENCE for the GeneralNames reader.
    const seq = Uint8Array.from(v.subarray(inner.start, inner.end));
    seq[0] = TAG.sequence;
    return { fullName: readGeneralNames(seq) };
  }
  if (inner.tag === 0xa1) {
    // [1] IMPLICIT RelativeDistinguishedName: re-tag as a SET.
    const set = Uint8Array.from(v.subarray(inner.start, inner.end));
    set[0] = TAG.set;
    return { relativeName: set };
  }
  throw new CertbenchError('parse', 'Unexpected DistributionPointName');
}
