import { basename, join } from 'node:path';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';
import type { Elevator } from '../elevation/elevator.js';
import type { ElevatedCommand } from '../elevation/elevated-command.js';
import { createStagingDir } from '../elevation/staging.js';
import { elevatedInstallSteps } from '../elevation/verified-copy.js';
import { readKeystore } from '../keystore/keystore-reader.js';
import type { KeystoreService } from '../keystore/keystore-service.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { cacertsEditStep } from './cacerts-edit-step.js';
import { UPDATE_CA_CERTIFICATES } from './linux-debian.js';
import { JAVA_HOOK, debianHooks, refreshSideEffects } from './linux-hooks.js';
import type { LinuxLayout } from './linux-layout.js';
import { filesWithExtension, readCertificateFile } from './read-certificates.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate } from './trust-store.js';

/** Debian's ca-certificates-java keeps the JDK default password unless /etc/default/cacerts changes it. */
const DEBIAN_CACERTS_PASSWORD = 'changeit';

/**
 * The Linux system store: `linux` (family detected from the layout) or `linux-debian` /
 * `linux-rhel` named explicitly. Listing reads the extracted bundle (what OpenSSL, curl and friends
 * trust); only certificates with a file in the local anchors directory are removable. Files are
 * named `certbench-<sha256 prefix>` so an elevated copy never carries a user-chosen name. The
 * refresh's side effects (Debian hooks, RHEL's extracted Java bundle) are part of the plan, and a
 * Debian removal also deletes the alias ca-certificates-java added, which `--fresh` leaves behind.
 */
export class LinuxStore extends BaseTrustStore {
  readonly info: StoreInfo;

  constructor(
    env: ServiceEnv,
    elevator: Elevator,
    private readonly layout: LinuxLayout,
    /** Deletes the Java alias a Debian hook added, the one way a cacerts is edited. */
    private readonly keystores: KeystoreService,
    id: 'linux' | 'linux-debian' | 'linux-rhel' = 'linux',
  ) {
    super(env, elevator, 'linux');
    const family = layout.family === 'debian' ? 'Debian/Ubuntu' : 'RHEL/Fedora';
    const tool = layout.family === 'debian' ? 'update-ca-certificates' : 'update-ca-trust';
    this.info = {
      id,
      displayName: `Linux system store (${family})`,
      kind: 'linux',
      detail: `${layout.anchorsDir} + ${tool}${layout.sandboxed ? ` (sandbox ${layout.root})` : ''}`,
      readOnly: false,
      holds: 'anchors',
    };
  }

