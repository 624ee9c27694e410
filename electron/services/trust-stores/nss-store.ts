import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { certificateDers } from '../../../shared/pki/cert-scan.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';
import type { Elevator } from '../elevation/elevator.js';
import { createStagingDir } from '../elevation/staging.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { childEnv, genericFailure, type FailureInterpreter } from './job-executor.js';
import { listableNickname, parseNssListing, trustsForTls } from './nss-listing.js';
import { describeStored, normaliseSha256, roleOf, roleWarnings } from './stored-certificate.js';
import { makeJob, type JobStep, type TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate } from './trust-store.js';

export const CERTUTIL = 'certutil';

interface NssCertificate {
  readonly nickname: string;
  readonly trust: string;
  readonly certificate: StoredCertificate;
}
/** `-N` on an existing database loops on a password prompt forever (docs/trust-stores.md §4): never wait long. */
const CERTUTIL_TIMEOUT_MS = 30_000;
const TLS_ROOT_TRUST = 'C,,';

/**
 * An NSS database (`nss:DIR`, optionally `nss:sql:DIR` / `nss:dbm:DIR`): Firefox profiles,
 * ~/.pki/nssdb (Chrome, Chromium, Electron apps), or any agent's database. Run with NSS certutil
 * argv, unprivileged. "Holds" means trusted as a TLS CA (`C` in the SSL flags); a certificate
 * present without that trust is added again by setting `C,,` on its nickname.
 */
export class NssStore extends BaseTrustStore {
  readonly info: StoreInfo;
  private readonly dir: string;
  private readonly forcedType: 'sql' | 'dbm' | undefined;
  /**
   * DER exported per nickname, for this instance's lifetime (one CLI run or one app request).
   * certutil exports one nickname per process, so without it every add would re-export the
   * whole database twice (plan and confirmation).
   */
  readonly #exported = new Map<string, StoredCertificate[]>();

  constructor(env: ServiceEnv, elevator: Elevator, spec: string, detail = 'NSS database') {
    super(env, elevator);
    const m = /^(sql|dbm):(.+)$/.exec(spec);
    this.dir = m ? m[2]! : spec;
    this.forcedType = m ? (m[1] as 'sql' | 'dbm') : undefined;
    this.info = { id: `nss:${spec}`, displayName: `NSS ${this.dir}`, kind: 'nss', detail, readOnly: false, holds: 'anchors' };
  }

