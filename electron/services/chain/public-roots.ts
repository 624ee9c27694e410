import { sha256Hex } from '../../../shared/pki/hash.js';
import { toHex } from '../../../shared/pki/bytes.js';
import { MOZILLA_ROOT_SPKI_SHA256 } from './data/mozilla-root-keys.js';
import type { KnownCertificate } from './diagnose/diagnosis-context.js';
import type { TrustSource } from './trust-sources/trust-source.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';

const SHIPPED = new Set(MOZILLA_ROOT_SPKI_SHA256);

/**
 * Membership in the public web PKI (the Mozilla roots): by the key list shipped with Certbench, or
 * by exact certificate or subject + key in this machine's copy of the set (newer than the shipped
 * list, or a test's). Loaded once; an unreadable machine set leaves the shipped list.
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
    return (cert) => {
      const spki = new Uint8Array(cert.cert.publicKey.rawData);
      return SHIPPED.has(sha256Hex(spki)) || keys.has(cert.sha256) || keys.has(`${cert.cert.subject}|${toHex(spki)}`);
    };
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
