import { createPublicKey, verify } from 'node:crypto';
import type { SanEntry } from '../../../shared/model/certificate-summary.js';
import type { KeyFacts } from '../../../shared/model/certificate-detail.js';
import { keyFacts } from '../../../shared/pki/certificate-detail.js';
import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { readGeneralNames } from '../../../shared/pki/general-names.js';
import { nameDerTexts } from '../../../shared/pki/name-text.js';
import { sha256Hex } from '../../../shared/pki/hash.js';

export interface CsrFacts {
  readonly subject: string;
  readonly subjectRfc4514: string;
  readonly sans: SanEntry[];
  readonly key: KeyFacts;
  readonly signature: 'valid' | 'invalid' | 'unsupported';
  readonly sha256: string;
}

const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14'; // RFC 2985 §5.4.2
const OID_SAN = '2.5.29.17';
/** Signature OIDs node:crypto verifies directly: the digest name, or null for EdDSA. */
const VERIFY_DIGESTS: Readonly<Record<string, string | null>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
  '1.3.101.113': null,
};

/** Reads a PKCS#10 CertificationRequest (RFC 2986 §4) and checks its self-signature. Errors: `parse`/`truncated`. */
export function csrFacts(der: Uint8Array): CsrFacts {
  const outer = expectTlv(der, 0, der.length, TAG.sequence, 'CertificationRequest');
  const info = expectTlv(der, outer.body, outer.end, TAG.sequence, 'CertificationRequestInfo');
  const alg = expectTlv(der, info.end, outer.end, TAG.sequence, 'signatureAlgorithm');
  const sig = expectTlv(der, alg.end, outer.end, TAG.bitString, 'signature');
  const version = expectTlv(der, info.body, info.end, TAG.integer, 'version');
  const subject = expectTlv(der, version.end, info.end, TAG.sequence, 'subject');
  const spki = expectTlv(der, subject.end, info.end, TAG.sequence, 'subjectPKInfo');
  const spkiDer = der.subarray(spki.start, spki.end);
  const sans = spki.end < info.end ? requestedSans(der, readTlv(der, spki.end, info.end)) : [];
  const digest = VERIFY_DIGESTS[decodeOid(der, expectTlv(der, alg.body, alg.end, TAG.oid, 'signature algorithm'))];
  let signature: CsrFacts['signature'] = 'unsupported';
  if (digest !== undefined) {
    try {
      const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
      signature = verify(digest, der.subarray(info.start, info.end), key, der.subarray(sig.body + 1, sig.end)) ? 'valid' : 'invalid';
    } catch {
      signature = 'invalid';
    }
  }
  const names = nameDerTexts(der.subarray(subject.start, subject.end));
  return { subject: names.display, subjectRfc4514: names.rfc4514, sans, key: keyFacts(spkiDer), signature, sha256: sha256Hex(der) };
}

/** SANs from the extensionRequest attribute, if any. */
function requestedSans(der: Uint8Array, attributes: { tag: number; body: number; end: number }): SanEntry[] {
  if (attributes.tag !== 0xa0) return [];
  for (let p = attributes.body; p < attributes.end; ) {
    const attr = expectTlv(der, p, attributes.end, TAG.sequence, 'Attribute');
    p = attr.end;
    const oid = expectTlv(der, attr.body, attr.end, TAG.oid, 'attribute type');
    if (decodeOid(der, oid) !== OID_EXTENSION_REQUEST) continue;
    const values = expectTlv(der, oid.end, attr.end, TAG.set, 'attribute values');
    const extensions = expectTlv(der, values.body, values.end, TAG.sequence, 'Extensions');
    for (let q = extensions.body; q < extensions.end; ) {
      const ext = expectTlv(der, q, extensions.end, TAG.sequence, 'Extension');
      q = ext.end;
      const extOid = expectTlv(der, ext.body, ext.end, TAG.oid, 'extnID');
      if (decodeOid(der, extOid) !== OID_SAN) continue;
      let value = readTlv(der, extOid.end, ext.end);
      if (value.tag === TAG.boolean) value = readTlv(der, value.end, ext.end);
      return readGeneralNames(der, expectTlv(der, value.body, value.end, TAG.sequence, 'GeneralNames'));
    }
  }
  return [];
}
