import { derExplicit, derInteger, derOid, derSequence, derSet, derTlv } from './der-writer.js';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_DATA = '1.2.840.113549.1.7.1';

/**
 * A certificates-only PKCS#7 ".p7b" (RFC 5652 §5.1 with no signers, the "degenerate" form
 * `openssl crl2pkcs7 -nocrl` and Windows write): certificates in the given order.
 */
export function buildPkcs7(certificates: readonly Uint8Array[]): Uint8Array {
  const signedData = derSequence(
    derInteger(1),
    derSet(),
    derSequence(derOid(OID_DATA)),
    derTlv(0xa0, ...certificates),
    derSet(),
  );
  return derSequence(derOid(OID_SIGNED_DATA), derExplicit(0, signedData));
}
