import { CertbenchError } from '../../../shared/errors.js';

/**
 * A cursor over bytes written by Java's DataOutputStream (big-endian integers, "modified UTF-8"
 * strings), the encoding of JKS and JCEKS files. Running off the end is a `truncated` error.
 */
export class JavaDataReader {
  #pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.#pos = start;
  }

  get position(): number {
    return this.#pos;
  }

  #need(n: number, what: string): number {
    if (n < 0 || this.#pos + n > this.end) {
      throw new CertbenchError('truncated', `The keystore ends inside ${what} (offset ${this.#pos})`);
    }
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  u8(what: string): number {
    return this.bytes[this.#need(1, what)]!;
  }

  u16(what: string): number {
    const at = this.#need(2, what);
    return (this.bytes[at]! << 8) | this.bytes[at + 1]!;
  }

  u32(what: string): number {
    const at = this.#need(4, what);
    return ((this.bytes[at]! << 24) | (this.bytes[at + 1]! << 16) | (this.bytes[at + 2]! << 8) | this.bytes[at + 3]!) >>> 0;
  }

  /** A signed 64-bit big-endian value (Java `long`), exact up to 2^53. */
  i64(what: string): number {
    const high = this.u32(what) | 0;
    const low = this.u32(what);
    return high * 0x1_0000_0000 + low;
  }

  take(n: number, what: string): Uint8Array {
    const at = this.#need(n, what);
    return this.bytes.subarray(at, at + n);
  }

  /** DataInput.readUTF: a u16 byte count, then modified UTF-8 (JVMS §4.4.7). */
  utf(what: string): string {
    return decodeModifiedUtf8(this.take(this.u16(what), what), what);
  }
}

/**
 * Java's modified UTF-8: NUL as C0 80 and supplementary characters as two 3-byte surrogates, so
 * decoding unit by unit into UTF-16 gives back the Java string exactly.
 */
export function decodeModifiedUtf8(bytes: Uint8Array, what: string): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i]!;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length && (bytes[i + 1]! & 0xc0) === 0x80) {
      units.push(((a & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
      units.push(((a & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    } else {
      throw new CertbenchError('parse', `Malformed modified UTF-8 in ${what}`);
    }
  }
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}
