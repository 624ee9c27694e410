import { scanCertificate, type CertScan } from '../../../../shared/pki/cert-scan.js';

// Keyed by the DER array object, like parseForVerify's cache: a report's certificates are fresh
// arrays, read by path building, the report's summaries and the path mapping alike; anchors are the
// trust source's own arrays. Arrays handed to the chain analysis are never changed.
const scans = new WeakMap<Uint8Array, CertScan>();

/** scanCertificate, once per DER array: the SHA-256 and the TLV walk are not repeated by each reader. */
export function scanOnce(der: Uint8Array): CertScan {
  let scan = scans.get(der);
  if (!scan) {
    scan = scanCertificate(der);
    scans.set(der, scan);
  }
  return scan;
}
