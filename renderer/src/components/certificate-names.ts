import type { SanEntry } from '../../../shared/model/certificate-summary.js';

/** The CN of a display-form DN ("CN=…, O=…", commas inside values escaped), or undefined. */
function commonName(dn: string): string | undefined {
  const match = /(?:^|,\s*)CN=((?:\\.|[^,\\])+)/.exec(dn);
  return match ? match[1]!.replace(/\\(.)/g, '$1').trim() : undefined;
}

/** "Issued to" as certificate managers show it: the CN, else the first SAN, else the whole subject. */
export function issuedTo(subject: string, sans: readonly SanEntry[] = []): string {
  return commonName(subject) ?? sans[0]?.value ?? (subject || '(empty subject)');
}

/** "Issued by": the issuer's CN, else its whole name. */
export function issuedBy(issuer: string): string {
  return commonName(issuer) ?? (issuer || '(empty issuer)');
}

/** The date part of an ISO timestamp, the form a sortable Expires column shows. */
export const dateOnly = (iso: string): string => iso.slice(0, 10);
