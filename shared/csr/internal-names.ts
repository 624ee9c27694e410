import type { SanRow } from '../model/csr.js';
import { parseIpv4 } from '../pki/ip-address.js';

// CA/Browser Forum Baseline Requirements §4.2.2 / §7.1.2.7.12: no internal names or reserved IPs.
const INTERNAL_SUFFIXES = ['.local', '.localhost', '.internal', '.lan', '.corp', '.home', '.home.arpa', '.intranet', '.localdomain'];

/** True for names a public CA will refuse: single labels, internal suffixes, private and loopback IPs. */
export function isInternalName(row: SanRow): boolean {
  if (row.type === 'dns') {
    const name = row.value.replace(/^\*\./, '');
    return !name.includes('.') || name === 'localhost' || INTERNAL_SUFFIXES.some((s) => name.endsWith(s));
  }
  if (row.type !== 'ip') return false;
  const v4 = parseIpv4(row.value);
  if (!v4) return /^(::1|f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:)/.test(row.value);
  const a = v4[0]!;
  const b = v4[1]!;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}
