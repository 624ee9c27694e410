import { CertbenchError } from '../errors.js';
import { bytesEqual, fromBase64, utf8Text, toHex } from './bytes.js';
import { decodeOid, expectTlv, readTlv, TAG } from './der-reader.js';
import { scanExtensions, type ScannedExtensions } from './cert-scan-extensions.js';
import { decodeDerTime } from './der-time.js';
import { sha256Hex } from './hash.js';
import { findPemBlocks, looksLikePem } from './pem.js';
import { fastPemBlocks } from './pem-fast.js';
import { certificatesFromPkcs7, isPkcs7SignedData } from './pkcs7-certificates.js';
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

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);

/**
 * Every certificate in a PEM bundle (text around blocks, BOM and CRLF tolerated), in concatenated
 * DER, in a PKCS#7 ".p7b" (PEM or DER) or in unarmoured base64, scanned in file order. Other PEM
 * blocks (keys, CSRs) are ignored. Errors: `empty-input`, `bad-base64`, `unrecognized-format`
 * (no certificate found), and the `parse`/`truncated` of the first bad certificate.
 */
export function scanPemOrDerBundle(bytes: Uint8Array): CertScan[] {
  return certificateDers(bytes).map(scanCertificate);
}

/** The DER of every certificate found in `bytes` (see scanPemOrDerBundle), not yet checked. */
export function certificateDers(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length === 0) throw new CertbenchError('empty-input', 'The input is empty');
  if (bytes[0] === TAG.sequence) return dersFromBinary(bytes);
  const text = utf8Text(bytes);
  if (looksLikePem(text)) return firstTlvs(fastPemBlocks(bytes, text, FAST_LABELS)) ?? dersFromPem(text);
  const compact = text.replace(/\s/g, '');
  if (compact.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    let der: Uint8Array;
    try {
      der = fromBase64(compact);
    } catch (err) {
      throw new CertbenchError('bad-base64', `The input is not valid base64: ${(err as Error).message}`, { cause: err });
    }
    if (der[0] === TAG.sequence) return dersFromBinary(der);
  }
  throw new CertbenchError('unrecognized-format', 'No certificate found: the input is neither PEM, DER, PKCS#7 nor base64');
}

/** Blocks labelled so hold nothing but a certificate (TRUSTED CERTIFICATE is left to the general path). */
const FAST_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);

function firstTlvs(ders: Uint8Array[] | undefined): Uint8Array[] | undefined {
  return ders?.map((der) => der.subarray(0, readTlv(der, 0, der.length).end));
}

function dersFromPem(text: string): Uint8Array[] {
  let blocks;
  try {
    blocks = findPemBlocks(text);
  } catch (err) {
    throw new CertbenchError('bad-base64', (err as Error).message, { cause: err });
  }
  const out: Uint8Array[] = [];
  for (const block of blocks) {
    if (CERT_LABELS.has(block.label)) {
      // OpenSSL's TRUSTED CERTIFICATE appends its trust settings after the certificate TLV.
      const tlv = readTlv(block.der, 0, block.der.length);
      out.push(block.der.subarray(0, tlv.end));
    } else if (PKCS7_LABELS.has(block.label)) {
      out.push(...certificatesFromPkcs7(block.der));
    }
  }
  if (out.length === 0) throw new CertbenchError('unrecognized-format', 'The PEM text holds no certificate');
  return out;
}

function dersFromBinary(bytes: Uint8Array): Uint8Array[] {
  if (isPkcs7SignedData(bytes)) return certificatesFromPkcs7(bytes);
  const out: Uint8Array[] = [];
  for (let p = 0; p < bytes.length; ) {
    const tlv = expectTlv(bytes, p, bytes.length, TAG.sequence, 'Certificate SEQUENCE');
    out.push(bytes.subarray(tlv.start, tlv.end));
    p = tlv.end;
  }
  return out;
}
