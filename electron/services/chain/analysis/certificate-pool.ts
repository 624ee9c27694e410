import type { CertificateOrigin, ChainCertificate } from '../../../../shared/model/chain.js';
import { summarizeScan, parseCertificate } from '../../../../shared/pki/certificate-summary.js';
import { toPem } from '../../../../shared/pki/pem.js';
import type { X509Certificate } from '../../../../shared/pki/x509.js';
import type { ObjectStore } from '../../workspace/object-store.js';
import { scanOnce } from '../engine/scan-once.js';
import { displayName, type KnownCertificate } from '../diagnose/diagnosis-context.js';

interface Entry extends KnownCertificate {
  readonly der: Uint8Array;
}

/** The certificates one report mentions, summarised once (at the verification time), keyed by SHA-256, first origin wins. */
export class CertificatePool {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly at: Date) {}

  add(der: Uint8Array, origin: CertificateOrigin): KnownCertificate {
    const scan = scanOnce(der);
    const sha256 = scan.sha256;
    const found = this.#entries.get(sha256);
    if (found) return found;
    const summary = summarizeScan(scan, this.at);
    let parsed: X509Certificate | undefined;
    const entry: Entry = {
      sha256,
      der,
      summary,
      origin,
      name: displayName(summary.subject),
      get cert() {
        parsed ??= parseCertificate(der);
        return parsed;
      },
    };
    this.#entries.set(sha256, entry);
    return entry;
  }

  has(sha256: string): boolean {
    return this.#entries.has(sha256);
  }

  der(sha256: string): Uint8Array {
    return this.#entry(sha256).der;
  }

  get(sha256: string): KnownCertificate {
    return this.#entry(sha256);
  }

  #entry(sha256: string): Entry {
    const entry = this.#entries.get(sha256);
    if (!entry) throw new Error(`certificate ${sha256} is not in the report pool`);
    return entry;
  }

  /** The DTOs of the listed certificates, each put in the object store so the inspect pane can open it. */
  toDtos(shas: Iterable<string>, store: ObjectStore): ChainCertificate[] {
    return [...new Set(shas)].map((sha) => {
      const e = this.#entries.get(sha)!;
      return {
        id: store.put({ kind: 'certificate', der: e.der, source: `chain (${e.origin})` }),
        sha256: e.sha256,
        summary: e.summary,
        pem: toPem('CERTIFICATE', e.der),
        origin: e.origin,
      };
    });
  }
}
