import type { CertificateSummary } from '../../../../shared/model/certificate-summary.js';
import { inspectionVendor } from './inspection-vendors.js';

const PRIVATE_TLDS = new Set(['local', 'lan', 'internal', 'intranet', 'corp', 'home', 'arpa', 'test', 'example', 'invalid', 'localhost', 'private']);
const FRESH_MS = 7 * 86_400_000;
/** The product name used when only the freshly-minted sign is present. */
export const UNIDENTIFIED = 'an unidentified inspection proxy';

/** A DNS name that the public web PKI could issue for (not an IP, not a private or reserved TLD). */
export function isPublicHostname(name: string | undefined): boolean {
  if (!name || /^[\d.]+$/.test(name) || name.includes(':') || !name.includes('.')) return false;
  return !PRIVATE_TLDS.has(name.toLowerCase().replace(/\.$/, '').split('.').pop()!);
}

export interface InspectionInput {
  readonly hostname?: string;
  readonly at: Date;
  readonly fromServer: boolean;
  readonly leaf: CertificateSummary;
  /** The last certificate of the best path (the root, or the highest one reached). */
  readonly top: CertificateSummary;
}

/**
 * The sign that a chain was re-signed by a TLS-inspection proxy (docs/pki-facts.md): a known product's
 * name on the top of the chain, or, for a public host fetched live, a leaf minted in the last
 * days under a root that is not public (proxies mint leaves on the fly). Returns the product, or
 * a neutral name when only the second sign is present; the caller checks "not a public root".
 */
export function inspectionSign(input: InspectionInput): string | undefined {
  const vendor = inspectionVendor(input.top.subject) ?? inspectionVendor(input.top.issuer);
  if (vendor) return vendor;
  const fresh = input.at.getTime() - new Date(input.leaf.notBefore).getTime() <= FRESH_MS;
  return input.fromServer && fresh && !input.leaf.selfSigned && isPublicHostname(input.hostname) ? UNIDENTIFIED : undefined;
}
