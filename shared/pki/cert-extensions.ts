import { decodeOid, expectTlv, readTlv, TAG } from './der-reader.js';

/** One Extension of a TBSCertificate (RFC 5280 §4.1.2.9), its value still encoded. */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING's content: the DER of the extension's own structure. */
  readonly value: Uint8Array;
}

/** The extensions of a TBSCertificate TLV, in encoding order (duplicates kept: odd certificates have them). */
export function listExtensions(tbs: Uint8Array): RawExtension[] {
  const seq = expectTlv(tbs, 0, tbs.length, TAG.sequence, 'TBSCertificate');
  let p = seq.body;
  let field = readTlv(tbs, p, seq.end);
  if (field.tag === 0xa0) field = readTlv(tbs, field.end, seq.end);
  // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  for (let i = 0; i < 5; i++) field = readTlv(tbs, field.end, seq.end);
  for (p = field.end; p < seq.end; ) {
    const opt = readTlv(tbs, p, seq.end);
    p = opt.end;
    if (opt.tag !== 0xa3) continue;
    const list = expectTlv(tbs, opt.body, opt.end, TAG.sequence, 'Extensions');
    const out: RawExtension[] = [];
    for (let q = list.body; q < list.end; ) {
      const ext = expectTlv(tbs, q, list.end, TAG.sequence, 'Extension');
      q = ext.end;
      const oid = expectTlv(tbs, ext.body, ext.end, TAG.oid, 'extnID');
      let next = readTlv(tbs, oid.end, ext.end);
      let critical = false;
      if (next.tag === TAG.boolean) {
        critical = next.end > next.body && tbs[next.body] !== 0;
        next = readTlv(tbs, next.end, ext.end);
      }
      out.push({ oid: decodeOid(tbs, oid), critical, value: tbs.subarray(next.body, next.end) });
    }
    return out;
  }
  return [];
}
