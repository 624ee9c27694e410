import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import type { Elevator } from '../elevation/elevator.js';
import { kindOf } from '../files/file-kind.js';
import { fsError } from '../files/read-input.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { appendToBundle, bundleBlocks, removeFromBundle } from './pem-bundle-text.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate } from './trust-store.js';

/**
 * A PEM bundle file (`pem:FILE`), such as an appliance's ca-bundle.crt: append without
 * duplicates, remove by fingerprint keeping every other byte, and copy the old file to
 * Certbench's backup folder before each change. The path is the user's, so it is never elevated.
 */
export class PemBundleStore extends BaseTrustStore {
  readonly info: StoreInfo;

  constructor(
    env: ServiceEnv,
    elevator: Elevator,
    private readonly path: string,
  ) {
    super(env, elevator);
    this.info = { id: `pem:${path}`, displayName: `PEM bundle ${basename(path)}`, kind: 'pem-bundle', detail: path, readOnly: false, holds: 'anchors' };
  }

  async available(): Promise<boolean> {
    return (await this.#read()) !== undefined;
  }

  protected async readListing(): Promise<StoredCertificate[]> {
    const now = this.env.now();
    const seen = new Set<string>();
    return bundleBlocks((await this.#read()) ?? '')
      .filter((b) => !seen.has(b.sha256) && seen.add(b.sha256))
      .map((b) => describeStored(b.der, now, { removable: true }));
  }

  /** The file's bytes, not only its certificates: the planned write replaces the whole file. */
  override async stateDigest(): Promise<string> {
    return sha256Hex(latin1((await this.#read()) ?? ''));
  }

  protected async jobAdd(der: Uint8Array, _options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings: roleWarnings(roleOf(der), 'anchors'), platform: 'any' };
    const text = await this.#read();
    if (text !== undefined && bundleBlocks(text).some((b) => b.sha256 === sha256)) return makeJob(base, []);
    return makeJob(base, [...this.#backup(text), this.#write(appendToBundle(text ?? '', der), 'append the PEM block')]);
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [], platform: 'any' };
    const text = await this.#read();
    if (text === undefined || !bundleBlocks(text).some((b) => b.sha256 === sha256)) return makeJob(base, []);
    return makeJob(base, [...this.#backup(text), this.#write(removeFromBundle(text, sha256), 'drop the block; other bytes unchanged')]);
  }

  #write(text: string, note: string): JobStep {
    return { kind: 'write-file', path: this.path, content: latin1(text), elevated: false, note };
  }

  #backup(text: string | undefined): JobStep[] {
    if (text === undefined || text.length === 0) return [];
    const stamp = this.env.now().toISOString().replace(/[:.]/g, '-');
    const name = `${basename(this.path).replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.bak`;
    const path = join(this.env.dataDir, 'backups', 'trust', name);
    return [{ kind: 'write-file', path, content: latin1(text), elevated: false, note: 'backup of the bundle before the change' }];
  }

  /** The bundle's text (latin1 keeps any non-UTF-8 bytes round-trippable), or undefined when absent. */
  async #read(): Promise<string | undefined> {
    try {
      // A FIFO or device would block the read or never end: name it instead.
      const info = await stat(this.path);
      if (!info.isFile()) throw new CertbenchError(info.isDirectory() ? 'is-directory' : 'not-a-file', `${this.path} is ${kindOf(info)}, not a PEM bundle file`);
      return (await readFile(this.path)).toString('latin1');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err instanceof CertbenchError ? err : fsError(err, this.path);
    }
  }
}

/** Back to the exact bytes read (see #read). */
function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
