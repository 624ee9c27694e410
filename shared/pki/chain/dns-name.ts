const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Preferred name syntax (RFC 1034 §3.5 as relaxed by RFC 1123 §2.1, RFC 5280 §4.2.1.6): letters,
 * digits and inner hyphens, labels of 1–63 characters, at most 253 in all; no underscore, no empty
 * label. With `allowWildcard`, "*." may lead (a certificate's dNSName, not a host or constraint).
 */
export function isValidDnsName(name: string, allowWildcard: boolean): boolean {
  const body = allowWildcard && name.startsWith('*.') ? name.slice(2) : name;
  if (body.length === 0 || body.length > 253) return false;
  return body.split('.').every((label) => LABEL.test(label));
}
