import { CertbenchError } from '../../errors.js';
import { TAG, decodeOid, expectTlv, readTlv, type Tlv } from '../der-reader.js';

/** One extension as it sits in the TBSCertificate (RFC 5280 §4.1.2.9), value still encoded. */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING's contents: the DER of the extension's own structure. */
  readonly value: Uint8Array;
}

/**
 * The fields of a certificate that path validation reads, as views into the DER (RFC 5280 §4.1).
 * Locating them costs a handful of TLV reads, so thousands of candidates can be indexed cheaply;
 * the extension values are decoded later, only for certificates that end up on a path.
 */
export interface CertLayout {
  readonly tbs: Uint8Array;
  /** 1, 2 or 3 (the DER value plus one). */
  readonly version: number;
  readonly serial: Uint8Array;
  /** AlgorithmIdentifier inside the TBS (§4.1.2.3) — must equal `outerSignatureAlgorithm`. */
  readonly tbsSignatureAlgorithm: Uint8Array;
  readonly outerSignatureAlgorithm: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: Tlv;
  readonly notAfter: Tlv;
  readonly spki: Uint8Array;
  readonly extensions: readonly RawExtension[];
  /** The signature BIT STRING contents without the unused-bits octet. */
  readonly signature: Uint8Array;
  readonly der: Uint8Array;
}

const view = (buf: Uint8Array, t: Tlv): Uint8Array => buf.subarray(t.start, t.end);

/**
 * Only the subject Name (a view): the one field an issuer index needs, found with six TLV reads and
 * no hashing, so indexing 10,000 candidates costs milliseconds. Throws like readCertLayout.
 */
export function readSubject(der: Uint8Array): Uint8Array {
  const cert = expectTlv(der, 0, der.length, TAG.sequence, 'Certificate');
  const tbs = expectTlv(der, cert.body, cert.end, TAG.sequence, 'TBSCertificate');
  let t = readTlv(der, tbs.body, tbs.end);
  if (t.tag === 0xa0) t = readTlv(der, t.end, tbs.end);
  const alg = readTlv(der, t.end, tbs.end);
  const issuer = readTlv(der, alg.end, tbs.end);
  const validity = readTlv(der, issuer.end, tbs.end);
  const subject = expectTlv(der, validity.end, tbs.end, TAG.sequence, 'subject');
  return view(der, subject);
}

/** Splits a DER certificate into its fields; a structural fault is a `parse` CertbenchError. */
export function readCertLayout(der: Uint8Array): CertLayout {
  const cert = expectTlv(der, 0, der.length, TAG.sequence, 'Certificate');
  if (cert.end !== der.length) throw new CertbenchError('parse', 'Trailing data after the certificate');
  const tbs = expectTlv(der, cert.body, cert.end, TAG.sequence, 'TBSCertificate');
  const outerAlg = expectTlv(der, tbs.end, cert.end, TAG.sequence, 'signatureAlgorithm');
  const sig = expectTlv(der, outerAlg.end, cert.end, TAG.bitString, 'signatureValue');
  if (sig.end !== cert.end) throw new CertbenchError('parse', 'Extra fields after the signature');
  if (sig.end - sig.body < 1 || der[sig.body] !== 0) throw new CertbenchError('parse', 'Signature BIT STRING has unused bits');

  let p = tbs.body;
  let version = 1;
  let t = readTlv(der, p, tbs.end);
  if (t.tag === 0xa0) {
    const v = expectTlv(der, t.body, t.end, TAG.integer, 'version');
    if (v.end - v.body !== 1 || v.end !== t.end) throw new CertbenchError('parse', 'Malformed version field');
    version = der[v.body]! + 1;
    p = t.end;
  }
  const serial = expectTlv(der, p, tbs.end, TAG.integer, 'serialNumber');
  const tbsAlg = expectTlv(der, serial.end, tbs.end, TAG.sequence, 'signature');
  const issuer = expectTlv(der, tbsAlg.end, tbs.end, TAG.sequence, 'issuer');
  const validity = expectTlv(der, issuer.end, tbs.end, TAG.sequence, 'validity');
  const notBefore = readTlv(der, validity.body, validity.end);
  const notAfter = readTlv(der, notBefore.end, validity.end);
  const subject = expectTlv(der, validity.end, tbs.end, TAG.sequence, 'subject');
  const spki = expectTlv(der, subject.end, tbs.end, TAG.sequence, 'subjectPublicKeyInfo');
  const extensions: RawExtension[] = [];
  p = spki.end;
  while (p < tbs.end) {
    t = readTlv(der, p, tbs.end);
    // [1] issuerUniqueID and [2] subjectUniqueID (§4.1.2.8) carry nothing validation uses.
    // A loop, not a spread: an input-sized list spread into push() overflows the stack.
    if (t.tag === 0xa3) for (const extension of readExtensions(der, t)) extensions.push(extension);
    else if (t.tag !== 0x81 && t.tag !== 0xa1 && t.tag !== 0x82 && t.tag !== 0xa2) {
      throw new CertbenchError('parse', `Unexpected field (tag 0x${t.tag.toString(16)}) in TBSCertificate`);
    }
    p = t.end;
  }
  return {
    tbs: view(der, tbs),
    version,
    serial: der.subarray(serial.body, serial.end),
    tbsSignatureAlgorithm: view(der, tbsAlg),
    outerSignatureAlgorithm: view(der, outerAlg),
    issuer: view(der, issuer),
    subject: view(der, subject),
    notBefore,
    notAfter,
    spki: view(der, spki),
    extensions,
    signature: der.subarray(sig.body + 1, sig.end),
    der,
  };
}

/** Reads `[n] EXPLICIT Extensions` (RFC 5280 §4.1, §5.1): every extension, value still encoded. */
export function readExtensions(der: Uint8Array, wrapper: Tlv): RawExtension[] {
  const list = expectTlv(der, wrapper.body, wrapper.end, TAG.sequence, 'Extensions');
  const out: RawExtension[] = [];
  for (let p = list.body; p < list.end; ) {
    const ext = expectTlv(der, p, list.end, TAG.sequence, 'Extension');
    const oidTlv = expectTlv(der, ext.body, ext.end, TAG.oid, 'extnID');
    let q = oidTlv.end;
    let critical = false;
    let next = readTlv(der, q, ext.end);
    if (next.tag === TAG.boolean) {
      if (next.end - next.body !== 1) throw new CertbenchError('parse', 'Malformed critical flag');
      critical = der[next.body] !== 0;
      q = next.end;
      next = readTlv(der, q, ext.end);
    }
    if (next.tag !== TAG.octetString || next.end !== ext.end) throw new CertbenchError('parse', 'Malformed extnValue');
    out.push({ oid: decodeOid(der, oidTlv), critical, value: der.subarray(next.body, next.end) });
    p = ext.end;
  }
  return out;
}
