import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import type { Elevator } from '../elevation/elevator.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { genericFailure, type FailureInterpreter } from './job-executor.js';
import { macosAuthorizationProblem, parseFindCertificate } from './macos-output.js';
import { stageCertificate } from './staged-certificate.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate } from './trust-store.js';

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
 * NOT run on a real Mac: tested on the exact argv and a documented-format output sample.
 */
export class MacosStore extends BaseTrustStore {
  readonly info: StoreInfo;
  private readonly keychain: string;
  private readonly system: boolean;

  constructor(env: ServiceEnv, elevator: Elevator, id: MacosStoreId) {
    super(env, elevator);
    this.system = id === 'macos-system';
    this.keychain = this.system ? SYSTEM_KEYCHAIN : join(env.homeDir, 'Library/Keychains/login.keychain-db');
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
    return this.env.platform === 'darwin';
  }

  async list(): Promise<StoredCertificate[]> {
    const out = await this.env.runner.run({ file: SECURITY, args: ['find-certificate', '-a', '-p', '-Z', this.keychain], env: this.env.env });
    if (out.exitCode !== 0) throw genericFailure(SECURITY, out);
    const now = this.env.now();
    return parseFindCertificate(out.stdout).map((c) => describeStored(c.der, now, { removable: true, label: c.sha1 }));
  }

  protected async jobAdd(der: Uint8Array, _options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const role = roleOf(der);
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings: roleWarnings(role, role === 'root' ? 'anchors' : 'intermediates') };
    if (await this.contains(sha256)) return makeJob(base, []);
    const staged = await stageCertificate(this.env.platform, der);
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
    return makeJob({ ...base, needsElevation: this.system }, [staged.step, step], staged.dir);
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [] };
    const entry = await this.findRemovable(sha256);
    if (!entry?.label) return makeJob(base, []);
    // -t also drops trust settings; admin ones only when euid is 0 (Apple keychain_delete.c), hence elevated for System.
    const args = ['delete-certificate', '-Z', entry.label, '-t', this.keychain];
    return makeJob(base, [{ kind: 'run', file: SECURITY, args, elevated: this.system }]);
  }

  protected override interpret: FailureInterpreter = (step, out) => {
    const problem = macosAuthorizationProblem(out.stderr);
    if (problem) return new CertbenchError('elevation-denied', `${this.id}: ${problem}`);
    if (/Unable to delete certificate matching/.test(out.stderr)) return new CertbenchError('not-found', `${this.id}: the certificate is no longer there`);
    return genericFailure(step.file, out);
  };
}
