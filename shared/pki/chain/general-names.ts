import { CertbenchError } from '../../errors.js';
import { TAG, decodeOid, expectTlv, readTlv, type Tlv } from '../der-reader.js';

/**
 * One GeneralName (RFC 5280 §4.2.1.6) with the raw form validation compares: text for the IA5
 * forms, octets for IP addresses (4/16 in a SAN, 8/32 address+mask in name constraints), the
 * encoded Name for directoryName, the type OID for otherName.
 */
export type GeneralName =
  | { readonly kind: 'dns'; readonly value: string }
  | { readonly kind: 'email'; readonly value: string }
  | { readonly kind: 'uri'; readonly value: string }
  | { readonly kind: 'ip'; readonly bytes: Uint8Array }
  | { readonly kind: 'dn'; readonly der: Uint8Array }
  | { readonly kind: 'other'; readonly typeId: string }
  | { readonly kind: 'registered-id'; readonly oid: string }
  | { readonly kind: 'x400' | 'edi' };

/** Reads a GeneralNames SEQUENCE (SIZE 1..MAX); an empty one is a `parse` error (§4.2.1.6). */
export function readGeneralNames(buf: Uint8Array): GeneralName[] {
  const seq = expectTlv(buf, 0, buf.length, TAG.sequence, 'GeneralNames');
  if (seq.end !== buf.length) throw new CertbenchError('parse', 'Trailing data after GeneralNames');
  const out: GeneralName[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const t = readTlv(buf, p, seq.end);
    out.push(readGeneralName(buf, t));
    p = t.end;
  }
  if (out.length === 0) throw new CertbenchError('parse', 'GeneralNames is empty');
  return out;
}

/** Decodes the GeneralName at `t` (context-specific tags [0]..[8]). */
export function readGeneralName(buf: Uint8Array, t: Tlv): GeneralName {
  switch (t.tag) {
    case 0xa0: {
      const oid = expectTlv(buf, t.body, t.end, TAG.oid, 'otherName type-id');
      return { kind: 'other', typeId: decodeOid(buf, oid) };
    }
    case 0x81:
      return { kind: 'email', value: ia5(buf, t) };
    case 0x82:
      return { kind: 'dns', value: ia5(buf, t) };
    case 0xa3:
      return { kind: 'x400' };
    case 0xa4: {
      const name = expectTlv(buf, t.body, t.end, TAG.sequence, 'directoryName');
      return { kind: 'dn', der: buf.subarray(name.start, name.end) };
    }
    case 0xa5:
      return { kind: 'edi' };
    case 0x86:
      return { kind: 'uri', value: ia5(buf, t) };
    case 0x87:
      return { kind: 'ip', bytes: buf.subarray(t.body, t.end) };
    case 0x88:
      return { kind: 'registered-id', oid: decodeOid(buf, { ...t, tag: TAG.oid }) };
    default:
      throw new CertbenchError('parse', `Unknown GeneralName tag 0x${t.tag.toString(16)}`);
  }
}

/** IA5String content (X.680 §41): 7-bit only, so a non-ASCII byte is malformed, not "UTF-8". */
function ia5(buf: Uint8Array, t: Tlv): string {
  let s = '';
  for (let i = t.body; i < t.end; i++) {
    const b = buf[i]!;
    if (b > 0x7f) throw new CertbenchError('parse', 'IA5String holds a non-ASCII byte');
    s += String.fromCharCode(b);
  }
  return s;
}
