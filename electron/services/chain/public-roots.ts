import { sha256Hex } from '../../../shared/pki/hash.js';
import { toHex } from '../../../shared/pki/bytes.js';
import type { KnownCertificate } from './diagnose/diagnosis-context.js';
import type { TrustSource } from './trust-sources/trust-source.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';

/**
 * Membership in the public web PKI (the Mozilla roots), by exact certificate or by subject + key
 * (a re-issued root keeps both). Loaded once; a machine without the set treats nothing as public.
 */
export class PublicRoots {
  #loaded?: Promise<Set<string>>;

  constructor(private readonly source: TrustSource) {}

  /** The membership test, after loading the set (an unreadable set yields "nothing is public"). */
  async matcher(): Promise<(cert: KnownCertificate) => boolean> {
    this.#loaded ??= this.source.load().then(
      (anchors) => new Set(anchors.certificates.flatMap((der) => [sha256Hex(der), ...subjectKey(der)])),
      () => new Set<string>(),
    );
    const keys = await this.#loaded;
    return (cert) => keys.has(cert.sha256) || keys.has(`${cert.cert.subject}|${toHex(new Uint8Array(cert.cert.publicKey.rawData))}`);
  }
}

function subjectKey(der: Uint8Array): string[] {
  try {
    const cert = parseCertificate(der);
    return [`${cert.subject}|${toHex(new Uint8Array(cert.publicKey.rawData))}`];
  } catch {
    return [];
  }
}
