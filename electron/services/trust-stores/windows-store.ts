import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha1Hex, sha256Hex } from '../../../shared/pki/hash.js';
import type { Elevator } from '../elevation/elevator.js';
import { createStagingDir, removeStagingDir } from '../elevation/staging.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { genericFailure, type FailureInterpreter } from './job-executor.js';
import { stageCertificate } from './staged-certificate.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, RemoveOptions, StoredCertificate } from './trust-store.js';
import { parseCertutilStore, parseWindowsListing, WINDOWS_LIST_SCRIPT, type WindowsListed } from './windows-output.js';

export type WindowsStoreId = 'windows-machine-root' | 'windows-machine-ca' | 'windows-user-root';

const STORES: Record<WindowsStoreId, { location: 'LocalMachine' | 'CurrentUser'; name: 'Root' | 'CA'; title: string }> = {
  'windows-machine-root': { location: 'LocalMachine', name: 'Root', title: 'Windows LocalMachine\\Root (certlm: Trusted Root Certification Authorities)' },
  'windows-machine-ca': { location: 'LocalMachine', name: 'CA', title: 'Windows LocalMachine\\CA (certlm: Intermediate Certification Authorities)' },
  'windows-user-root': { location: 'CurrentUser', name: 'Root', title: 'Windows CurrentUser\\Root (this user only; SYSTEM services do not see it)' },
};

const POWERSHELL = 'powershell.exe';
const CERTUTIL_EXE = 'certutil.exe';
/** certutil exits with the HRESULT; Node may see it unsigned, so compare `>>> 0` (docs/trust-stores.md §1). */
const E_ACCESSDENIED = 0x80070005;
const ERROR_CANCELLED = 0x800704c7;

/**
 * Windows certificate stores through certutil.exe (changes) and a constant PowerShell script
 * (listing, no elevation needed even for LocalMachine). LocalMachine changes run elevated via
 * UAC, so services running as SYSTEM trust the root too, which CurrentUser-only tools miss.
 * NOT run on a real Windows machine: tested on the exact argv and on documented-format samples.
 */
export class WindowsStore extends BaseTrustStore {
  readonly info: StoreInfo;
  private readonly store: (typeof STORES)[WindowsStoreId];

  constructor(env: ServiceEnv, elevator: Elevator, id: WindowsStoreId) {
    super(env, elevator, 'win32');
    this.store = STORES[id];
    this.info = {
      id,
      displayName: this.store.title,
      kind: 'windows',
      detail: `Cert:\\${this.store.location}\\${this.store.name}`,
      readOnly: false,
      holds: this.store.name === 'Root' ? 'anchors' : 'intermediates',
    };
  }

  async available(): Promise<boolean> {
    return !this.foreign;
  }

