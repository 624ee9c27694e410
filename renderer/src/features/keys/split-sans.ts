import type { SanRow } from '../../../../shared/model/csr.js';
import type { SanType } from '../../../../shared/model/csr-constants.js';

/** openssl's and certlm's prefixes ("DNS:www.example.com", "IP Address:10.0.0.5") name the type. */
const PREFIXES: readonly [RegExp, SanType][] = [
  [/^dns(?: name)?[:=]/i, 'dns'],
  [/^ip(?: address)?[:=]/i, 'ip'],
  [/^(?:email|rfc822 name)[:=]/i, 'email'],
  [/^uri[:=]/i, 'uri'],
];

function guessType(value: string, fallback: SanType): SanType {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'uri';
  if (value.includes('@')) return 'email';
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(value) || (value.includes(':') && /^[0-9a-f:.]+$/i.test(value))) return 'ip';
  return fallback;
}

/**
 * A list pasted into one SAN field ("a.example, b.example" or openssl's "DNS:a, IP:10.0.0.5")
 * as one row per name; undefined when the text is a single value, which the field takes as typed.
 */
export function splitPastedSans(text: string, fallback: SanType): SanRow[] | undefined {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  return parts.map((part) => {
    const prefix = PREFIXES.find(([re]) => re.test(part));
    if (prefix) return { type: prefix[1], value: part.replace(prefix[0], '') };
    return { type: guessType(part, fallback), value: part };
  });
}
