import { TAG } from './der-reader.js';

/** One DER TLV (X.690 §8.1) around the concatenated `parts`, with a minimal definite length. */
export function derTlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let n = length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let p = 1 + lengthBytes.length;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

export const derSequence = (...parts: Uint8Array[]): Uint8Array => derTlv(TAG.sequence, ...parts);
export const derSet = (...parts: Uint8Array[]): Uint8Array => derTlv(TAG.set, ...parts);
export const derOctetString = (bytes: Uint8Array): Uint8Array => derTlv(TAG.octetString, bytes);
export const derNull = (): Uint8Array => Uint8Array.of(0x05, 0x00);
/** `[n] EXPLICIT` (constructed, context-specific). */
export const derExplicit = (n: number, ...parts: Uint8Array[]): Uint8Array => derTlv(0xa0 | n, ...parts);

/** A non-negative INTEGER (X.690 §8.3) from a safe integer. */
export function derInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return derTlv(TAG.integer, Uint8Array.from(bytes));
}

/** An OBJECT IDENTIFIER from its dotted form (X.690 §8.19). */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(BigInt);
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const value of values) {
    const chunk = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return derTlv(TAG.oid, Uint8Array.from(out));
}

/** A BMPString (UTF-16BE), as PKCS#9 friendlyName wants (RFC 2985 §5.5.1). */
export function derBmpString(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) >> 8;
    out[i * 2 + 1] = text.charCodeAt(i) & 0xff;
  }
  return derTlv(0x1e, out);
}