  get #platformLabel(): string {
    return `Linux (${this.layout.family === 'debian' ? 'Debian/Ubuntu' : 'RHEL/Fedora'})`;
  }

  async available(): Promise<boolean> {
    return true;
  }

  protected async readListing(): Promise<StoredCertificate[]> {
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
    const name = `certbench-${sha256.slice(0, 16)}${this.layout.extension}`;
    const base = {
      storeId: this.id,
      action: 'add' as const,
      sha256,
      warnings: roleWarnings(roleOf(der), 'anchors'),
      platform: this.#platformLabel,
      runnableHere: !this.foreign,
      sideEffects: await refreshSideEffects(this.layout, `${basename(name, '.crt')}.pem`, 'add'),
    };
    if (!this.foreign && (await this.contains(sha256))) return makeJob(base, []);
    const target = join(this.layout.anchorsDir, name);
    const content = new TextEncoder().encode(toPem('CERTIFICATE', der));
    const refresh = this.#refreshStep('add');
    if (this.elevator.privileged || this.foreign) {
      return makeJob(base, [{ kind: 'write-file', path: target, content, elevated: false, note: 'PEM, never DER, in a .crt' }, refresh], {
        undo: [{ kind: 'remove-file', path: target, elevated: false }],
      });
    }
    // The staged copy is checked root-side before it moves into place, the one way every elevated
    // copy is made (verified-copy.ts); the undo also takes out the temp the failed batch may leave.
    const staging = await createStagingDir(this.env.platform);
    const staged = join(staging, name);
    const copy = elevatedInstallSteps(this.env.platform, [{ staged, target, mode: 0o644, expected: content }]);
    const elevatedStep = (c: ElevatedCommand): JobStep => ({ kind: 'run', file: c.file, args: c.args, elevated: true, ...(c.stdin === undefined ? {} : { stdin: c.stdin }) });
    return makeJob(base, [{ kind: 'write-file', path: staged, content, elevated: false }, ...copy.commands.map(elevatedStep), refresh], {
      stagingDir: staging,
      undo: [...copy.rollback.map(elevatedStep), { kind: 'run', file: '/bin/rm', args: ['-f', '--', target], elevated: true }],
    });
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const files = this.foreign ? [] : ((await this.#localFiles()).get(sha256) ?? []);
    const linkNames = files.map((f) => `${basename(f, this.layout.extension)}.pem`);
    const java = (await this.#javaAliases(sha256, linkNames)).map((alias) => this.#javaAliasDelete(alias));
    const base = {
      storeId: this.id,
      action: 'remove' as const,
      sha256,
      warnings: [],
      platform: this.#platformLabel,
      runnableHere: !this.foreign,
      sideEffects: await refreshSideEffects(this.layout, linkNames[0] ?? '', 'remove').then((effects) =>
        java.length > 0 || this.layout.family === 'rhel' ? effects : effects.filter((e) => !e.includes(JAVA_HOOK)),
      ),
    };
    if (this.foreign) return makeJob({ ...base, warnings: ['planned without reading the store: run on that machine to check it holds the certificate'] }, []);
    const entry = await this.findRemovable(sha256);
    if (!entry && java.length === 0) return makeJob(base, []);
    const removals: JobStep[] =
      files.length === 0
        ? []
        : this.elevator.privileged
          ? files.map((path) => ({ kind: 'remove-file', path, elevated: false }))
          : [{ kind: 'run', file: '/bin/rm', args: ['-f', '--', ...files], elevated: true }];
    return makeJob(base, [...removals, this.#refreshStep('remove'), ...java]);
  }

  /**
   * Debian only: the `debian:<link>.pem` aliases ca-certificates-java added for this certificate,
   * which `update-ca-certificates --fresh` never reports to the hook.
   */
  async #javaAliases(sha256: string, linkNames: readonly string[]): Promise<string[]> {
    if (this.layout.family !== 'debian' || this.foreign) return [];
    if (!(await debianHooks(this.layout.hooksDir!)).includes(JAVA_HOOK)) return [];
    const keystore = await readKeystore(this.layout.javaCacerts).catch(() => undefined);
    if (!keystore) return [];
    const ours = new Set(linkNames.map((n) => `debian:${n}`.toLowerCase()));
    return keystore.entries
      .filter((e) => ours.has(e.alias.toLowerCase()) || (e.alias.startsWith('debian:certbench-') && e.certificates[0] && sha256Hex(e.certificates[0].der) === sha256))
      .map((e) => e.alias);
  }

  /**
   * Through the keystore service like any cacerts edit: backed up, keytool on a copy as this user,
   * verified, then put in place (with one more prompt when the file is root's). Root and a desktop
   * user take the same path, so a removal undoes the hook's add for both.
   */
  #javaAliasDelete(alias: string): JobStep {
    const path = this.layout.javaCacerts;
    return cacertsEditStep(
      path,
      ['-delete', '-alias', alias],
      !this.elevator.privileged,
      async () => {
        await this.keystores.delete({ path, password: DEBIAN_CACERTS_PASSWORD }, alias);
      },
      'the alias ca-certificates-java added; Debian cacerts password (changeit)',
    );
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
      elevated: !this.elevator.privileged && !this.foreign,
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
