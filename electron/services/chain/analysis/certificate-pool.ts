import type { CertificateOrigin, ChainCertificate } from '../../../../shared/model/chain.js';
import { summarizeCertificate, parseCertificate } from '../../../../shared/pki/certificate-summary.js';
import { sha256Hex } from '../../../../shared/pki/hash.js';
import { toPem } from '../../../../shared/pki/pem.js';
import type { X509Certificate } from '../../../../shared/pki/x509.js';
import type { ObjectStore } from '../../workspace/object-store.js';
import { displayName, type KnownCertificate } from '../diagnose/diagnosis-context.js';

interface Entry extends KnownCertificate {
  readonly der: Uint8Array;
}

/** The certificates one report mentions, parsed once, keyed by SHA-256, first origin wins. */
export class CertificatePool {
  readonly #entries = new Map<string, Entry>();

  add(der: Uint8Array, origin: CertificateOrigin, cert?: X509Certificate): KnownCertificate {
    const sha256 = sha256Hex(der);
    const found = this.#entries.get(sha256);
    if (found) return found;
    const parsed = cert ?? parseCertificate(der);
    const entry: Entry = { sha256, der, cert: parsed, origin, name: displayName(parsed.subject) };
    this.#entries.set(sha256, entry);
    return entry;
  }

  has(sha256: string): boolean {
    return this.#entries.has(sha256);
  }

  get(sha256: string): KnownCertificate {
    const entry = this.#entries.get(sha256);
    if (!entry) throw new Error(`certificate ${sha256} is not in the report pool`);
    return entry;
  }

  /** The DTOs of the listed certificates, each put in the object store so the inspect pane can open it. */
  toDtos(shas: Iterable<string>, store: ObjectStore, now: Date): ChainCertificate[] {
    return [...new Set(shas)].map((sha) => {
      const e = this.#entries.get(sha)!;
      return {
        id: store.put({ kind: 'certificate', der: e.der, source: `chain (${e.origin})` }),
        sha256: e.sha256,
        summary: summarizeCertificate(e.der, now),
        pem: toPem('CERTIFICATE', e.der),
        origin: e.origin,
      };
    });
  }
}
