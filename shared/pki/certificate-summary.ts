import type { CertificateSummary, SanEntry } from '../model/certificate-summary.js';
import { listExtensions } from './cert-extensions.js';
import { scanCertificate, type CertScan } from './cert-scan.js';
import { readTlv } from './der-reader.js';
import { daysLeft, expiryStatus } from './expiry.js';
import { readGeneralNames } from './general-names.js';
import { sha1Hex } from './hash.js';
import { nameDerTexts } from './name-text.js';
import { publicKeyInfo } from './spki-info.js';
import { CertbenchError } from '../errors.js';
import { X509Certificate } from './x509.js';
import { toArrayBuffer } from './bytes.js';

const OID_SAN = '2.5.29.17';

/** Parses one DER certificate into @peculiar/x509's full object model, turning any decoder failure into a `parse` error. */
export function parseCertificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(toArrayBuffer(der));
  } catch (err) {
    throw new CertbenchError('parse', `Not a valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
}

/** The list/CLI view of a certificate (see CertificateSummary). Errors: `parse`/`truncated`. */
export function summarizeCertificate(der: Uint8Array, now: Date): CertificateSummary {
  return summarizeScan(scanCertificate(der), now);
}

/**
 * The summary from a cheap scan, read straight from the DER (docs/performance.md: a full object parse
 * costs 0.2–1.2 ms a certificate; lists of 10,000 need microseconds). Names print as @peculiar/x509
 * does ("CN=leaf, O=Example"), so every workspace shows the same strings.
 */
export function summarizeScan(scan: CertScan, now: Date): CertificateSummary {
  try {
    const subject = nameDerTexts(scan.subjectDer);
    const issuer = nameDerTexts(scan.issuerDer);
    return {
      subject: subject.display,
      subjectRfc4514: subject.rfc4514,
      issuer: issuer.display,
      issuerRfc4514: issuer.rfc4514,
      serial: displaySerial(scan.serialHex),
      notBefore: scan.notBefore.toISOString(),
      notAfter: scan.notAfter.toISOString(),
      daysLeft: daysLeft(scan.notAfter, now),
      expiry: expiryStatus(scan.notBefore, scan.notAfter, now),
      sha1: sha1Hex(scan.der),
      sha256: scan.sha256,
      sans: subjectAltNames(scan.tbsDer),
      isCA: scan.isCA ?? false,
      selfSigned: subject.display === issuer.display,
      keyType: publicKeyInfo(scan.spkiDer).label,
    };
  } catch (err) {
    if (err instanceof CertbenchError) throw err;
    throw new CertbenchError('parse', `Not a valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
}

/** The serial without DER's sign-padding 00 (RFC 5280 §4.1.2.2 serials are positive), as tools print it. */
export function displaySerial(serialHex: string): string {
  return serialHex.length > 2 && serialHex.startsWith('00') ? serialHex.slice(2) : serialHex;
}

/** SANs for the list; a malformed SAN extension lists none (the detail pane shows it flagged, as hex). */
function subjectAltNames(tbs: Uint8Array): SanEntry[] {
  const san = listExtensions(tbs).find((e) => e.oid === OID_SAN);
  if (!san) return [];
  try {
    return readGeneralNames(san.value, readTlv(san.value, 0, san.value.length));
  } catch (err) {
    if (err instanceof CertbenchError) return [];
    throw err;
  }
}
