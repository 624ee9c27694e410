import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { InspectedObject, InspectResult } from '../../../shared/model/inspected-object.js';
import { findPemBlocks, looksLikePem } from '../../../shared/pki/pem.js';
import { summarizeCertificate } from '../../../shared/pki/certificate-summary.js';
import { readInputFile } from '../files/read-input.js';
import type { ObjectStore } from '../workspace/object-store.js';
import type { ServiceEnv } from '../service-env.js';

/** Opens what an admin is handed and describes every object in it. */
export class InspectService {
  constructor(
    private readonly env: ServiceEnv,
    private readonly store: ObjectStore,
  ) {}

  async openFile(path: string): Promise<InspectResult> {
    return this.openBytes(basename(path), await readInputFile(path));
  }

  openBytes(source: string, bytes: Uint8Array): InspectResult {
    if (bytes.length === 0) throw new CertbenchError('empty-input', `${source} is empty`);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const ders = looksLikePem(text) ? this.#certificatesFromPem(text) : [bytes];
    return { source, objects: ders.map((der) => this.#describe(der, source)) };
  }

  openText(text: string): InspectResult {
    return { source: 'pasted text', objects: this.#certificatesFromPem(text).map((der) => this.#describe(der, 'pasted text')) };
  }

  #certificatesFromPem(text: string): Uint8Array[] {
    let blocks;
    try {
      blocks = findPemBlocks(text);
    } catch (err) {
      throw new CertbenchError('bad-base64', (err as Error).message, { cause: err });
    }
    const certs = blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE');
    if (certs.length === 0) throw new CertbenchError('unrecognized-format', 'No certificate found in the text');
    return certs.map((b) => b.der);
  }

  #describe(der: Uint8Array, source: string): InspectedObject {
    const summary = summarizeCertificate(der, this.env.now());
    return { id: this.store.put({ kind: 'certificate', der, source }), kind: 'certificate', summary };
  }
}
