import { readTlv, TAG } from './der-reader.js';

/**
 * Whether DER bytes have the shape of a CRL (RFC 5280 §5.1): CertificateList is SIGNED{TBSCertList}
 * whose body is [version INTEGER] AlgorithmIdentifier, issuer Name, thisUpdate Time — where a
 * certificate has a serial number and a validity SEQUENCE. Used to name what a file is when it is
 * not the certificate a command wanted.
 */
export function looksLikeCrl(der: Uint8Array): boolean {
  try {
    const outer = readTlv(der, 0, der.length);
    if (outer.tag !== TAG.sequence) return false;
    const tbs = readTlv(der, outer.body, outer.end);
    if (tbs.tag !== TAG.sequence) return false;
    let field = readTlv(der, tbs.body, tbs.end);
    if (field.tag === TAG.integer) field = readTlv(der, field.end, tbs.end);
    if (field.tag !== TAG.sequence) return false;
    const issuer = readTlv(der, field.end, tbs.end);
    if (issuer.tag !== TAG.sequence) return false;
    const thisUpdate = readTlv(der, issuer.end, tbs.end);
    return thisUpdate.tag === TAG.utcTime || thisUpdate.tag === TAG.generalizedTime;
  } catch {
    return false;
  }
}

/** The sentence for a CRL given where a certificate was expected; `name` is the file when known. */
export function crlNotCertificate(name = 'This'): string {
  return `${name} is a CRL (certificate revocation list), not a certificate`;
}
