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
  const out: Output = { parts: [], bytes: 0 };
  const end = encodeElement(ber, 0, ber.length, out, 0);
  if (end !== ber.length) throw new CertbenchError('parse', `${ber.length - end} bytes follow the BER structure`);
  return concat(out.parts, out.bytes);
}

/** True when the element at 0 uses an indefinite length (the only case berToDer is needed for). */
export const hasIndefiniteLength = (bytes: Uint8Array): boolean => bytes.length > 1 && bytes[1] === 0x80;

/**
 * The output as one flat list of chunks in order, and their total size. A constructed element's
 * length octets are a placeholder filled in once its children are written: no per-element child
 * arrays, and no spreading of lists whose size the input controls (300,000 children once
 * overflowed the stack that way).
 */
interface Output {
  readonly parts: Uint8Array[];
  bytes: number;
}

function emit(out: Output, part: Uint8Array): void {
  out.parts.push(part);
  out.bytes += part.length;
}

function encodeElement(buf: Uint8Array, start: number, limit: number, out: Output, depth: number): number {
  if (depth > MAX_DEPTH) throw new CertbenchError('parse', 'BER nesting is too deep');
  if (start >= limit) throw new CertbenchError('truncated', 'BER data ends where an element was expected');
  let p = start + 1;
  if ((buf[start]! & 0x1f) === 0x1f) while (p < limit && buf[p++]! & 0x80);
  if (p >= limit) throw new CertbenchError('truncated', 'BER data ends inside an element header');
  const identifier = buf.subarray(start, p);
  const first = buf[p++]!;
  if (first === 0x80) {
    if (!(buf[start]! & 0x20)) throw new CertbenchError('parse', 'A primitive BER element cannot have an indefinite length');
    const header = openConstructed(out, identifier);
    for (;;) {
      if (p + 1 >= limit) throw new CertbenchError('truncated', 'BER data ends before an end-of-contents marker');
      if (buf[p] === 0 && buf[p + 1] === 0) {
        p += 2;
        break;
      }
      p = encodeElement(buf, p, limit, out, depth + 1);
    }
    closeConstructed(out, header);
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
    const header = openConstructed(out, identifier);
    for (let q = p; q < p + length; ) q = encodeElement(buf, q, p + length, out, depth + 1);
    closeConstructed(out, header);
  } else {
    emit(out, buf.subarray(start, p + length));
  }
  return p + length;
}

interface OpenHeader {
  readonly slot: number;
  readonly contentStart: number;
}

function openConstructed(out: Output, identifier: Uint8Array): OpenHeader {
  emit(out, identifier);
  out.parts.push(EMPTY); // the length octets, once the content is known
  return { slot: out.parts.length - 1, contentStart: out.bytes };
}

function closeConstructed(out: Output, header: OpenHeader): void {
  const octets = lengthOctets(out.bytes - header.contentStart);
  out.parts[header.slot] = octets;
  out.bytes += octets.length;
}

const EMPTY = new Uint8Array(0);

function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  let count = 0;
  for (let n = length; n > 0; n = Math.floor(n / 256)) count++;
  const octets = new Uint8Array(count + 1);
  octets[0] = 0x80 | count;
  for (let i = count, n = length; i > 0; i--, n = Math.floor(n / 256)) octets[i] = n & 0xff;
  return octets;
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