  /**
   * Lists through the constant PowerShell script; where PowerShell is missing or blocked (Server
   * Core images, AppLocker policies), falls back to certutil.exe alone (see #listWithCertutil).
   */
  protected async readListing(): Promise<StoredCertificate[]> {
    const now = this.env.now();
    const own = (await this.#listStore(this.store.name)).map((row) => describeStored(row.der, now, { removable: true, label: row.thumbprint }));
    if (this.store.name !== 'Root') return own;
    // Disallowed beats Root: a certificate there is distrusted whatever Root holds.
    const disallowed = (await this.#listStore('Disallowed')).map((row) =>
      describeStored(row.der, now, { removable: false, label: `${row.thumbprint} (Disallowed)`, trust: 'distrusted' }),
    );
    return [...own, ...disallowed];
  }

  async #listStore(name: string): Promise<WindowsListed[]> {
    const out = await this.env.runner
      .run({
        file: POWERSHELL,
        args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_LIST_SCRIPT],
        env: { ...this.env.env, CB_STORE_PATH: `Cert:\\${this.store.location}\\${name}` },
      })
      .catch((err: unknown) => {
        if (err instanceof CertbenchError && err.code === 'tool-missing') return undefined;
        throw err;
      });
    return out?.exitCode === 0 ? parseWindowsListing(out.stdout) : this.#listWithCertutil(name);
  }

  /**
   * `certutil -store NAME` for the SHA-1 of each certificate, then `certutil -store NAME SHA1 FILE`
   * (the documented OutputFile form) to export each one into a private temp dir for its DER.
   */
  async #listWithCertutil(name: string): Promise<WindowsListed[]> {
    const user = this.store.location === 'CurrentUser' ? ['-user'] : [];
    const listing = await this.env.runner.run({ file: CERTUTIL_EXE, args: [...user, '-store', name], env: this.env.env });
    if (listing.exitCode !== 0) throw genericFailure(CERTUTIL_EXE, listing);
    const dir = await createStagingDir(this.env.platform);
    try {
      const rows: WindowsListed[] = [];
      for (const thumbprint of parseCertutilStore(listing.stdout)) {
        const file = join(dir, `${thumbprint}.cer`);
        const out = await this.env.runner.run({ file: CERTUTIL_EXE, args: [...user, '-store', name, thumbprint, file], env: this.env.env });
        if (out.exitCode !== 0) throw genericFailure(CERTUTIL_EXE, out);
        const der = certificateDers(await readFile(file))[0];
        if (der) rows.push({ thumbprint, der });
      }
      return rows;
    } finally {
      await removeStagingDir(dir);
    }
  }

  protected async jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const purpose = this.store.name === 'Root' ? 'anchors' : 'intermediates';
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings: roleWarnings(roleOf(der), purpose), platform: 'Windows', runnableHere: !this.foreign };
    const holding = this.foreign ? 'missing' : await this.holding(sha256);
    if (holding === 'present') return makeJob(base, []);
    const user = this.store.location === 'CurrentUser';
    const userFlag = user ? ['-user'] : [];
    const undistrust: JobStep[] = [];
    if (holding === 'distrusted') {
      if (!options.overrideDistrust) {
        throw new CertbenchError('conflict', `${this.id}: Windows distrusts this certificate (it is in the Disallowed store); Certbench changes that only when asked (--override-distrust)`);
      }
      undistrust.push({ kind: 'run', file: CERTUTIL_EXE, args: [...userFlag, '-delstore', 'Disallowed', sha1Hex(der)], elevated: !user, note: 'takes it out of Disallowed, as you chose' });
    }
    const staged = await stageCertificate(this.env.platform, der, 'certificate.cer', this.foreign);
    const note = user
      ? 'Windows shows a Security Warning dialog for CurrentUser\\Root; answer Yes'
      : 'runs elevated: Windows asks for administrator consent (UAC)';
    const warnings = this.foreign ? [...base.warnings, 'planned without reading that store, which only that machine can do'] : base.warnings;
    return makeJob(
      { ...base, warnings },
      [staged.step, ...undistrust, { kind: 'run', file: CERTUTIL_EXE, args: [...(user ? ['-user'] : ['-f']), '-addstore', this.store.name, staged.path], elevated: !user, note }],
      { stagingDir: staged.dir },
    );
  }

  protected async jobRemove(sha256: string, options: RemoveOptions): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [], platform: 'Windows', runnableHere: !this.foreign };
    const der = this.foreign ? options.der : (await this.findRemovable(sha256))?.der;
    if (this.foreign && !der) throw new CertbenchError('invalid-request', `a ${this.id} removal plan names the certificate by SHA-1: give the certificate file, not only its SHA-256`);
    if (!der) return makeJob(base, []);
    const user = this.store.location === 'CurrentUser';
    // The SHA-1 thumbprint, not a name: a CN or serial may match several certificates (certutil usage).
    const args = [...(user ? ['-user'] : []), '-delstore', this.store.name, sha1Hex(der)];
    return makeJob(base, [{ kind: 'run', file: CERTUTIL_EXE, args, elevated: !user }]);
  }

  protected override interpret: FailureInterpreter = (step, out) => {
    const code = out.exitCode >>> 0;
    if (code === ERROR_CANCELLED) return new CertbenchError('cancelled', `${this.id}: the Windows dialog was answered No; nothing was changed`);
    if (code === E_ACCESSDENIED) return new CertbenchError('permission-denied', `${this.id}: access denied (LocalMachine stores need administrator rights)`);
    return genericFailure(step.file, out);
  };

}
