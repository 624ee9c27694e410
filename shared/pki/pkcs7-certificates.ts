import { CertbenchError } from '../errors.js';
import { expectTlv, oidEquals, readTlv, TAG } from './der-reader.js';

const OID_SIGNED_DATA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

/** True when `der` starts like a CMS ContentInfo of type signedData (RFC 5652 §3, §5.1). */
export function isPkcs7SignedData(der: Uint8Array): boolean {
  try {
    const info = readTlv(der, 0, der.length);
    if (info.tag !== TAG.sequence) return false;
    const type = readTlv(der, info.body, info.end);
    return type.tag === TAG.oid && oidEquals(der, type, OID_SIGNED_DATA);
  } catch {
    return false;
  }
}

/**
 * The certificates of a PKCS#7/CMS SignedData (a ".p7b"), in file order, as views into `der`.
 * Other CertificateChoices (attribute certificates, RFC 5652 §10.2.2) are skipped. Throws
 * `parse`/`truncated` when the structure is malformed.
 */
export function certificatesFromPkcs7(der: Uint8Array): Uint8Array[] {
  const info = expectTlv(der, 0, der.length, TAG.sequence, 'ContentInfo');
  const type = expectTlv(der, info.body, info.end, TAG.oid, 'contentType');
  if (!oidEquals(der, type, OID_SIGNED_DATA)) throw new CertbenchError('parse', 'PKCS#7 content is not signedData');
  const content = expectTlv(der, type.end, info.end, 0xa0, 'content [0]');
  const signed = expectTlv(der, content.body, content.end, TAG.sequence, 'SignedData');
  const version = expectTlv(der, signed.body, signed.end, TAG.integer, 'SignedData version');
  const digests = expectTlv(der, version.end, signed.end, TAG.set, 'digestAlgorithms');
  const encap = expectTlv(der, digests.end, signed.end, TAG.sequence, 'encapContentInfo');
  if (encap.end >= signed.end) return [];
  const certs = readTlv(der, encap.end, signed.end);
  if (certs.tag !== 0xa0) return [];
  const out: Uint8Array[] = [];
  for (let p = certs.body; p < certs.end; ) {
    const item = readTlv(der, p, certs.end);
    if (item.tag === TAG.sequence) out.push(der.subarray(item.start, item.end));
    p = item.end;
  }
  return out;
}
