import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { sha1Hex, sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';
import type { CertificateRole } from '../../../shared/model/trust.js';
import { roleOf } from '../trust-stores/stored-certificate.js';

/** The certificate a fleet export installs, with everything the generators need, precomputed. */
export interface FleetRoot {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly sha256: string;
  /** Upper-case hex, as Windows prints thumbprints. */
  readonly thumbprint: string;
  readonly role: CertificateRole;
  /** The subject reduced to printable ASCII, safe inside any comment or string of any output format. */
  readonly safeSubject: string;
  /** `certbench-<16 hex>`: the file/alias/nickname used on every machine; never derived from the subject. */
  readonly name: string;
}

export function fleetRoot(der: Uint8Array): FleetRoot {
  const sha256 = sha256Hex(der);
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    sha256,
    thumbprint: sha1Hex(der).toUpperCase(),
    role: roleOf(der),
    safeSubject: printableAscii(parseCertificate(der).subject),
    name: `certbench-${sha256.slice(0, 16)}`,
  };
}

/**
 * Printable ASCII only, minus the characters that end or escape a comment or quoted string in
 * the formats generated (newlines, quotes, `<`, `&`, `$`, backslash, backtick): a hostile subject
 * must not become code in a script handed to a whole fleet.
 */
export function printableAscii(text: string): string {
  return text.replace(/[^\x20-\x7e]|["'`$\\<>&]/g, '?');
}

/** A deterministic UUID from the fingerprint, so re-exporting the same root gives the same profile identity. */
export function uuidFrom(sha256: string, salt: number): string {
  const hex = (sha256.slice(salt * 2) + sha256).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}
