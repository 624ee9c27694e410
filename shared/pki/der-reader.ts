import { CertbenchError } from '../errors.js';

/** One DER TLV located in a buffer (X.690 §8.1): offsets only, no copies, so a scan stays cheap. */
export interface Tlv {
  /** The first identifier octet (class, constructed bit and low tag number). */
  readonly tag: number;
  readonly start: number;
  /** First content octet. */
  readonly body: number;
  /** One past the last content octet. */
  readonly end: number;
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Why a TLV could not be read: `truncated` when the data stops early, `parse` otherwise. */
export interface TlvFault {
  readonly fault: 'truncated' | 'parse';
  readonly message: string;
}

/**
 * The TLV at `offset`, which must end by `limit`, or why not — without throwing, for loops over
 * input-sized numbers of elements where an exception per bad element would cost seconds. DER only:
 * indefinite lengths (X.690 §8.1.3.6) and long lengths over 4 octets are a `parse` fault; content
 * running past `limit` is `truncated`, so a cut-off download is told apart from garbage.
 */
export function decodeTlv(buf: Uint8Array, offset: number, limit: number): Tlv | TlvFault {
  if (offset >= limit) return { fault: 'truncated', message: 'DER data ends where an element was expected' };
  const tag = buf[offset]!;
  let p = offset + 1;
  if ((tag & 0x1f) === 0x1f) {
    // High tag number form (X.690 §8.1.2.4): base-128 continuation octets.
    while (p < limit && (buf[p]! & 0x80) !== 0) p++;
    p++;
  }
  if (p >= limit) return { fault: 'truncated', message: 'DER data ends inside an element header' };
  const first = buf[p++]!;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0) return { fault: 'parse', message: 'Indefinite length is not allowed in DER' };
    if (count > 4) return { fault: 'parse', message: 'DER length field is too long' };
    if (p + count > limit) return { fault: 'truncated', message: 'DER data ends inside a length field' };
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[p++]!;
  }
  const end = p + length;
  if (end > limit) return { fault: 'truncated', message: `DER element needs ${end - offset} bytes but only ${limit - offset} remain` };
  return { tag, start: offset, body: p, end };
}

/** Reads the TLV at `offset` (see decodeTlv), throwing its fault as a CertbenchError. */
export function readTlv(buf: Uint8Array, offset: number, limit: number): Tlv {
  const tlv = decodeTlv(buf, offset, limit);
  if ('fault' in tlv) throw new CertbenchError(tlv.fault, tlv.message);
  return tlv;
}

/** Reads the TLV at `offset` and insists on its tag; `what` names the field in the error. */
export function expectTlv(buf: Uint8Array, offset: number, limit: number, tag: number, what: string): Tlv {
  const tlv = readTlv(buf, offset, limit);
  if (tlv.tag !== tag) {
    throw new CertbenchError('parse', `Expected ${what} (tag 0x${tag.toString(16)}) but found tag 0x${tlv.tag.toString(16)}`);
  }
  return tlv;
}

/** True when the OID content octets at `tlv` equal `oid` (both pre-encoded). */
export function oidEquals(buf: Uint8Array, tlv: Tlv, oid: Uint8Array): boolean {
  if (tlv.end - tlv.body !== oid.length) return false;
  for (let i = 0; i < oid.length; i++) if (buf[tlv.body + i] !== oid[i]) return false;
  return true;
}

/** Dotted form of OID content octets (X.690 §8.19); arcs past 2^53 fall back to BigInt. */
export function decodeOid(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.end === tlv.body) throw new CertbenchError('parse', 'Empty OBJECT IDENTIFIER');
  if (buf[tlv.end - 1]! & 0x80) throw new CertbenchError('parse', 'OBJECT IDENTIFIER ends mid-arc');
  let out = '';
  let value = 0;
  let big: bigint | undefined;
  for (let i = tlv.body; i < tlv.end; i++) {
    const b = buf[i]!;
    if (big !== undefined || value >= 2 ** 45) big = ((big ?? BigInt(value)) << 7n) | BigInt(b & 0x7f);
    else value = value * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (out === '') out = firstArcs(big ?? value);
    else out += `.${big ?? value}`;
    value = 0;
    big = undefined;
  }
  return out;
}

/** X.690 §8.19.4: the first subidentifier packs two arcs. Numbers when they fit: BigInt is slow on cold code. */
function firstArcs(value: number | bigint): string {
  if (typeof value === 'number') {
    const x = value < 40 ? 0 : value < 80 ? 1 : 2;
    return `${x}.${value - x * 40}`;
  }
  const x = value < 40n ? 0n : value < 80n ? 1n : 2n;
  return `${x}.${value - x * 40n}`;
}
