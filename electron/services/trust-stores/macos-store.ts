import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha1Hex, sha256Hex } from '../../../shared/pki/hash.js';
import { createStagingDir, removeStagingDir } from '../elevation/staging.js';
import type { Elevator } from '../elevation/elevator.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { genericFailure, type FailureInterpreter } from './job-executor.js';
import { macosAuthorizationProblem, NO_TRUST_SETTINGS, parseFindCertificate, parseTrustSettings, type MacosTrust } from './macos-output.js';
import { stageCertificate } from './staged-certificate.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, RemoveOptions, StoredCertificate } from './trust-store.js';

export type MacosStoreId = 'macos-system' | 'macos-login';

export const SECURITY = '/usr/bin/security';
export const SYSTEM_KEYCHAIN = '/Library/Keychains/System.keychain';

/**
 * The macOS System keychain with admin trust settings (`macos-system`, all users) or the user's
 * login keychain (`macos-login`). Roots get `add-trusted-cert -r trustRoot` (`-d` for the admin
 * domain); intermediates are added without trust settings. macOS itself asks for the
 * administrator's approval of trust changes, in a dialog, which since macOS 11 root alone
 * cannot bypass; so Certbench does not wrap add-trusted-cert in its own elevation. Writing to
 * or deleting from the System keychain without trust changes goes through the elevator.
 * NOT run on a real Mac: tested on the exact argv and on synthesized samples of the documented output.
 */
export class MacosStore extends BaseTrustStore {
  readonly info: StoreInfo;
  private readonly keychain: string;
  private readonly system: boolean;

  constructor(env: ServiceEnv, elevator: Elevator, id: MacosStoreId) {
    super(env, elevator, 'darwin');
    this.system = id === 'macos-system';
    // Seen from another OS, the login keychain is named as `security` resolves it from the user's search list.
    this.keychain = this.system ? SYSTEM_KEYCHAIN : this.foreign ? 'login.keychain-db' : join(env.homeDir, 'Library/Keychains/login.keychain-db');
    this.info = {
      id,
      displayName: this.system ? 'macOS System keychain (all users)' : 'macOS login keychain (this user)',
      kind: 'macos',
      detail: this.keychain,
      readOnly: false,
      holds: 'both',
    };
  }

  async available(): Promise<boolean> {
    return !this.foreign;
  }

  /**
   * The keychain's certificates with their trust in this store's domain (admin for System, user
   * for login): presence is not trust. A root without settings is `untrusted`; an intermediate
   * needs none (it only helps build chains); a Deny ("Never Trust") is `distrusted`.
   */
  protected async readListing(): Promise<StoredCertificate[]> {
    const out = await this.env.runner.run({ file: SECURITY, args: ['find-certificate', '-a', '-p', '-Z', this.keychain], env: this.env.env });
    if (out.exitCode !== 0) throw genericFailure(SECURITY, out);
    const settings = await this.#trustSettings();
    const now = this.env.now();
    return parseFindCertificate(out.stdout).map((c) => {
      const described = describeStored(c.der, now, { removable: true, label: c.sha1 });
      const setting = settings.get(c.sha1);
      const trust = setting === 'distrusted' ? 'distrusted' : setting === 'trusted' || described.role !== 'root' ? 'trusted' : 'untrusted';
      return { ...described, trust, ...(setting ? { trustText: setting === 'distrusted' ? 'Never Trust' : setting === 'trusted' ? 'Always Trust' : 'no trust setting' } : {}) };
    });
  }

  /** `security trust-settings-export [-d] FILE` into a private temp dir, parsed as a plist. */
  async #trustSettings(): Promise<Map<string, MacosTrust>> {
    const dir = await createStagingDir(this.env.platform);
    try {
      const file = join(dir, 'trust-settings.plist');
      const out = await this.env.runner.run({ file: SECURITY, args: ['trust-settings-export', ...(this.system ? ['-d'] : []), file], env: this.env.env });
      if (out.exitCode !== 0) {
        if (NO_TRUST_SETTINGS.test(out.stderr + out.stdout)) return new Map();
        throw genericFailure(SECURITY, out);
      }
      return parseTrustSettings(await readFile(file, 'utf8'));
    } finally {
      await removeStagingDir(dir);
    }
  }

  protected async jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const role = roleOf(der);
    const base = {
      storeId: this.id,
      action: 'add' as const,
      sha256,
      warnings: roleWarnings(role, role === 'root' ? 'anchors' : 'intermediates'),
      platform: 'macOS',
      runnableHere: !this.foreign,
    };
    const holding = this.foreign ? 'missing' : await this.holding(sha256);
    if (holding === 'present') return makeJob(base, []);
    if (holding === 'distrusted' && !options.overrideDistrust) {
      throw new CertbenchError('conflict', `${this.id}: macOS is set to Never Trust this certificate; Certbench changes that only when asked (--override-distrust)`);
    }
    const staged = await stageCertificate(this.env.platform, der, 'certificate.pem', this.foreign);
    const step: JobStep =
      role === 'root'
        ? {
            kind: 'run',
            file: SECURITY,
            args: ['add-trusted-cert', ...(this.system ? ['-d'] : []), '-r', 'trustRoot', '-k', this.keychain, staged.path],
            elevated: false,
            note: this.system
              ? 'macOS asks for an administrator to approve the trust change in its own dialog (required since macOS 11)'
              : 'macOS asks for your password to change your trust settings',
          }
        : {
            kind: 'run',
            file: SECURITY,
            args: ['add-certificates', '-k', this.keychain, staged.path],
            elevated: this.system,
            note: 'intermediates are stored without trust settings: they help build chains, they are not anchors',
          };
    return makeJob({ ...base, needsElevation: this.system }, [staged.step, step], { stagingDir: staged.dir });
  }

  protected async jobRemove(sha256: string, options: RemoveOptions): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [], platform: 'macOS', runnableHere: !this.foreign };
    if (this.foreign && !options.der) throw new CertbenchError('invalid-request', `a ${this.id} removal plan names the certificate by SHA-1: give the certificate file, not only its SHA-256`);
    const sha1 = this.foreign ? sha1Hex(options.der!) : (await this.findRemovable(sha256))?.label;
    if (!sha1) return makeJob(base, []);
    // -t also drops trust settings; admin ones only when euid is 0 (Apple keychain_delete.c), hence elevated for System.
    const args = ['delete-certificate', '-Z', sha1, '-t', this.keychain];
    return makeJob(base, [{ kind: 'run', file: SECURITY, args, elevated: this.system }]);
  }

  protected override interpret: FailureInterpreter = (step, out) => {
    const problem = macosAuthorizationProblem(out.stderr);
    if (problem) return new CertbenchError('elevation-denied', `${this.id}: ${problem}`);
    if (/Unable to delete certificate matching/.test(out.stderr)) return new CertbenchError('not-found', `${this.id}: the certificate is no longer there`);
    return genericFailure(step.file, out);
  };
}
