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
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const PAD = 0x3d;
const NEWLINE = 0x0a;
const ascii = new TextDecoder();
const B64_INVALID = -1;
const B64_SKIP = -2;
const B64_PAD = -3;
/** Char code → sextet, or one of the markers above; one lookup per character keeps decoding fast. */
const B64_INDEX = new Int8Array(256).fill(B64_INVALID);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
for (const c of [9, 10, 11, 12, 13, 32]) B64_INDEX[c] = B64_SKIP;
B64_INDEX['='.charCodeAt(0)] = B64_PAD;

/**
 * Strict base64 (RFC 4648 §4): ASCII whitespace between characters is skipped; anything else
 * outside the standard alphabet (base64url's '-' and '_' included), '=' anywhere but at the end,
 * and a length that is not whole quanta with their padding throw a RangeError. Lenient decoding is
 * how a damaged PEM body turns into a certificate nobody issued (issue 16.3), so there is no
 * lenient variant.
 */
export function fromBase64(text: string): Uint8Array {
  // One pass without regex copies: this decodes every block of 10,000-certificate bundles.
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let bits = 0;
  let acc = 0;
  let o = 0;
  let count = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    // Fast path: four plain base64 characters at once (most of every PEM line).
    if (bits === 0 && pads === 0 && i + 3 < text.length) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      const c = text.charCodeAt(i + 2);
      const d = text.charCodeAt(i + 3);
      if ((a | b | c | d) < 256) {
        const va = B64_INDEX[a]!;
        const vb = B64_INDEX[b]!;
        const vc = B64_INDEX[c]!;
        const vd = B64_INDEX[d]!;
        if ((va | vb | vc | vd) >= 0) {
          const n = (va << 18) | (vb << 12) | (vc << 6) | vd;
          out[o++] = n >> 16;
          out[o++] = (n >> 8) & 0xff;
          out[o++] = n & 0xff;
          count += 4;
          i += 3;
          continue;
        }
      }
    }
    const code = text.charCodeAt(i);
    const v = code < 256 ? B64_INDEX[code]! : B64_INVALID;
    if (v === B64_SKIP) continue;
    if (v === B64_PAD) {
      pads++;
      continue;
    }
    if (v < 0) throw new RangeError(`invalid base64 character ${JSON.stringify(text[i])} at offset ${i}`);
    if (pads > 0) throw new RangeError(`base64 continues after '=' padding at offset ${i}`);
    count++;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((count + pads) % 4 !== 0 || pads > 2) {
    throw new RangeError(`base64 of ${count} characters with ${pads} '=' is not whole 4-character groups`);
  }
  return out.subarray(0, o);
}

/** Standard padded base64; with `lineLength` (a multiple of 4), lines of that many characters joined by "\n", as a PEM body. */
export function toBase64(bytes: Uint8Array, lineLength = 0): string {
  // Written as ASCII codes and decoded once: appending four-character strings per three bytes cost
  // ~15 KB of garbage and most of a report's PEM time per certificate.
  const chars = Math.ceil(bytes.length / 3) * 4;
  const breaks = lineLength > 0 && chars > 0 ? Math.ceil(chars / lineLength) - 1 : 0;
  const out = new Uint8Array(chars + breaks);
  let o = 0;
  let column = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    if (column === lineLength && lineLength > 0) {
      out[o++] = NEWLINE;
      column = 0;
    }
    const left = bytes.length - i;
    const n = (bytes[i]! << 16) | (left > 1 ? bytes[i + 1]! << 8 : 0) | (left > 2 ? bytes[i + 2]! : 0);
    out[o++] = B64_CODES[(n >> 18) & 63]!;
    out[o++] = B64_CODES[(n >> 12) & 63]!;
    out[o++] = left > 1 ? B64_CODES[(n >> 6) & 63]! : PAD;
    out[o++] = left > 2 ? B64_CODES[n & 63]! : PAD;
    column += 4;
  }
  return ascii.decode(out);
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
