import { CertbenchError } from '../errors.js';

/** Nesting deeper than this is refused: real files nest a dozen levels, hostile ones could recurse forever. */
const MAX_DEPTH = 64;

/**
 * Re-encodes BER with indefinite lengths (X.690 §8.1.3.6), as Windows and some Java versions write
 * PKCS#12 and PKCS#7 files, into definite lengths so the DER readers accept it. Content octets are
 * kept byte for byte (constructed strings stay constructed), so MACs and embedded certificates are
 * unchanged. Errors: `truncated` when an end-of-contents is missing, `parse` otherwise.
 */
export function berToDer(ber: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const end = encodeElement(ber, 0, ber.length, parts, 0);
  if (end !== ber.length) throw new CertbenchError('parse', `${ber.length - end} bytes follow the BER structure`);
  return concat(parts);
}

/** True when the element at 0 uses an indefinite length (the only case berToDer is needed for). */
export const hasIndefiniteLength = (bytes: Uint8Array): boolean => bytes.length > 1 && bytes[1] === 0x80;

function encodeElement(buf: Uint8Array, start: number, limit: number, out: Uint8Array[], depth: number): number {
  if (depth > MAX_DEPTH) throw new CertbenchError('parse', 'BER nesting is too deep');
  if (start >= limit) throw new CertbenchError('truncated', 'BER data ends where an element was expected');
  let p = start + 1;
  if ((buf[start]! & 0x1f) === 0x1f) while (p < limit && buf[p++]! & 0x80);
  if (p >= limit) throw new CertbenchError('truncated', 'BER data ends inside an element header');
  const identifier = buf.subarray(start, p);
  const first = buf[p++]!;
  if (first === 0x80) {
    if (!(buf[start]! & 0x20)) throw new CertbenchError('parse', 'A primitive BER element cannot have an indefinite length');
    const children: Uint8Array[] = [];
    for (;;) {
      if (p + 1 >= limit) throw new CertbenchError('truncated', 'BER data ends before an end-of-contents marker');
      if (buf[p] === 0 && buf[p + 1] === 0) {
        p += 2;
        break;
      }
      p = encodeElement(buf, p, limit, children, depth + 1);
    }
    out.push(identifier, lengthOctets(children.reduce((n, c) => n + c.length, 0)), ...children);
    return p;
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || p + count > limit) throw new CertbenchError(count > 4 ? 'parse' : 'truncated', 'Bad BER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[p++]!;
  }
  if (p + length > limit) throw new CertbenchError('truncated', 'BER element runs past the end of the data');
  if (buf[start]! & 0x20) {
    // Constructed: children may use indefinite lengths themselves.
    const children: Uint8Array[] = [];
    for (let q = p; q < p + length; ) q = encodeElement(buf, q, p + length, children, depth + 1);
    out.push(identifier, lengthOctets(children.reduce((n, c) => n + c.length, 0)), ...children);
  } else {
    out.push(buf.subarray(start, p + length));
  }
  return p + length;
}

function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
