import { CertbenchError } from '../errors.js';
import { fromBase64, toBase64 } from './bytes.js';

/** One armoured block found in text: its label (`CERTIFICATE`, `PRIVATE KEY`, …), headers and body. */
export interface PemBlock {
  readonly label: string;
  /** RFC 1421 headers (`Proc-Type`, `DEK-Info`) of OpenSSL's legacy encrypted keys; empty otherwise. */
  readonly headers: Readonly<Record<string, string>>;
  readonly der: Uint8Array;
  /**
   * Its armour is indented (a `|` block in YAML, a quoted e-mail): read, though OpenSSL reads no
   * indented BEGIN line, so readers pass on a note that other tools need it de-indented
   * (docs/pki-facts.md, "Indented PEM").
   */
  readonly indented: boolean;
}

/** A block whose armour or base64 is damaged: reported on its own, never guessed at. */
export interface DamagedPemBlock {
  readonly label: string;
  readonly error: CertbenchError;
}

/** Every block of a text in order, each either decoded or damaged; `index` counts from 1. */
export type PemEntry = { readonly index: number } & ({ readonly block: PemBlock } | { readonly damaged: DamagedPemBlock });

/** BEGIN and END lines stand on their own lines, as OpenSSL's reader requires; indentation is captured (see PemBlock.indented). */
const BEGIN = /^([ \t]*)-----BEGIN ([A-Z0-9 #.-]+)-----[ \t]*$/gm;
const ANY_END = /^([ \t]*)-----END [^\n]*$/gm;
const BLANK_AFTER_DATA = /\S[ \t]*\n[ \t]*\n/;

/**
 * Every PEM block in `text` (RFC 7468), tolerant of what admins are handed around the blocks — a
 * UTF-8 BOM, CRLF or CR line endings, prose before, between and after — and strict inside them:
 * the body must be whole standard base64 (see fromBase64). A block runs from its BEGIN line to the
 * next END line, as OpenSSL reads it; a damaged block (bad base64, a BEGIN line inside it, an END
 * line with another label, no END line) becomes a `damaged` entry and reading resumes after its
 * END line, so one bad block hides nothing after it — and a block OpenSSL would swallow into a
 * damaged one is not read either.
 *
 * Indented armour (YAML, e-mail, JSON) is read when the whole block is indented alike: the END line
 * as its BEGIN line, every body line at least as deep. That is the block OpenSSL reads once
 * de-indented, and it comes back `indented`. Anything else is damaged: OpenSSL reads none of it,
 * and a block whose lines do not line up was not pasted whole.
 */
export function readPemBlocks(text: string): PemEntry[] {
  const entries: PemEntry[] = [];
  const unbommed = text.replace(/^\uFEFF/, '');
  const normalised = unbommed.includes('\r') ? unbommed.replace(/\r\n?/g, '\n') : unbommed;
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(normalised); m; m = BEGIN.exec(normalised)) {
    const indent = m[1]!;
    const label = m[2]!;
    const index = entries.length + 1;
    const name = `PEM block ${index} (${label})`;
    const damaged = (code: 'truncated' | 'bad-base64' | 'parse', message: string, cause?: unknown) =>
      entries.push({ index, damaged: { label, error: new CertbenchError(code, `${name} ${message}`, { cause }) } });
    const bodyStart = m.index + m[0].length;
    ANY_END.lastIndex = bodyStart;
    const end = ANY_END.exec(normalised);
    if (!end) {
      damaged('truncated', 'has no END line');
      break;
    }
    BEGIN.lastIndex = end.index + end[0].length;
    const body = normalised.slice(bodyStart, end.index);
    if (end[0].includes('-----BEGIN ')) {
      damaged('truncated', 'has the next BEGIN line glued to its END line (a file without a final newline was concatenated); openssl refuses both blocks too');
    } else if (end[0].trim() !== `-----END ${label}-----`) {
      damaged('truncated', `ends in a damaged or foreign END line instead of "-----END ${label}-----"`);
    } else if (body.includes('-----BEGIN ')) {
      damaged('truncated', 'has a BEGIN line inside it: its own END line is missing');
    } else if (end[1] !== indent || (indent !== '' && body.split('\n').some((line) => line.trim() !== '' && !line.startsWith(indent)))) {
      damaged('parse', 'is indented unevenly: its BEGIN and END lines and every line between must share one indentation (OpenSSL reads no indented block)');
    } else {
      const { headers, body: base64 } = splitHeaders(body);
      // OpenSSL takes a blank line for the end of RFC 1421 headers, so one after base64 data breaks the block.
      if (BLANK_AFTER_DATA.test(base64)) {
        damaged('bad-base64', 'has a blank line inside its base64 body');
        continue;
      }
      try {
        entries.push({ index, block: { label, headers, der: fromBase64(base64), indented: indent !== '' } });
      } catch (err) {
        damaged('bad-base64', `is not valid base64: ${(err as Error).message}`, err);
      }
    }
  }
  return entries;
}

/** The decoded blocks of `text`, throwing the first damaged block's error (for machine output, where any damage means the tool misbehaved). */
export function findPemBlocks(text: string): PemBlock[] {
  return readPemBlocks(text).map((entry) => {
    if ('damaged' in entry) throw entry.damaged.error;
    return entry.block;
  });
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
  return { headers, body: lines.slice(i).join('\n') };
}

/** RFC 7468 encoding: 64-character lines, LF endings, trailing newline. */
export function toPem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${toBase64(der, 64)}\n-----END ${label}-----\n`;
}

/** True when the bytes look like text containing at least one PEM BEGIN line. */
export function looksLikePem(text: string): boolean {
  BEGIN.lastIndex = 0;
  return BEGIN.test(text);
}
