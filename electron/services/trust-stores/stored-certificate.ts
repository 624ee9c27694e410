import { CertbenchError } from '../../../shared/errors.js';
import type { CertificateRole } from '../../../shared/model/trust.js';
import { scanCertificate, type CertScan } from '../../../shared/pki/cert-scan.js';
import { expiryStatus } from '../../../shared/pki/expiry.js';
import { nameDerTexts } from '../../../shared/pki/name-text.js';
import type { StoredCertificate } from './trust-store.js';

/**
 * Describes a DER certificate as a store row from a cheap scan (a full parse costs several times
 * more when a store holds hundreds of certificates); the subject through the one DN formatter.
 */
export function describeStored(
  der: Uint8Array,
  now: Date,
  extra: { label?: string; removable: boolean; trust?: StoredCertificate['trust']; trustText?: string },
): StoredCertificate {
  const scan = scanCertificate(der);
  const role = roleFromScan(scan);
  const subject = nameDerTexts(scan.subjectDer);
  return {
    sha256: scan.sha256,
    subject: subject.display,
    subjectRfc4514: subject.rfc4514,
    issuer: nameDerTexts(scan.issuerDer).display,
    notAfter: scan.notAfter.toISOString(),
    expiry: expiryStatus(scan.notBefore, scan.notAfter, now),
    role,
    ...(extra.label === undefined ? {} : { label: extra.label }),
    removable: extra.removable,
    trust: extra.trust ?? 'trusted',
    ...(extra.trustText === undefined ? {} : { trustText: extra.trustText }),
    der,
  };
}

/**
 * Root = a self-issued CA certificate (RFC 5280 §3.2, §6.1); intermediate = any other CA
 * (basicConstraints cA, §4.2.1.9); leaf = everything else.
 */
export function roleOf(der: Uint8Array): CertificateRole {
  return roleFromScan(scanCertificate(der));
}

function roleFromScan(scan: CertScan): CertificateRole {
  if (scan.isCA !== true) return scan.selfIssued && scan.isCA === undefined ? 'root' : 'leaf';
  return scan.selfIssued ? 'root' : 'intermediate';
}

/** What a store is meant to hold, for the role warnings. */
export type StorePurpose = 'anchors' | 'intermediates';

/** Plain-language warnings for putting a certificate of `role` into a store meant for `purpose`. */
export function roleWarnings(role: CertificateRole, purpose: StorePurpose): string[] {
  if (purpose === 'anchors' && role === 'intermediate') {
    return [
      'This is an intermediate CA, not a root: adding it as a trust anchor makes everything it issues trusted without checking its root. Prefer adding the root, or put the intermediate in a CA (intermediate) store.',
    ];
  }
  if (purpose === 'intermediates' && role === 'root') {
    return ['This is a root certificate: an intermediate (CA) store does not make it trusted. Add it to a Root store instead.'];
  }
  if (role === 'leaf') {
    return ['This is not a CA certificate (no basicConstraints cA): trusting a server certificate directly is rarely what you want.'];
  }
  return [];
}

/** Normalises a fingerprint as typed by users (colons, spaces, upper case) to lowercase hex. */
export function normaliseSha256(input: string): string {
  const hex = input.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new CertbenchError('invalid-request', `${JSON.stringify(input)} is not a SHA-256 fingerprint (64 hex digits)`);
  return hex;
}
