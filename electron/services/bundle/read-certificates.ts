import { CertbenchError } from '../../../shared/errors.js';
import { findPemBlocks, looksLikePem } from '../../../shared/pki/pem.js';
import { certificatesFromPkcs7, isPkcs7SignedData } from '../../../shared/pki/pkcs7-certificates.js';

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);

/**
 * Every certificate in what a CA sends back: PEM (one or a bundle, also `-----BEGIN PKCS7-----`),
 * a DER certificate, or a DER .p7b (RFC 2315 / RFC 5652 certs-only SignedData).
 */
export function readCertificates(name: string, bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (looksLikePem(text)) {
    let blocks;
    try {
      blocks = findPemBlocks(text);
    } catch (err) {
      throw new CertbenchError('bad-base64', `${name}: ${(err as Error).message}`, { cause: err });
    }
    const out = blocks.flatMap((b) => (CERT_LABELS.has(b.label) ? [b.der] : PKCS7_LABELS.has(b.label) ? certificatesFromPkcs7(b.der) : []));
    if (out.length === 0) throw new CertbenchError('unrecognized-format', `${name} holds no certificate`);
    return out;
  }
  if (isPkcs7SignedData(bytes)) {
    const certs = certificatesFromPkcs7(bytes);
    if (certs.length === 0) throw new CertbenchError('unrecognized-format', `${name} is a PKCS#7 file without certificates`);
    return certs;
  }
  if (bytes[0] === 0x30) return [bytes];
  throw new CertbenchError('unrecognized-format', `${name} is not a certificate (PEM, DER or PKCS#7)`);
}
