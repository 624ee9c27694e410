import { realpath } from 'node:fs/promises';
import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { JdkDiscovery, KeystoreBackup, KeystoreEditResult, KeystoreListing } from '../../../shared/model/keystore.js';
import type { ServiceEnv } from '../service-env.js';
import type { KeytoolKeyPair } from '../csr/keytool-csr.js';
import { fsError, readInputFile } from '../files/read-input.js';
import { discoverJdks, jdkAt } from './jdk-discovery.js';
import { KeystoreBackups } from './keystore-backups.js';
import type { KeystoreWriter } from './keystore-transaction.js';
import { writeAccess, type WriteAccess } from './keystore-write-access.js';
import { Elevator } from '../elevation/elevator.js';
import type { ConvertOptions } from './keystore-convert.js';
import { describeKeystore } from './keystore-describe.js';
import type { KeystoreEditContext, StoreRef } from './keystore-edit-context.js';
import type { ImportOptions, ImportPlan } from './keystore-import.js';
import type { KeyPairOptions, KeyPairPlan, MadeKeyPair } from './keystore-keypair.js';
import type { PfxImportOptions } from './keystore-pfx-import.js';
import { readKeystore } from './keystore-reader.js';
import { findKeytool, KeytoolRunner } from './keytool-runner.js';

// Edits load on first use: `keystore list` (benchmarked against keytool as a whole process) needs only the reader.
const edits = () => import('./keystore-edits.js');

/** The JDK's well-known default; used only for files named `cacerts` when no password is given. */
export const CACERTS_DEFAULT_PASSWORD = 'changeit';

/** A store named by path or by the JDK whose cacerts it is, with an optional password. */
export interface StoreSelector {
  readonly path?: string;
  readonly jdkHome?: string;
  readonly password?: string;
}

/**
 * Java keystores: discovery, native listing, and keytool edits that are backed up, made on a temp
 * copy, verified by a native re-read and only then swapped in. IPC handlers and the CLI both call this.
 */
export class KeystoreService {
  readonly backups: KeystoreBackups;
  readonly #writer: KeystoreWriter;

  constructor(
    private readonly env: ServiceEnv,
    elevator: Elevator = new Elevator(env),
    writeAccessOf: (path: string) => Promise<WriteAccess> = writeAccess,
  ) {
    this.backups = new KeystoreBackups(env.dataDir, env.now);
    this.#writer = { backups: this.backups, elevator, platform: env.platform, writeAccess: writeAccessOf };
  }

  jdks(): Promise<JdkDiscovery> {
    return discoverJdks(this.env);
  }

  /** The store path and password an operation uses: `--jdk HOME` means that JDK's cacerts; cacerts defaults to `changeit`. */
  async resolve(selector: StoreSelector): Promise<StoreRef & { jdkHome?: string }> {
    let path = selector.path;
    if (selector.jdkHome !== undefined) {
      await realpath(selector.jdkHome).catch((err: unknown) => Promise.reject(fsError(err, selector.jdkHome!)));
      const jdk = await jdkAt(selector.jdkHome, this.env.platform);
      if (!jdk) throw new CertbenchError('not-found', `${selector.jdkHome} is not a JDK with a cacerts file`);
      path = jdk.cacertsPath;
    }
    if (path === undefined) throw new CertbenchError('invalid-request', 'Name a keystore file or a JDK');
    const password = selector.password ?? (basename(path) === 'cacerts' ? CACERTS_DEFAULT_PASSWORD : undefined);
    return { path, ...(password === undefined ? {} : { password }), ...(selector.jdkHome === undefined ? {} : { jdkHome: selector.jdkHome }) };
  }

