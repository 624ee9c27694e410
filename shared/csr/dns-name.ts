import punycode from 'punycode/punycode.js';

/** A DNS name checked and converted to the A-label form a dNSName SAN must carry (RFC 5280 §4.2.1.6). */
export type DnsNameResult =
  | { readonly ok: true; readonly value: string; readonly unicode?: string; readonly wildcard: boolean }
  | { readonly ok: false; readonly message: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Validates a host name, allowing one leading `*.` wildcard label (RFC 6125 §6.4.3) and converting
 * internationalised labels to punycode (RFC 5891 §4.4 via RFC 3492). Normalisation is NFC plus
 * lowercase, the part of UTS #46 mapping that matters for names people type.
 */
export function checkDnsName(input: string): DnsNameResult {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '') return { ok: false, message: 'Enter a host name' };
  if (/\s/.test(trimmed)) return { ok: false, message: 'A host name cannot contain spaces' };
  const unicode = trimmed.normalize('NFC').toLowerCase();
  let ascii: string;
  try {
    ascii = punycode.toASCII(unicode);
  } catch {
    return { ok: false, message: 'This internationalised name cannot be converted to punycode' };
  }
  const labels = ascii.split('.');
  const wildcard = labels[0] === '*';
  if (labels.slice(wildcard ? 1 : 0).some((l) => l.includes('*'))) {
    return { ok: false, message: 'A wildcard must be the whole leftmost label, as in *.example.com' };
  }
  const rest = wildcard ? labels.slice(1) : labels;
  if (wildcard && rest.length < 2) return { ok: false, message: 'A wildcard needs at least two labels after it (*.example.com)' };
  if (ascii.length > 253) return { ok: false, message: 'A host name is at most 253 characters' };
  for (const label of rest) {
    if (label === '') return { ok: false, message: 'Empty label (two dots in a row)' };
    if (label.length > 63) return { ok: false, message: `Label "${label.slice(0, 20)}…" is longer than 63 characters` };
    if (!LABEL.test(label)) {
      return { ok: false, message: `Label "${label}" may hold only letters, digits and inner hyphens` };
    }
  }
  if (/^[0-9]+$/.test(rest[rest.length - 1]!)) return { ok: false, message: 'This looks like an IP address: use an IP row' };
  return ascii === unicode ? { ok: true, value: ascii, wildcard } : { ok: true, value: ascii, unicode, wildcard };
}
