import { CertbenchError } from '../errors.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SKIP = -2;
const PAD = -3;
const INDEX = new Int8Array(256).fill(-1);
for (let i = 0; i < B64.length; i++) INDEX[B64.charCodeAt(i)] = i;
for (const c of [9, 10, 11, 12, 13, 32]) INDEX[c] = SKIP;
INDEX[61] = PAD;

const BEGIN = '-----BEGIN ';
const DASHES = '-----';

/**
 * The DER of every block of an ASCII PEM bundle whose blocks all carry one of `labels` and no
 * headers, decoded straight from the bytes (no per-block strings): the fast path for 10,000-
 * certificate bundles. `text` must be `bytes` decoded one character per byte. Returns undefined
 * when the input needs the general reader (other labels, headers, odd characters).
 */
export function fastPemBlocks(bytes: Uint8Array, text: string, labels: ReadonlySet<string>): Uint8Array[] | undefined {
  if (text.length !== bytes.length) return undefined;
  const out: Uint8Array[] = [];
  for (let pos = text.indexOf(BEGIN); pos >= 0; pos = text.indexOf(BEGIN, pos)) {
    const labelEnd = text.indexOf(DASHES, pos + BEGIN.length);
    if (labelEnd < 0) return undefined;
    const label = text.slice(pos + BEGIN.length, labelEnd);
    if (!labels.has(label)) return undefined;
    const bodyStart = labelEnd + DASHES.length;
    const endMarker = `-----END ${label}-----`;
    const bodyEnd = text.indexOf(endMarker, bodyStart);
    if (bodyEnd < 0) return undefined;
    const der = decodeRange(bytes, bodyStart, bodyEnd);
    if (!der) return undefined;
    out.push(der);
    pos = bodyEnd + endMarker.length;
  }
  return out.length > 0 ? out : undefined;
}

/** Base64 between two offsets, whitespace skipped; undefined for anything else (headers, junk). */
function decodeRange(bytes: Uint8Array, start: number, end: number): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor(((end - start) * 3) / 4) + 3);
  let acc = 0;
  let bits = 0;
  let o = 0;
  let count = 0;
  let padded = false;
  for (let i = start; i < end; i++) {
    const v = INDEX[bytes[i]!]!;
    if (v >= 0) {
      if (padded) return undefined;
      acc = ((acc << 6) | v) & 0xffffff;
      count++;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    } else if (v === PAD) padded = true;
    else if (v !== SKIP) return undefined;
  }
  if (count % 4 === 1) throw new CertbenchError('bad-base64', 'A PEM block has an impossible base64 length');
  return out.subarray(0, o);
}
