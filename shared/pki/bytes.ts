/** Byte helpers that run on both sides (no Buffer in the renderer, no atob typing in shared). */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new RangeError('not a hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** "ab:cd:…" upper-case, the way certlm, keytool and Keychain Access print fingerprints. */
export function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INVALID = -1;
const B64_SKIP = -2;
const B64_PAD = -3;
/** Char code → sextet, or one of the markers above; one lookup per character keeps decoding fast. */
const B64_INDEX = new Int8Array(256).fill(B64_INVALID);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX['-'.charCodeAt(0)] = 62;
B64_INDEX['_'.charCodeAt(0)] = 63;
for (const c of [9, 10, 11, 12, 13, 32, 0xa0]) B64_INDEX[c] = B64_SKIP;
B64_INDEX['='.charCodeAt(0)] = B64_PAD;

/** Strict-ish base64 decode: whitespace ignored, padding optional, any other character rejected. */
export function fromBase64(text: string): Uint8Array {
  // One pass without regex copies: this decodes every block of 10,000-certificate bundles.
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let bits = 0;
  let acc = 0;
  let o = 0;
  let count = 0;
  let padded = false;
  for (let i = 0; i < text.length; i++) {
    // Fast path: four plain base64 characters at once (most of every PEM line).
    if (bits === 0 && !padded && i + 3 < text.length) {
      const a = B64_INDEX[text.charCodeAt(i) & 0xff]!;
      const b = B64_INDEX[text.charCodeAt(i + 1) & 0xff]!;
      const c2 = B64_INDEX[text.charCodeAt(i + 2) & 0xff]!;
      const d = B64_INDEX[text.charCodeAt(i + 3) & 0xff]!;
      if ((a | b | c2 | d) >= 0 && text.charCodeAt(i) < 256 && text.charCodeAt(i + 1) < 256 && text.charCodeAt(i + 2) < 256 && text.charCodeAt(i + 3) < 256) {
        const n = (a << 18) | (b << 12) | (c2 << 6) | d;
        out[o++] = n >> 16;
        out[o++] = (n >> 8) & 0xff;
        out[o++] = n & 0xff;
        count += 4;
        i += 3;
        continue;
      }
    }
    const c = text.charCodeAt(i);
    let v = c < 256 ? B64_INDEX[c]! : /\s/.test(text[i]!) ? B64_SKIP : B64_INVALID;
    if (v === B64_SKIP) continue;
    if (v === B64_PAD) {
      padded = true;
      continue;
    }
    if (padded) v = B64_INVALID;
    if (v < 0) throw new RangeError(`invalid base64 character at ${i}`);
    count++;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (count % 4 === 1) throw new RangeError('base64 length is impossible');
  return out.subarray(0, o);
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A standalone ArrayBuffer copy, for APIs (WebCrypto, @peculiar) that take BufferSource. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

// Both Node and browsers have WHATWG TextDecoder; shared/ compiles without DOM or Node types.
const Utf8Decoder = (globalThis as unknown as { TextDecoder: new (label: string) => { decode(bytes: Uint8Array): string } })
  .TextDecoder;
const utf8 = new Utf8Decoder('utf-8');

/** Bytes as text (UTF-8, invalid sequences replaced, a leading BOM dropped); native speed on both sides. */
export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
