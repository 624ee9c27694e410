import { fromBase64, toBase64 } from './bytes.js';

/** One armoured block found in text: its label (`CERTIFICATE`, `PRIVATE KEY`, …), headers and body. */
export interface PemBlock {
  readonly label: string;
  /** RFC 1421 headers (`Proc-Type`, `DEK-Info`) of OpenSSL's legacy encrypted keys; empty otherwise. */
  readonly headers: Readonly<Record<string, string>>;
  readonly der: Uint8Array;
}

const BEGIN = /-----BEGIN ([A-Z0-9 #.-]+)-----/g;

/**
 * Every PEM block in `text` (RFC 7468), tolerant of what admins are handed: a UTF-8 BOM, CRLF or
 * CR line endings, indentation, and prose before, between and after the blocks. A block whose
 * base64 is corrupt throws a RangeError naming its label, so the caller can report it precisely.
 */
export function findPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const unbommed = text.replace(/^\uFEFF/, '');
  const normalised = unbommed.includes('\r') ? unbommed.replace(/\r\n?/g, '\n') : unbommed;
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(normalised); m; m = BEGIN.exec(normalised)) {
    const label = m[1]!;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = m.index + m[0].length;
    const end = normalised.indexOf(endMarker, bodyStart);
    if (end < 0) throw new RangeError(`PEM block "${label}" has no END line`);
    const { headers, body } = splitHeaders(normalised.slice(bodyStart, end));
    let der: Uint8Array;
    try {
      der = fromBase64(body);
    } catch {
      throw new RangeError(`PEM block "${label}" is not valid base64`);
    }
    blocks.push({ label, headers, der });
    BEGIN.lastIndex = end + endMarker.length;
  }
  return blocks;
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  // Fast path for the usual header-less block: fromBase64 skips the whitespace itself.
  if (!raw.includes(':')) return { headers: {}, body: raw };
  const lines = raw.split('\n').map((l) => l.trim());
  const headers: Record<string, string> = {};
  let i = 0;
  while (i < lines.length && (lines[i] === '' || /^[A-Za-z-]+:/.test(lines[i]!))) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
    i++;
  }
  return { headers, body: lines.slice(i).join('') };
}

/** RFC 7468 encoding: 64-character lines, LF endings, trailing newline. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** True when the bytes look like text containing at least one PEM BEGIN line. */
export function looksLikePem(text: string): boolean {
  BEGIN.lastIndex = 0;
  return BEGIN.test(text);
}