  async available(): Promise<boolean> {
    return (await this.#dbType()) !== undefined;
  }

  async list(): Promise<StoredCertificate[]> {
    return (await this.#listDetailed()).map((d) => d.certificate);
  }

  override async contains(sha256: string): Promise<boolean> {
    const wanted = normaliseSha256(sha256);
    return (await this.#listDetailed()).some((d) => d.certificate.sha256 === wanted && trustsForTls(d.trust));
  }

  /** Every certificate with its nickname and trust flags; each nickname is exported as PEM (`-a`). */
  async #listDetailed(): Promise<NssCertificate[]> {
    const db = await this.#dbArg();
    if (!db) return [];
    const now = this.env.now();
    const out: NssCertificate[] = [];
    for (const { nickname, trust } of parseNssListing((await this.#certutil(['-L', '-d', db])).stdout)) {
      let described = this.#exported.get(nickname);
      if (!described) {
        const pem = (await this.#certutil(['-L', '-d', db, '-n', nickname, '-a'])).stdout;
        described = certificateDers(new TextEncoder().encode(pem)).map((der) => describeStored(der, now, { removable: true }));
        this.#exported.set(nickname, described);
      }
      for (const certificate of described) out.push({ nickname, trust, certificate: { ...certificate, label: `${nickname} (${trust})` } });
    }
    return out;
  }

  protected async jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings: roleWarnings(roleOf(der), 'anchors') };
    const listed = await this.#listDetailed();
    const present = listed.find((c) => c.certificate.sha256 === sha256);
    const db = await this.#dbArgForWrite();
    if (present) {
      if (trustsForTls(present.trust)) return makeJob(base, []);
      // Re-adding under a new nickname would silently keep the old one (§4 gotcha): modify it instead.
      return makeJob(base, [this.#run(['-M', '-d', db, '-n', present.nickname, '-t', TLS_ROOT_TRUST])]);
    }
    const wanted = listableNickname(options.label ?? '') || defaultNickname(der);
    const nickname = listed.some((c) => c.nickname === wanted) ? `${wanted} #${sha256.slice(0, 8)}` : wanted;
    const steps: JobStep[] = [];
    if ((await this.#dbType()) === undefined) {
      if (!(await isDirectory(this.dir))) steps.push({ kind: 'make-dir', path: this.dir, elevated: false });
      steps.push(this.#run(['-N', '--empty-password', '-d', db], 'creates an empty database (never run on an existing one: it hangs)'));
    }
    const staging = await createStagingDir(this.env.platform);
    const staged = join(staging, 'certificate.pem');
    steps.push({ kind: 'write-file', path: staged, content: new TextEncoder().encode(toPem('CERTIFICATE', der)), elevated: false });
    steps.push(this.#run(['-A', '-d', db, '-t', TLS_ROOT_TRUST, '-n', nickname, '-i', staged], 'a running browser may need a restart to see it'));
    return makeJob(base, steps, staging);
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [] };
    const held = (await this.#listDetailed()).filter((c) => c.certificate.sha256 === sha256);
    if (held.length === 0) return makeJob(base, []);
    const db = await this.#dbArgForWrite();
    const nicknames = [...new Set(held.map((c) => c.nickname))];
    for (const nick of nicknames) this.#exported.delete(nick);
    return makeJob(
      base,
      nicknames.map((nick) => this.#run(['-D', '-d', db, '-n', nick])),
    );
  }

  protected override interpret: FailureInterpreter = (step, out) => nssError(this.id, out.stderr) ?? genericFailure(step.file, out);

  #run(args: string[], note?: string): JobStep {
    return { kind: 'run', file: CERTUTIL, args, elevated: false, ...(note ? { note } : {}) };
  }

  async #certutil(args: string[]) {
    const out = await this.env.runner.run({ file: CERTUTIL, args, env: childEnv(this.env.env), timeoutMs: CERTUTIL_TIMEOUT_MS });
    if (out.exitCode !== 0) throw nssError(this.id, out.stderr) ?? genericFailure(CERTUTIL, out);
    return out;
  }

  /** `sql` when cert9.db exists, `dbm` when only cert8.db does (mkcert's rule), else none. */
  async #dbType(): Promise<'sql' | 'dbm' | undefined> {
    if (this.forcedType === 'sql' && (await exists(join(this.dir, 'cert9.db')))) return 'sql';
    if (this.forcedType === 'dbm' && (await exists(join(this.dir, 'cert8.db')))) return 'dbm';
    if (this.forcedType) return undefined;
    if (await exists(join(this.dir, 'cert9.db'))) return 'sql';
    if (await exists(join(this.dir, 'cert8.db'))) return 'dbm';
    return undefined;
  }

  async #dbArg(): Promise<string | undefined> {
    const type = await this.#dbType();
    return type ? `${type}:${this.dir}` : undefined;
  }

  async #dbArgForWrite(): Promise<string> {
    return (await this.#dbArg()) ?? `${this.forcedType ?? 'sql'}:${this.dir}`;
  }
}

/** Certbench's default nickname: the subject's CN, else the whole subject. */
function defaultNickname(der: Uint8Array): string {
  const subject = parseCertificate(der).subject;
  const cn = /(?:^|,\s*)CN=((?:\\.|[^,])+)/.exec(subject)?.[1];
  return listableNickname(cn ?? subject) || 'Certbench CA';
}

/** NSS error names on stderr → specific codes (docs/trust-stores.md §4; all errors exit 255). */
export function nssError(storeId: string, stderr: string): CertbenchError | undefined {
  const line = stderr.trim().split('\n')[0] ?? '';
  if (stderr.includes('SEC_ERROR_READ_ONLY')) return new CertbenchError('permission-denied', `${storeId} is read-only for this user: ${line}`);
  if (stderr.includes('SEC_ERROR_BAD_DATABASE')) return new CertbenchError('not-found', `${storeId} is not an NSS database: ${line}`);
  if (stderr.includes('SEC_ERROR_LEGACY_DATABASE')) {
    return new CertbenchError('unsupported', `${storeId} is a legacy dbm database this certutil cannot open: ${line}`);
  }
  if (stderr.includes('SEC_ERROR_ADDING_CERT')) return new CertbenchError('conflict', `${storeId}: the nickname holds another certificate: ${line}`);
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  const s = await stat(path).catch(() => undefined);
  if (s && !s.isDirectory()) throw new CertbenchError('invalid-request', `${path} is a file, not an NSS database directory`);
  return s !== undefined;
}
