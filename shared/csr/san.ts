import type { SanType } from '../model/csr-constants.js';
import type { SanRow } from '../model/csr.js';
import { checkDnsName } from './dns-name.js';
import { formatIp, parseIp } from '../pki/ip-address.js';

/** One SAN row after validation: the value to encode, or why it cannot be. */
export type SanCheck =
  | { readonly ok: true; readonly row: SanRow; readonly note?: string }
  | { readonly ok: false; readonly message: string };

/** Validates and normalises one SAN row; the renderer's live preview and main call this same code. */
export function checkSan(type: SanType, raw: string): SanCheck {
  const value = raw.trim();
  switch (type) {
    case 'dns': {
      const r = checkDnsName(value);
      if (!r.ok) return r;
      return r.unicode ? { ok: true, row: { type, value: r.value }, note: `${r.unicode} → ${r.value}` } : { ok: true, row: { type, value: r.value } };
    }
    case 'ip':
      return checkIp(value);
    case 'email':
      return checkEmail(value);
    case 'uri':
      return checkUri(value);
  }
}

function checkIp(value: string): SanCheck {
  const bytes = parseIp(value);
  if (bytes) return { ok: true, row: { type: 'ip', value: formatIp(bytes) } };
  return { ok: false, message: 'Not an IPv4 (10.0.0.5) or IPv6 (2001:db8::1) address' };
}

/** rfc822Name is an IA5String (RFC 5280 §4.2.1.6): an ASCII local part and a host name. */
function checkEmail(value: string): SanCheck {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { ok: false, message: 'An email address looks like name@example.com' };
  const local = value.slice(0, at);
  if (local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, message: 'The part before @ may hold only ASCII letters, digits and . _ + - (no spaces)' };
  }
  const host = checkDnsName(value.slice(at + 1));
  if (!host.ok) return { ok: false, message: `Domain: ${host.message}` };
  if (host.wildcard) return { ok: false, message: 'An email domain cannot be a wildcard' };
  return { ok: true, row: { type: 'email', value: `${local}@${host.value}` } };
}

/** RFC 5280 §4.2.1.6: an absolute URI (scheme and scheme-specific part), IA5 characters only. */
function checkUri(value: string): SanCheck {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:./.test(value)) return { ok: false, message: 'A URI needs a scheme, as in https://example.com/ or spiffe://…' };
  if (!/^[\x21-\x7e]+$/.test(value)) return { ok: false, message: 'A URI may hold only ASCII characters without spaces (percent-encode the rest)' };
  return { ok: true, row: { type: 'uri', value } };
}
