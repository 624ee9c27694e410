import { sha256Hex } from '../../../shared/pki/hash.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { BasicConstraintsExtension, type X509Certificate } from '../../../shared/pki/x509.js';

export interface PooledCertificate {
  readonly der: Uint8Array;
  readonly cert: X509Certificate;
  readonly sha256: string;
}

export const pooled = (der: Uint8Array): PooledCertificate => ({ der, cert: parseCertificate(der), sha256: sha256Hex(der) });

/** Distinct certificates by fingerprint, first occurrence kept. */
export function dedupe(certs: readonly PooledCertificate[]): PooledCertificate[] {
  const seen = new Set<string>();
  return certs.filter((c) => !seen.has(c.sha256) && seen.add(c.sha256));
}

const isCa = (c: PooledCertificate) => c.cert.getExtension(BasicConstraintsExtension)?.ca === true;
const selfIssued = (c: PooledCertificate) => c.cert.subject === c.cert.issuer;

/** True when `issuer` signed `child` (names chain and the signature verifies, RFC 5280 §6.1.3). */
async function issued(issuer: PooledCertificate, child: PooledCertificate): Promise<boolean> {
  if (issuer.cert.subject !== child.cert.issuer) return false;
  try {
    return await child.cert.verify({ publicKey: issuer.cert.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

/** The leaf: the certificate matching the key if one is given, else the first non-CA certificate. */
export function pickLeaf(pool: readonly PooledCertificate[], matches?: (c: PooledCertificate) => boolean): PooledCertificate | undefined {
  return (matches ? pool.find(matches) : undefined) ?? pool.find((c) => !isCa(c)) ?? pool[0];
}

/**
 * The path from the leaf up through the pool: leaf, intermediates in order, and the root when the
 * pool holds it (RFC 5246 §7.4.2 order: each certificate certifies the one before it).
 */
export async function orderChain(leaf: PooledCertificate, pool: readonly PooledCertificate[]): Promise<{ path: PooledCertificate[]; root?: PooledCertificate }> {
  const path = [leaf];
  let current = leaf;
  while (!selfIssued(current) && path.length < 10) {
    let next: PooledCertificate | undefined;
    for (const c of pool) {
      if (!path.includes(c) && (await issued(c, current))) {
        next = c;
        break;
      }
    }
    if (!next) return { path };
    if (selfIssued(next)) return { path, root: next };
    path.push(next);
    current = next;
  }
  return { path };
}
