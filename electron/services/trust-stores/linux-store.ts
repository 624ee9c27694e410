import { basename, join } from 'node:path';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';
import type { Elevator } from '../elevation/elevator.js';
import { createStagingDir } from '../elevation/staging.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { UPDATE_CA_CERTIFICATES } from './linux-debian.js';
import type { LinuxLayout } from './linux-layout.js';
import { filesWithExtension, readCertificateFile } from './read-certificates.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate } from './trust-store.js';

/**
 * The Linux system store (`linux`): Debian or RHEL family by layout. Listing reads the extracted
 * bundle (what OpenSSL, curl and friends trust); only certificates with a file in the local
 * anchors directory are removable. Files are named `certbench-<sha256 prefix>` so an elevated
 * copy never carries a user-chosen name.
 */
export class LinuxStore extends BaseTrustStore {
  readonly info: StoreInfo;

  constructor(
    env: ServiceEnv,
    elevator: Elevator,
    private readonly layout: LinuxLayout,
  ) {
    super(env, elevator);
    const family = layout.family === 'debian' ? 'Debian/Ubuntu' : 'RHEL/Fedora';
    const tool = layout.family === 'debian' ? 'update-ca-certificates' : 'update-ca-trust';
    this.info = {
      id: 'linux',
      displayName: `Linux system store (${family})`,
      kind: 'linux',
      detail: `${layout.anchorsDir} + ${tool}${layout.sandboxed ? ` (sandbox ${layout.root})` : ''}`,
      readOnly: false,
      holds: 'anchors',
    };
  }

  async available(): Promise<boolean> {
    return true;
  }

  async list(): Promise<StoredCertificate[]> {
    const local = await this.#localFiles();
    const now = this.env.now();
    const seen = new Set<string>();
    const out: StoredCertificate[] = [];
    for (const der of await readCertificateFile(this.layout.bundle)) {
      const sha = sha256Hex(der);
      if (seen.has(sha)) continue;
      seen.add(sha);
      const files = local.get(sha);
      out.push(describeStored(der, now, { removable: files !== undefined, ...(files ? { label: basename(files[0]!) } : {}) }));
    }
    return out;
  }

  protected async jobAdd(der: Uint8Array, _options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings: roleWarnings(roleOf(der), 'anchors') };
    if (await this.contains(sha256)) return makeJob(base, []);
    const name = `certbench-${sha256.slice(0, 16)}${this.layout.extension}`;
    const target = join(this.layout.anchorsDir, name);
    const content = new TextEncoder().encode(toPem('CERTIFICATE', der));
    const refresh = this.#refreshStep('add');
    if (this.elevator.privileged) {
      return makeJob(
        base,
        [{ kind: 'write-file', path: target, content, elevated: false, note: 'PEM, never DER, in a .crt' }, refresh],
        undefined,
        [{ kind: 'remove-file', path: target, elevated: false }],
      );
    }
    const staging = await createStagingDir(this.env.platform);
    const staged = join(staging, name);
    return makeJob(
      base,
      [
        { kind: 'write-file', path: staged, content, elevated: false },
        { kind: 'run', file: '/usr/bin/install', args: ['-m', '0644', staged, target], elevated: true },
        refresh,
      ],
      staging,
      [{ kind: 'run', file: '/bin/rm', args: ['-f', '--', target], elevated: true }],
    );
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [] };
    const entry = await this.findRemovable(sha256);
    if (!entry) return makeJob(base, []);
    const files = (await this.#localFiles()).get(sha256) ?? [];
    const removals: JobStep[] = this.elevator.privileged
      ? files.map((path) => ({ kind: 'remove-file', path, elevated: false }))
      : [{ kind: 'run', file: '/bin/rm', args: ['-f', '--', ...files], elevated: true }];
    return makeJob(base, [...removals, this.#refreshStep('remove')]);
  }

  #refreshStep(action: 'add' | 'remove'): JobStep {
    const { file, args, env } = this.layout.refresh(action);
    const note =
      action === 'remove'
        ? file === UPDATE_CA_CERTIFICATES
          ? '--fresh drops the dangling hash links'
          : undefined
        : 'if this fails, the anchor file just written is deleted again';
    return {
      kind: 'run',
      file,
      args,
      elevated: !this.elevator.privileged,
      ...(env ? { env } : {}),
      ...(note ? { note } : {}),
    };
  }

  /** SHA-256 → the local anchor files holding that certificate (admins sometimes add one twice). */
  async #localFiles(): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (const path of await filesWithExtension(this.layout.anchorsDir, this.layout.extension)) {
      // A junk file in the anchors directory is the admin's business; it must not hide the rest.
      const ders = await readCertificateFile(path).catch(() => []);
      for (const der of ders) {
        const sha = sha256Hex(der);
        map.set(sha, [...(map.get(sha) ?? []), path]);
      }
    }
    return map;
  }
}
