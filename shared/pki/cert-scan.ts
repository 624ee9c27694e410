import { CertbenchError } from '../errors.js';
import { bytesEqual, toHex } from './bytes.js';
import { certificateDers } from './certificate-input.js';
import { decodeOid, expectTlv, readTlv, TAG } from './der-reader.js';
import { scanExtensions, type ScannedExtensions } from './cert-scan-extensions.js';
import { decodeDerTime } from './der-time.js';
import { sha256Hex } from './hash.js';
import { crlNotCertificate, looksLikeCrl } from './crl-shape.js';

/**
 * The cheap first pass over a certificate: the fields a list, a chain index and a trust-store
 * index need, read straight from the DER (RFC 5280 §4.1) without building an object model.
 * Byte fields are views into the input, not copies.
 */
export interface CertScan {
  readonly der: Uint8Array;
  /** SHA-256 of `der`, lowercase hex. */
  readonly sha256: string;
  /** The serial INTEGER's content octets in lowercase hex, as encoded (two's complement, a leading 00 kept). */
  readonly serialHex: string;
  /** The subject Name TLV exactly as encoded: an exact-match index key. */
  readonly subjectDer: Uint8Array;
  /** The issuer Name TLV exactly as encoded. */
  readonly issuerDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The SubjectPublicKeyInfo TLV. */
  readonly spkiDer: Uint8Array;
  /** subjectKeyIdentifier (RFC 5280 §4.2.1.2), lowercase hex. */
  readonly ski?: string;
  /** authorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1), lowercase hex. */
  readonly aki?: string;
  /** basicConstraints cA (RFC 5280 §4.2.1.9); undefined when the extension is absent. */
  readonly isCA?: boolean;
  /** pathLenConstraint as encoded; negative in some malformed certificates, left for the validator to reject. */
  readonly pathLen?: number;
  /** Subject and issuer encodings are byte-identical (RFC 5280 §6.1 "self-issued", exact-match form). */
  readonly selfIssued: boolean;
  /** The TBSCertificate TLV: what the signature covers. */
  readonly tbsDer: Uint8Array;
  readonly signatureAlgorithmOid: string;
  /** The signatureValue BIT STRING's bits (the unused-bits octet stripped). */
  readonly signature: Uint8Array;
}

/**
 * Scans one DER certificate. Throws CertbenchError `truncated` when the data stops early and
 * `parse` for anything else malformed; never any other error.
 */
export function scanCertificate(der: Uint8Array): CertScan {
  try {
    return scan(der);
  } catch (err) {
    if (looksLikeCrl(der)) throw new CertbenchError('unsupported', crlNotCertificate(), { cause: err });
    if (err instanceof CertbenchError) throw err;
    throw new CertbenchError('parse', `Not a valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
}

function scan(der: Uint8Array): CertScan {
  const cert = expectTlv(der, 0, der.length, TAG.sequence, 'Certificate SEQUENCE');
  if (cert.end !== der.length) throw new CertbenchError('parse', `${der.length - cert.end} bytes follow the certificate`);
  const tbs = expectTlv(der, cert.body, cert.end, TAG.sequence, 'TBSCertificate');
  const sigAlg = expectTlv(der, tbs.end, cert.end, TAG.sequence, 'signatureAlgorithm');
  const sigAlgOid = expectTlv(der, sigAlg.body, sigAlg.end, TAG.oid, 'signature algorithm OID');
  const sigValue = expectTlv(der, sigAlg.end, cert.end, TAG.bitString, 'signatureValue');
  if (sigValue.end === sigValue.body) throw new CertbenchError('parse', 'signatureValue BIT STRING is empty');

  let p = tbs.body;
  let field = readTlv(der, p, tbs.end);
  if (field.tag === 0xa0) field = readTlv(der, field.end, tbs.end); // [0] EXPLICIT version; absent = v1
  if (field.tag !== TAG.integer) throw new CertbenchError('parse', 'Expected the serialNumber INTEGER');
  const serial = field;
  const innerSig = expectTlv(der, serial.end, tbs.end, TAG.sequence, 'TBSCertificate signature');
  const issuer = expectTlv(der, innerSig.end, tbs.end, TAG.sequence, 'issuer Name');
  const validity = expectTlv(der, issuer.end, tbs.end, TAG.sequence, 'validity');
  const subject = expectTlv(der, validity.end, tbs.end, TAG.sequence, 'subject Name');
  const spki = expectTlv(der, subject.end, tbs.end, TAG.sequence, 'subjectPublicKeyInfo');
  const notBeforeTlv = readTlv(der, validity.body, validity.end);
  const notBefore = decodeDerTime(der, notBeforeTlv);
  const notAfter = decodeDerTime(der, readTlv(der, notBeforeTlv.end, validity.end));

  let exts: ScannedExtensions = {};
  for (p = spki.end; p < tbs.end; ) {
    const opt = readTlv(der, p, tbs.end);
    if (opt.tag === 0xa3) exts = scanExtensions(der, opt);
    p = opt.end;
  }

  const subjectDer = der.subarray(subject.start, subject.end);
  const issuerDer = der.subarray(issuer.start, issuer.end);
  return {
    der,
    sha256: sha256Hex(der),
    serialHex: toHex(der.subarray(serial.body, serial.end)),
    subjectDer,
    issuerDer,
    notBefore,
    notAfter,
    spkiDer: der.subarray(spki.start, spki.end),
    ...exts,
    selfIssued: bytesEqual(subjectDer, issuerDer),
    tbsDer: der.subarray(tbs.start, tbs.end),
    signatureAlgorithmOid: decodeOid(der, sigAlgOid),
    signature: der.subarray(sigValue.body + 1, sigValue.end),
  };
}

/**
 * Every certificate of a PEM bundle, DER, PKCS#7 or base64 input (see certificate-input.ts),
 * scanned in file order. Throws the reader's errors, then the `parse`/`truncated` of the first
 * certificate whose fields do not scan.
 */
export function scanPemOrDerBundle(bytes: Uint8Array): CertScan[] {
  return certificateDers(bytes).map(scanCertificate);
}
