import { createPublicKey, type KeyObject } from 'node:crypto';
import type { InspectedObject } from '../../../shared/model/inspected-object.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { keyFacts } from '../../../shared/pki/certificate-detail.js';
import { summarizeScan } from '../../../shared/pki/certificate-summary.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import type { PfxContents } from '../pkcs12/pfx-types.js';
import type { NativeKeystore } from '../keystore/keystore-reader.js';
import type { PrivateKeyEncoding } from '../private-keys/read-private-key.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { csrFacts } from './csr-facts.js';

/**
 * Turns what a reader found into stored objects plus their DTOs, in input order, and pairs each
 * private key with a certificate of the same input by public key (SPKI SHA-256).
 */
export class ObjectCollector {
  readonly #objects: InspectedObject[] = [];
  readonly #certBySpki = new Map<string, string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly now: Date,
    private readonly source: string,
  ) {}

  certificate(der: Uint8Array, origin: string, label?: string): string {
    const scan = scanCertificate(der);
    const id = this.store.put({ kind: 'certificate', der, source: this.source, ...(label !== undefined ? { label } : {}) });
    const spkiSha = sha256Hex(scan.spkiDer);
    if (!this.#certBySpki.has(spkiSha)) this.#certBySpki.set(spkiSha, id);
    this.#objects.push({ id, origin, kind: 'certificate', summary: summarizeScan(scan, this.now), ...(label !== undefined ? { label } : {}) });
    return id;
  }

  privateKey(key: KeyObject, origin: string, encoding: PrivateKeyEncoding | 'pkcs12', encrypted: boolean, label?: string): string {
    const id = this.store.put({ kind: 'private-key', key, source: this.source, ...(label !== undefined ? { label } : {}) });
    const spki = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
    this.#objects.push({ id, origin, kind: 'private-key', key: keyFacts(spki), encoding, encrypted, ...(label !== undefined ? { label } : {}) });
    return id;
  }

  publicKey(spki: Uint8Array, origin: string): string {
    const id = this.store.put({ kind: 'public-key', spki, source: this.source });
    this.#objects.push({ id, origin, kind: 'public-key', key: keyFacts(spki) });
    return id;
  }

  csr(der: Uint8Array, origin: string): string {
    const facts = csrFacts(der);
    const id = this.store.put({ kind: 'csr', der, source: this.source });
    this.#objects.push({ id, origin, kind: 'csr', ...facts });
    return id;
  }

  pkcs7(ders: readonly Uint8Array[], origin: string): void {
    const at = this.#objects.length;
    const memberIds = ders.map((der, i) => this.certificate(der, `${origin}, certificate ${i + 1}`));
    const id = this.store.put({ kind: 'container', format: 'pkcs7', memberIds, source: this.source });
    this.#objects.splice(at, 0, { id, origin, kind: 'pkcs7', certificateCount: ders.length });
  }

  pkcs12(pfx: PfxContents, origin: string): void {
    const at = this.#objects.length;
    const certIds = pfx.certificates.map((c, i) => this.certificate(c.der, `${origin}, certificate ${i + 1}`, c.friendlyName));
    const keysEncrypted = pfx.encryption.keys.some((protection) => protection !== 'none');
    const keyIds = pfx.keys.map((k, i) => this.privateKey(k.key, `${origin}, key ${i + 1}`, 'pkcs12', keysEncrypted, k.friendlyName));
    const id = this.store.put({ kind: 'container', format: 'pkcs12', memberIds: [...certIds, ...keyIds], source: this.source });
    const integrity = pfx.integrity.kind === 'mac' ? `HMAC-${pfx.integrity.digest.toUpperCase()}, ${pfx.integrity.iterations} iterations` : 'none (no MAC)';
    this.#objects.splice(at, 0, {
      id,
      origin,
      kind: 'pkcs12',
      certificateCount: pfx.certificates.length,
      keyCount: pfx.keys.length,
      integrity,
      certificateEncryption: [...pfx.encryption.certificates],
      keyEncryption: [...pfx.encryption.keys],
      password: pfx.password,
    });
  }

  keystore(store: NativeKeystore, origin: string): void {
    const at = this.#objects.length;
    const entries = store.entries.map((entry) => ({
      alias: entry.alias,
      type: entry.entryType,
      certificateIds: entry.certificates.map((c, i) => this.certificate(c.der, `${origin}, ${entry.alias} #${i + 1}`, entry.alias)),
    }));
    const id = this.store.put({ kind: 'container', format: 'keystore', memberIds: entries.flatMap((e) => e.certificateIds), source: this.source });
    this.#objects.splice(at, 0, { id, origin, kind: 'keystore', format: store.type, entries });
  }

  /** The DTOs, private keys linked to the certificate with the same public key. */
  finish(): InspectedObject[] {
    return this.#objects.map((o) => {
      if (o.kind !== 'private-key') return o;
      const match = this.#certBySpki.get(o.key.spkiSha256);
      return match ? { ...o, matchesCertificateId: match } : o;
    });
  }
}
