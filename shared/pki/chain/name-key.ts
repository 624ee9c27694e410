import { TAG, decodeOid, expectTlv, readTlv } from '../der-reader.js';
import { toHex } from '../bytes.js';

const STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1c, 0x1e]);

/**
 * A comparison key for a Name that follows RFC 5280 §7.1 the way validators do in practice:
 * string attributes match regardless of their string type (PrintableString vs UTF8String, PKITS
 * 4.3.10), letter case and surrounding or repeated white space (RFC 4518 §2.6.1, PKITS 4.3.3–4.3.5,
 * 4.3.11); every other attribute value must match byte for byte. Throws on malformed DER.
 */
export function normalizedNameKey(nameDer: Uint8Array): string {
  return normalizedRdns(nameDer).join(',');
}

/** The normalised RDNs of a Name in encoded order (for DN name constraints, RFC 5280 §4.2.1.10). */
export function normalizedRdns(nameDer: Uint8Array): string[] {
  return readRdns(nameDer).map((avas) => avas.map((a) => `${a.oid}=${a.key}`).sort().join('+'));
}

/** One attribute of a Name: its type, its text when it is a string type, and its comparison key. */
export interface NameAttribute {
  readonly oid: string;
  readonly text?: string;
  readonly key: string;
}

/** Every attribute of a Name grouped by RDN, in encoded order. Throws on malformed DER. */
export function readRdns(nameDer: Uint8Array): NameAttribute[][] {
  const name = expectTlv(nameDer, 0, nameDer.length, TAG.sequence, 'Name');
  const rdns: NameAttribute[][] = [];
  for (let p = name.body; p < name.end; ) {
    const set = expectTlv(nameDer, p, name.end, TAG.set, 'RelativeDistinguishedName');
    const avas: NameAttribute[] = [];
    for (let q = set.body; q < set.end; ) {
      const ava = expectTlv(nameDer, q, set.end, TAG.sequence, 'AttributeTypeAndValue');
      const oid = expectTlv(nameDer, ava.body, ava.end, TAG.oid, 'AttributeType');
      const value = readTlv(nameDer, oid.end, ava.end);
      const text = STRING_TAGS.has(value.tag) ? decodeString(nameDer, value.tag, value.body, value.end) : undefined;
      avas.push({ oid: decodeOid(nameDer, oid), text, key: normalizedValue(nameDer, value.tag, value.body, value.end) });
      q = ava.end;
    }
    rdns.push(avas);
    p = set.end;
  }
  return rdns;
}

function normalizedValue(buf: Uint8Array, tag: number, body: number, end: number): string {
  if (!STRING_TAGS.has(tag)) return `#${tag.toString(16)}:${toHex(buf.subarray(body, end))}`;
  return `"${decodeString(buf, tag, body, end).trim().replace(/\s+/g, ' ').toLowerCase()}"`;
}

/** Decodes a DirectoryString-like value (X.680 §41): BMP is UTF-16BE, Universal UTF-32BE. */
export function decodeString(buf: Uint8Array, tag: number, body: number, end: number): string {
  if (tag === 0x1e) {
    let s = '';
    for (let i = body; i + 1 < end; i += 2) s += String.fromCharCode((buf[i]! << 8) | buf[i + 1]!);
    return s;
  }
  if (tag === 0x1c) {
    let s = '';
    for (let i = body; i + 3 < end; i += 4) {
      const cp = ((buf[i]! << 24) | (buf[i + 1]! << 16) | (buf[i + 2]! << 8) | buf[i + 3]!) >>> 0;
      s += String.fromCodePoint(cp > 0x10ffff ? 0xfffd : cp);
    }
    return s;
  }
  return utf8Decode(buf.subarray(body, end));
}

/** UTF-8 decode without TextDecoder (not typed in shared/); invalid sequences become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (len === 0 || i + len > bytes.length) {
      out += '\uFFFD';
      i++;
      continue;
    }
    let cp = len === 1 ? b : b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
    out += String.fromCodePoint(cp > 0x10ffff ? 0xfffd : cp);
    i += len;
  }
  return out;
}
