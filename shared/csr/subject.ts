import { SUBJECT_LIMITS, type SubjectField } from '../model/csr-constants.js';
import type { CsrIssue, Subject } from '../model/csr.js';

/** One subject attribute in the order it is encoded (most significant first, as CAs print it). */
export interface SubjectAttribute {
  readonly field: SubjectField;
  readonly value: string;
}

const ORDER: readonly SubjectField[] = ['C', 'ST', 'L', 'O', 'OU', 'CN', 'emailAddress'];

/** Trims the fields, drops empty ones and checks each against RFC 5280's upper bounds. */
export function checkSubject(subject: Subject): { attributes: SubjectAttribute[]; errors: CsrIssue[] } {
  const attributes: SubjectAttribute[] = [];
  const errors: CsrIssue[] = [];
  for (const field of ORDER) {
    let value = (subject[field] ?? '').trim();
    if (value === '') continue;
    const where = `subject.${field}`;
    if (field === 'C') {
      // X.520 countryName is a two-letter ISO 3166 code in a PrintableString.
      if (!/^[A-Za-z]{2}$/.test(value)) {
        errors.push({ where, message: 'Country is a two-letter code such as US, DE or FR' });
        continue;
      }
      value = value.toUpperCase();
    }
    if (value.length > SUBJECT_LIMITS[field]) {
      errors.push({ where, message: `At most ${SUBJECT_LIMITS[field]} characters (RFC 5280 upper bound)` });
      continue;
    }
    if (field === 'emailAddress' && !/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(value)) {
      errors.push({ where, message: 'emailAddress is an ASCII address such as admin@example.com' });
      continue;
    }
    if (/[\u0000-\u001f]/.test(value)) {
      errors.push({ where, message: 'Control characters are not allowed' });
      continue;
    }
    attributes.push({ field, value });
  }
  return { attributes, errors };
}

const KEY_ALIASES: Readonly<Record<string, SubjectField>> = {
  cn: 'CN',
  o: 'O',
  ou: 'OU',
  l: 'L',
  st: 'ST',
  s: 'ST',
  c: 'C',
  e: 'emailAddress',
  email: 'emailAddress',
  emailaddress: 'emailAddress',
};

/**
 * Parses `CN=app.example,O=Example\, Inc.` (RFC 4514 escapes) or openssl's `/CN=…/O=…` into a
 * Subject. Throws a RangeError naming the bad part, so the CLI can print one clear line.
 */
export function parseSubjectString(text: string): Subject {
  const slashForm = text.startsWith('/');
  const parts = splitUnescaped(slashForm ? text.slice(1) : text, slashForm ? '/' : ',');
  const subject: Record<string, string> = {};
  for (const part of parts) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new RangeError(`"${part.trim()}" is not NAME=value`);
    const key = part.slice(0, eq).trim();
    const field = KEY_ALIASES[key.toLowerCase()];
    if (!field) throw new RangeError(`Unknown subject attribute ${key} (use CN, O, OU, L, ST, C, emailAddress)`);
    if (subject[field] !== undefined) throw new RangeError(`${key} appears twice in the subject`);
    subject[field] = unescape(part.slice(eq + 1).trim());
  }
  return subject as Subject;
}

function splitUnescaped(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i++;
    } else if (ch === separator) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** RFC 4514 §3: `\,` style escapes and `\2C` hex pairs. */
function unescape(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, e: string) => (e.length === 2 ? String.fromCharCode(Number.parseInt(e, 16)) : e));
}
