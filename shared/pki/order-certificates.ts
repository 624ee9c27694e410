import { bytesEqual } from './bytes.js';
import type { CertScan } from './cert-scan.js';

/** True when `issuer` plausibly issued `child`: names match exactly and key identifiers do not disagree (RFC 5280 §4.2.1.1). */
function issued(issuer: CertScan, child: CertScan): boolean {
  if (!bytesEqual(issuer.subjectDer, child.issuerDer)) return false;
  return child.aki === undefined || issuer.ski === undefined || child.aki === issuer.ski;
}

/**
 * Orders certificates leaf → intermediates → root (RFC 8446 §4.4.2 order) by walking issuer links
 * from the certificate nobody else issued; duplicates (same SHA-256) are dropped. Certificates not on
 * that path follow in their original order, so nothing is lost.
 */
export function orderCertificates(scans: readonly CertScan[]): CertScan[] {
  const unique = scans.filter((s, i) => scans.findIndex((o) => o.sha256 === s.sha256) === i);
  const isIssuerOfOther = (c: CertScan) => unique.some((o) => o !== c && !o.selfIssued && issued(c, o));
  const leaf = unique.find((c) => !isIssuerOfOther(c) && !c.isCA) ?? unique.find((c) => !isIssuerOfOther(c)) ?? unique[0];
  const path: CertScan[] = [];
  for (let current = leaf; current && !path.includes(current); ) {
    path.push(current);
    if (current.selfIssued) break;
    const parent: CertScan | undefined = unique.find((c) => !path.includes(c) && issued(c, current!));
    current = parent;
  }
  return [...path, ...unique.filter((c) => !path.includes(c))];
}
