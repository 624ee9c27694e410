import { readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { isPkcs7SignedData } from '../../../shared/pki/certificate-input.js';

/** What a DER blob is, told from its structure alone (file names lie; RFC 7292, 5652, 5280, 2986, 5958). */
export type DerKind = 'pkcs12' | 'pkcs7' | 'certificates' | 'csr' | 'private-key' | 'public-key' | 'unknown';

export function classifyDer(der: Uint8Array): DerKind {
  if (der[0] !== TAG.sequence) return 'unknown';
  if (isPkcs7SignedData(der)) return 'pkcs7';
  try {
    const outer = readTlv(der, 0, der.length);
    const first = readTlv(der, outer.body, outer.end);
    const second = first.end < outer.end ? readTlv(der, first.end, outer.end) : undefined;
    // PFX: version INTEGER 3 then the authSafe ContentInfo.
    if (first.tag === TAG.integer && first.end - first.body === 1 && der[first.body] === 3 && second?.tag === TAG.sequence) return 'pkcs12';
    if (first.tag === TAG.sequence && second?.tag === TAG.sequence) return outer.end < der.length ? 'certificates' : signedKind(der, first);
    if (first.tag === TAG.sequence && second?.tag === TAG.octetString) return 'private-key'; // EncryptedPrivateKeyInfo
    if (first.tag === TAG.sequence && second?.tag === TAG.bitString) return 'public-key';
    if (first.tag === TAG.integer && (second?.tag === TAG.sequence || second?.tag === TAG.integer || second?.tag === TAG.octetString)) return 'private-key';
  } catch {
    return 'unknown';
  }
  return 'unknown';
}

/** Certificate and CSR are both SIGNED{…}: a CertificationRequestInfo starts with INTEGER then a Name SEQUENCE then an SPKI. */
function signedKind(der: Uint8Array, info: { body: number; end: number }): DerKind {
  const a = readTlv(der, info.body, info.end);
  const b = readTlv(der, a.end, info.end);
  const c = b.end < info.end ? readTlv(der, b.end, info.end) : undefined;
  if (a.tag === TAG.integer && b.tag === TAG.sequence && c?.tag === TAG.sequence && c.end < info.end && readTlv(der, c.end, info.end).tag === 0xa0) return 'csr';
  return 'certificates';
}