  /** The store's entries; `signal` stops a PKCS#12 store's key derivation (the app's Cancel). */
  async list(selector: StoreSelector, options: { signal?: AbortSignal } = {}): Promise<KeystoreListing> {
    const ref = await this.resolve(selector);
    return describeKeystore(ref.path, await this.#read(ref, options), this.env.now());
  }

  /** The DER of the store's certificate with that SHA-256 (any entry's, chain members included), read afresh, with its entry's alias and the store's path. */
  async certificate(selector: StoreSelector, sha256: string): Promise<{ der: Uint8Array; alias: string; path: string }> {
    const ref = await this.resolve(selector);
    for (const entry of (await this.#read(ref)).entries) {
      const found = entry.certificates.find((c) => c.sha256 === sha256);
      if (found) return { der: found.der, alias: entry.alias, path: ref.path };
    }
    throw new CertbenchError('not-found', `${basename(ref.path)} no longer holds the certificate ${sha256.slice(0, 16)}…; list it again`);
  }

  #read(ref: StoreRef, options: { signal?: AbortSignal } = {}) {
    return readKeystore(ref.path, ref.password, options.signal ? { signal: options.signal } : {}, this.env.pkcs12KeystoreReader);
  }

  /** What importing `bytes` would do: aliases, certificates already present, what a replace removes, the backup and keytool's argv. */
  async planImport(selector: StoreSelector, bytes: Uint8Array, options: ImportOptions): Promise<ImportPlan> {
    const { where, store } = await this.#planInputs(selector);
    return (await edits()).describeImport(where, store, bytes, options, this.env.now());
  }

  /** The same plan for importing a PFX's key pair (a renewed certificate with its key replacing an alias). */
  async planKeyPairImport(selector: StoreSelector, pfx: Uint8Array, options: PfxImportOptions): Promise<ImportPlan> {
    const { where, store } = await this.#planInputs(selector);
    return (await edits()).describeKeyPairImport(where, store, await readKeystore(pfx, options.pfxPassword), options, this.env.now());
  }

  /** The store as a plan sees it: its bytes (whose SHA-256 the edit later checks), its entries, keytool and the backup folder. */
  async #planInputs(selector: StoreSelector) {
    const ref = await this.resolve(selector);
    const original = await readInputFile(ref.path);
    const store = await readKeystore(original, ref.password, {}, this.env.pkcs12KeystoreReader);
    return { store, where: { path: ref.path, original, keytool: this.#context(ref).keytool.keytool, backupsDir: this.backups.dir } };
  }

  /** What making a key pair (and its CSR) under an alias would do: the store, the backup, keytool's argv. */
  async planKeyPair(selector: StoreSelector, options: KeytoolKeyPair): Promise<KeyPairPlan> {
    const ref = await this.resolve(selector);
    return (await edits()).describeKeyPair({ path: ref.path, keytool: this.#context(ref).keytool.keytool, backupsDir: this.backups.dir }, ref, options);
  }

  /** `keytool -genkeypair` and `-certreq` as one backed-up, verified edit (a new PKCS12 store when none is there). */
  async generateKeyPair(selector: StoreSelector, options: KeyPairOptions): Promise<MadeKeyPair> {
    const ref = await this.resolve(selector);
    return (await edits()).generateKeyPair(this.#context(ref), ref, options);
  }

  async importCertificates(selector: StoreSelector, bytes: Uint8Array, options: ImportOptions): Promise<KeystoreEditResult> {
    const ref = await this.resolve(selector);
    return (await edits()).importCertificates(this.#context(ref), ref, bytes, options);
  }

  async importKeyPair(selector: StoreSelector, pfx: Uint8Array, options: PfxImportOptions): Promise<KeystoreEditResult> {
    const ref = await this.resolve(selector);
    return (await edits()).importKeyPair(this.#context(ref), ref, pfx, options);
  }

  async delete(selector: StoreSelector, alias: string): Promise<KeystoreEditResult> {
    const ref = await this.resolve(selector);
    return (await edits()).deleteEntry(this.#context(ref), ref, alias);
  }

  async rename(selector: StoreSelector, alias: string, newAlias: string): Promise<KeystoreEditResult> {
    const ref = await this.resolve(selector);
    return (await edits()).renameEntry(this.#context(ref), ref, alias, newAlias);
  }

  async changePassword(selector: StoreSelector, newPassword: string): Promise<KeystoreEditResult> {
    const ref = await this.resolve(selector);
    return (await edits()).changePassword(this.#context(ref), ref, newPassword);
  }

  async convert(selector: StoreSelector, options: ConvertOptions): Promise<KeystoreEditResult> {
    const ref = await this.resolve(selector);
    return (await edits()).convertKeystore(this.#context(ref), ref, options);
  }

  async listBackups(selector?: StoreSelector): Promise<KeystoreBackup[]> {
    if (!selector || (selector.path === undefined && selector.jdkHome === undefined)) return this.backups.list();
    const ref = await this.resolve(selector);
    return this.backups.list(await realpath(ref.path).catch(() => ref.path));
  }

  /**
   * Puts a backup back in place — itself an edit, so the current state is backed up first.
   * `password` is the store password at the time of the backup (needed for a PKCS#12 whose
   * certificates are encrypted).
   */
  async restore(id: string, password?: string): Promise<KeystoreEditResult> {
    const { restoreBackup, editKeystore } = await edits();
    return restoreBackup(this.#writer, id, password, this.env.now, editKeystore);
  }

  #context(ref: StoreRef & { jdkHome?: string }): KeystoreEditContext {
    const keytool = new KeytoolRunner(this.env.runner, this.env.env, findKeytool(this.env.env, this.env.platform, ref.jdkHome));
    return { keytool, writer: this.#writer, now: this.env.now };
  }
}
