import { toHex } from '../../../shared/pki/bytes.js';
import { expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { decodeDerTime } from '../../../shared/pki/der-time.js';

/** The TBSCertificate fields a keystore list row shows (RFC 5280 §4.1), as views into the DER. */
export interface CertListFields {
  readonly serialHex: string;
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Reads only what a list needs, skipping extensions and signature: a 144-entry cacerts is listed
 * in a few milliseconds, which matters because the CLI's whole run is benchmarked against keytool.
 */
export function certListFields(der: Uint8Array): CertListFields {
  const cert = expectTlv(der, 0, der.length, TAG.sequence, 'Certificate SEQUENCE');
  const tbs = expectTlv(der, cert.body, cert.end, TAG.sequence, 'TBSCertificate');
  let field = readTlv(der, tbs.body, tbs.end);
  if (field.tag === 0xa0) field = readTlv(der, field.end, tbs.end);
  if (field.tag !== TAG.integer) expectTlv(der, field.start, tbs.end, TAG.integer, 'serialNumber');
  const innerSig = expectTlv(der, field.end, tbs.end, TAG.sequence, 'TBSCertificate signature');
  const issuer = expectTlv(der, innerSig.end, tbs.end, TAG.sequence, 'issuer Name');
  const validity = expectTlv(der, issuer.end, tbs.end, TAG.sequence, 'validity');
  const subject = expectTlv(der, validity.end, tbs.end, TAG.sequence, 'subject Name');
  const notBefore = readTlv(der, validity.body, validity.end);
  return {
    serialHex: toHex(der.subarray(field.body, field.end)),
    issuerDer: der.subarray(issuer.start, issuer.end),
    subjectDer: der.subarray(subject.start, subject.end),
    notBefore: decodeDerTime(der, notBefore),
    notAfter: decodeDerTime(der, readTlv(der, notBefore.end, validity.end)),
  };
}
