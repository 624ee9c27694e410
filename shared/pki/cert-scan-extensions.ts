import { CertbenchError } from '../errors.js';
import { toHex } from './bytes.js';
import { expectTlv, oidEquals, readTlv, TAG, type Tlv } from './der-reader.js';

const OID_SKI = Uint8Array.of(0x55, 0x1d, 0x0e);
const OID_AKI = Uint8Array.of(0x55, 0x1d, 0x23);
const OID_BASIC_CONSTRAINTS = Uint8Array.of(0x55, 0x1d, 0x13);

/** The extension facts a chain index needs (see CertScan). */
export interface ScannedExtensions {
  ski?: string;
  aki?: string;
  isCA?: boolean;
  pathLen?: number;
}

/** Reads SKI, AKI keyIdentifier and basicConstraints from `[3] EXPLICIT Extensions`; the first occurrence wins. */
export function scanExtensions(der: Uint8Array, wrapper: Tlv): ScannedExtensions {
  const out: ScannedExtensions = {};
  const list = expectTlv(der, wrapper.body, wrapper.end, TAG.sequence, 'Extensions');
  for (let p = list.body; p < list.end; ) {
    const ext = expectTlv(der, p, list.end, TAG.sequence, 'Extension');
    p = ext.end;
    const oid = expectTlv(der, ext.body, ext.end, TAG.oid, 'extnID');
    let next = readTlv(der, oid.end, ext.end);
    if (next.tag === TAG.boolean) next = readTlv(der, next.end, ext.end);
    if (next.tag !== TAG.octetString) throw new CertbenchError('parse', 'Expected the extnValue OCTET STRING');
    if (oidEquals(der, oid, OID_SKI) && out.ski === undefined) {
      const key = expectTlv(der, next.body, next.end, TAG.octetString, 'subjectKeyIdentifier');
      out.ski = toHex(der.subarray(key.body, key.end));
    } else if (oidEquals(der, oid, OID_AKI) && out.aki === undefined) {
      const seq = expectTlv(der, next.body, next.end, TAG.sequence, 'AuthorityKeyIdentifier');
      if (seq.body < seq.end) {
        const first = readTlv(der, seq.body, seq.end);
        if (first.tag === 0x80) out.aki = toHex(der.subarray(first.body, first.end));
      }
    } else if (oidEquals(der, oid, OID_BASIC_CONSTRAINTS) && out.isCA === undefined) {
      readBasicConstraints(der, next, out);
    }
  }
  return out;
}

function readBasicConstraints(der: Uint8Array, value: Tlv, out: ScannedExtensions): void {
  const seq = expectTlv(der, value.body, value.end, TAG.sequence, 'BasicConstraints');
  out.isCA = false;
  let p = seq.body;
  if (p < seq.end) {
    let item = readTlv(der, p, seq.end);
    if (item.tag === TAG.boolean) {
      out.isCA = item.end > item.body && der[item.body] !== 0;
      p = item.end;
      item = p < seq.end ? readTlv(der, p, seq.end) : item;
    }
    if (p < seq.end && item.tag === TAG.integer) out.pathLen = readSmallInteger(der, item);
  }
}

/** A two's-complement INTEGER (X.690 §8.3); negative pathLens occur in the wild and are kept for the validator to reject. */
function readSmallInteger(der: Uint8Array, tlv: Tlv): number {
  const length = tlv.end - tlv.body;
  if (length === 0 || length > 6) throw new CertbenchError('parse', 'pathLenConstraint is out of range');
  let unsigned = 0;
  for (let i = tlv.body; i < tlv.end; i++) unsigned = unsigned * 256 + der[i]!;
  return der[tlv.body]! & 0x80 ? unsigned - 256 ** length : unsigned;
}
