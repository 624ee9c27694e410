import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';

/** Short names keytool and RFC 4514 print; other attribute types print as dotted OIDs. */
const NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SURNAME',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GIVENNAME',
  '2.5.4.97': 'OID.2.5.4.97',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'EMAILADDRESS',
};

/**
 * A Name TLV (RFC 5280 §4.1.2.4) as text, most specific RDN first and ", "-separated like
 * keytool's "Owner:" line; special characters escaped per RFC 4514 §2.4.
 */
export function dnText(name: Uint8Array): string {
  const seq = expectTlv(name, 0, name.length, TAG.sequence, 'Name');
  const rdns: string[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const set = expectTlv(name, p, seq.end, TAG.set, 'RelativeDistinguishedName');
    const parts: string[] = [];
    for (let q = set.body; q < set.end; ) {
      const atv = expectTlv(name, q, set.end, TAG.sequence, 'AttributeTypeAndValue');
      const oidTlv = expectTlv(name, atv.body, atv.end, TAG.oid, 'attribute type');
      const oid = decodeOid(name, oidTlv);
      const value = readTlv(name, oidTlv.end, atv.end);
      parts.push(`${NAMES[oid] ?? oid}=${escape(decodeString(value.tag, name.subarray(value.body, value.end)))}`);
      q = atv.end;
    }
    rdns.unshift(parts.join(' + '));
    p = set.end;
  }
  return rdns.join(', ');
}

/** Native decoding where a string type maps onto a Node encoding: this runs for every name of a listed keystore. */
function decodeString(tag: number, bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (tag === 0x1e) {
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  if (tag === 0x1c) {
    let out = '';
    for (let i = 0; i + 3 < bytes.length; i += 4) out += String.fromCodePoint(((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0);
    return out;
  }
  if (tag === 0x0c) return buffer.toString('utf8');
  return buffer.toString('latin1');
}

const NEEDS_ESCAPE = /[,+"\\<>;]|^[ #]|[ ]$/;

function escape(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`).replace(/^[ #]|[ ]$/g, (c) => `\\${c}`);
}
