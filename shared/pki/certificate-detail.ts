import type { CertificateDetail, ExtensionDetail, KeyFacts, NameDetail } from '../model/certificate-detail.js';
import { asn1Tree } from './asn1-tree.js';
import { toHex } from './bytes.js';
import { listExtensions, type RawExtension } from './cert-extensions.js';
import { scanCertificate } from './cert-scan.js';
import { displaySerial } from './certificate-summary.js';
import { readTlv } from './der-reader.js';
import { daysLeft, expiryStatus } from './expiry.js';
import { EXTENSION_DECODERS } from './extension-decoders.js';
import { sha1Hex, sha256Hex } from './hash.js';
import { nameAttributes, nameToDisplay, nameToRfc4514 } from './name-text.js';
import { EXTENSION_NAMES, SIGNATURE_ALGORITHM_NAMES } from './oid-names.js';
import { toPem } from './pem.js';
import { publicKeyInfo } from './spki-info.js';

/**
 * The full detail of one certificate (RFC 5280 §4.1), for the detail pane and `inspect` text. It
 * never throws on an odd extension: what does not decode is shown as hex with `decoded: false`.
 * `structure: false` leaves out the ASN.1 tree and PEM, the costly parts, for bulk output.
 */
export function describeCertificate(der: Uint8Array, now: Date, options: { structure?: boolean } = {}): CertificateDetail {
  const scan = scanCertificate(der);
  const tbs = scan.tbsDer;
  const first = readTlv(tbs, readTlv(tbs, 0, tbs.length).body, tbs.length);
  const version = first.tag === 0xa0 ? Number(tbs[first.end - 1]) + 1 : 1;
  const serial = displaySerial(scan.serialHex);
  return {
    version,
    serialHex: serial,
    serialDecimal: serialDecimal(scan.serialHex),
    subject: nameDetail(scan.subjectDer),
    issuer: nameDetail(scan.issuerDer),
    notBefore: scan.notBefore.toISOString(),
    notAfter: scan.notAfter.toISOString(),
    daysLeft: daysLeft(scan.notAfter, now),
    expiry: expiryStatus(scan.notBefore, scan.notAfter, now),
    signatureAlgorithm: { oid: scan.signatureAlgorithmOid, name: SIGNATURE_ALGORITHM_NAMES[scan.signatureAlgorithmOid] ?? scan.signatureAlgorithmOid },
    publicKey: keyFacts(scan.spkiDer),
    sha1: sha1Hex(der),
    sha256: scan.sha256,
    extensions: listExtensions(tbs).map(describeExtension),
    ...(options.structure === false ? {} : { asn1: asn1Tree(der), pem: toPem('CERTIFICATE', der) }),
  };
}

/** Public facts of an SPKI, shared by certificates, CSRs and keys. */
export function keyFacts(spki: Uint8Array): KeyFacts {
  const info = publicKeyInfo(spki);
  return {
    algorithm: info.algorithm === 'unknown' ? info.algorithmOid : info.algorithm,
    ...(info.bits !== undefined ? { bits: info.bits } : {}),
    ...(info.curve !== undefined ? { curve: info.curve } : {}),
    label: info.label,
    spkiSha256: sha256Hex(spki),
  };
}

export function nameDetail(nameDer: Uint8Array): NameDetail {
  const tlv = readTlv(nameDer, 0, nameDer.length);
  const attributes = nameAttributes(nameDer, tlv);
  return { rfc4514: nameToRfc4514(attributes), display: nameToDisplay(nameDer, tlv), attributes };
}

export function describeExtension(ext: RawExtension): ExtensionDetail {
  const name = EXTENSION_NAMES[ext.oid] ?? 'Unknown extension';
  const hex = toHex(ext.value);
  const decoder = EXTENSION_DECODERS[ext.oid];
  if (!decoder) return { oid: ext.oid, name, critical: ext.critical, lines: [hex], hex, decoded: false };
  try {
    return { oid: ext.oid, name, critical: ext.critical, lines: decoder(ext.value), hex, decoded: true };
  } catch {
    return { oid: ext.oid, name, critical: ext.critical, lines: [`(malformed) ${hex}`], hex, decoded: false };
  }
}

/** Two's-complement serial content octets as a signed decimal (openssl prints negatives too). */
function serialDecimal(hex: string): string {
  if (hex === '') return '0';
  const value = BigInt(`0x${hex}`);
  const negative = Number.parseInt(hex[0]!, 16) >= 8;
  return (negative ? value - (1n << BigInt(hex.length * 4)) : value).toString();
}
