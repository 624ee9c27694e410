import { CertbenchError } from '../../errors.js';
import { TAG, expectTlv, readTlv, type Tlv } from '../der-reader.js';
import { readExtensions, type RawExtension } from './cert-layout.js';

/** One revokedCertificates entry (RFC 5280 §5.1.2.6). */
export interface CrlEntry {
  /** The serial INTEGER's content octets, compared byte for byte with the certificate's. */
  readonly serial: Uint8Array;
  readonly revocationDate: Tlv;
  readonly extensions: readonly RawExtension[];
}

/** The fields of a CertificateList (RFC 5280 §5.1) revocation checking reads, as views. */
export interface CrlLayout {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly tbsSignatureAlgorithm: Uint8Array;
  readonly outerSignatureAlgorithm: Uint8Array;
  readonly issuer: Uint8Array;
  readonly thisUpdate: Tlv;
  readonly nextUpdate?: Tlv;
  readonly entries: readonly CrlEntry[];
  readonly extensions: readonly RawExtension[];
  readonly signature: Uint8Array;
}

const isTime = (t: Tlv) => t.tag === TAG.utcTime || t.tag === TAG.generalizedTime;

/** Splits a DER CRL into its fields; a structural fault is a `parse` CertbenchError. */
export function readCrlLayout(der: Uint8Array): CrlLayout {
  const list = expectTlv(der, 0, der.length, TAG.sequence, 'CertificateList');
  if (list.end !== der.length) throw new CertbenchError('parse', 'Trailing data after the CRL');
  const tbs = expectTlv(der, list.body, list.end, TAG.sequence, 'TBSCertList');
  const outerAlg = expectTlv(der, tbs.end, list.end, TAG.sequence, 'signatureAlgorithm');
  const sig = expectTlv(der, outerAlg.end, list.end, TAG.bitString, 'signatureValue');
  if (sig.end - sig.body < 1 || der[sig.body] !== 0) throw new CertbenchError('parse', 'CRL signature BIT STRING has unused bits');
  let t = readTlv(der, tbs.body, tbs.end);
  if (t.tag === TAG.integer) t = readTlv(der, t.end, tbs.end); // version (v2), optional
  if (t.tag !== TAG.sequence) throw new CertbenchError('parse', 'Expected the CRL signature algorithm');
  const tbsAlg = t;
  const issuer = expectTlv(der, tbsAlg.end, tbs.end, TAG.sequence, 'CRL issuer');
  const thisUpdate = readTlv(der, issuer.end, tbs.end);
  if (!isTime(thisUpdate)) throw new CertbenchError('parse', 'Expected thisUpdate');
  let p = thisUpdate.end;
  let nextUpdate: Tlv | undefined;
  const entries: CrlEntry[] = [];
  let extensions: RawExtension[] = [];
  while (p < tbs.end) {
    t = readTlv(der, p, tbs.end);
    if (isTime(t) && !nextUpdate && entries.length === 0) nextUpdate = t;
    // A loop, not a spread: a CRL may list 300,000 serials, more arguments than the stack holds.
    else if (t.tag === TAG.sequence) for (const entry of readEntries(der, t)) entries.push(entry);
    else if (t.tag === 0xa0) extensions = readExtensions(der, t);
    else throw new CertbenchError('parse', `Unexpected field (tag 0x${t.tag.toString(16)}) in TBSCertList`);
    p = t.end;
  }
  const view = (x: Tlv) => der.subarray(x.start, x.end);
  return {
    der,
    tbs: view(tbs),
    tbsSignatureAlgorithm: view(tbsAlg),
    outerSignatureAlgorithm: view(outerAlg),
    issuer: view(issuer),
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    entries,
    extensions,
    signature: der.subarray(sig.body + 1, sig.end),
  };
}

function readEntries(der: Uint8Array, list: Tlv): CrlEntry[] {
  const out: CrlEntry[] = [];
  for (let p = list.body; p < list.end; ) {
    const entry = expectTlv(der, p, list.end, TAG.sequence, 'revokedCertificate');
    const serial = expectTlv(der, entry.body, entry.end, TAG.integer, 'userCertificate');
    const revocationDate = readTlv(der, serial.end, entry.end);
    if (!isTime(revocationDate)) throw new CertbenchError('parse', 'Expected revocationDate');
    let extensions: RawExtension[] = [];
    if (revocationDate.end < entry.end) {
      const exts = expectTlv(der, revocationDate.end, entry.end, TAG.sequence, 'crlEntryExtensions');
      // Entry extensions are a bare SEQUENCE; wrap the reader's [n] EXPLICIT expectation.
      extensions = readExtensions(der, { tag: 0xa0, start: exts.start, body: exts.start, end: exts.end });
    }
    out.push({ serial: der.subarray(serial.body, serial.end), revocationDate, extensions });
    p = entry.end;
  }
  return out;
}
