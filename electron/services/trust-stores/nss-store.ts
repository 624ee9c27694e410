import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';
import type { Elevator } from '../elevation/elevator.js';
import { createStagingDir } from '../elevation/staging.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { childEnv, genericFailure, type FailureInterpreter } from './job-executor.js';
import { listableNickname, parseNssListing, trustsForTls } from './nss-listing.js';
import { readNssCertificates } from './nss-sqlite.js';
import { describeStored, roleOf, roleWarnings } from './stored-certificate.js';
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
  /** DER per nickname, until this instance changes the database (the listing is cached alike). */
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

  override async describe(): Promise<StoreInfo> {
    const info = await super.describe();
    return info.unreadable && (await this.#dbType()) === undefined ? { ...info, creatable: true } : info;
  }

  /** A database not created yet is a state of its own: a plan that creates it is refused if one appeared. */
  override async stateDigest(): Promise<string> {
    return (await this.#dbType()) === undefined ? `no database at ${this.dir}` : super.stateDigest();
  }

  protected async readListing(): Promise<StoredCertificate[]> {
    return (await this.#listDetailed()).map((d) => d.certificate);
  }

  /**
   * Every certificate with its nickname and trust flags, the flags as the entry's trust; a
   * directory without a database is an error that says so (never an empty store).
   */
  async #listDetailed(): Promise<NssCertificate[]> {
    const db = await this.#dbArg();
    if (!db) throw new CertbenchError('not-found', `${this.id}: no NSS database at ${this.dir} (neither cert9.db nor cert8.db)`);
    const now = this.env.now();
    const out: NssCertificate[] = [];
    // One read of cert9.db (beside certutil -L, not after it) gives every DER; certutil's
    // per-nickname export remains for dbm and anything the read missed.
    const [listed, fromDb] = await Promise.all([
      this.#certutil(['-L', '-d', db]),
      db.startsWith('sql:') ? readNssCertificates(join(this.dir, 'cert9.db')).catch(() => undefined) : undefined,
    ]);
    const listing = parseNssListing(listed.stdout);
    for (const { nickname, trust } of listing) {
      let described = this.#exported.get(nickname);
      if (!described) {
        const ders = fromDb?.get(nickname) ?? certificateDers(new TextEncoder().encode((await this.#certutil(['-L', '-d', db, '-n', nickname, '-a'])).stdout));
        described = ders.map((der) => describeStored(der, now, { removable: true }));
        this.#exported.set(nickname, described);
      }
      for (const certificate of described) {
        out.push({ nickname, trust, certificate: { ...certificate, label: nickname, trust: nssTrust(trust), trustText: trust } });
      }
    }
    return out;
  }

  protected async jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const warnings = roleWarnings(roleOf(der), 'anchors');
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings, platform: 'any (NSS certutil)' };
    const exists = (await this.#dbType()) !== undefined;
    const listed = exists ? await this.#listDetailed() : [];
    const present = listed.find((c) => c.certificate.sha256 === sha256);
    const db = await this.#dbArgForWrite();
    if (present) {
      if (trustsForTls(present.trust)) return makeJob(base, []);
      if (nssTrust(present.trust) === 'distrusted' && !options.overrideDistrust) {
        throw new CertbenchError(
          'conflict',
          `${this.id} explicitly distrusts this certificate (${present.trust} on "${present.nickname}"); Certbench changes that only when asked (--override-distrust, or the override choice in the app)`,
        );
      }
      // Re-adding under a new nickname would silently keep the old one (§4 gotcha): modify it instead.
      const note = nssTrust(present.trust) === 'distrusted' ? `replaces the explicit distrust ${present.trust}, as you chose` : undefined;
      return makeJob(base, [this.#run(['-M', '-d', db, '-n', present.nickname, '-t', TLS_ROOT_TRUST], note)]);
    }
    const wanted = listableNickname(options.label ?? '') || defaultNickname(der);
    const nickname = listed.some((c) => c.nickname === wanted) ? `${wanted} #${sha256.slice(0, 8)}` : wanted;
    const steps: JobStep[] = [];
    const sideEffects: string[] = [];
    const created = !exists;
    if (created) {
      if (!(await isDirectory(this.dir))) steps.push({ kind: 'make-dir', path: this.dir, elevated: false });
      steps.push(this.#run(['-N', '--empty-password', '-d', db], 'creates an empty database (never run on an existing one: it hangs)'));
    }
    const staging = await createStagingDir(this.env.platform);
    const staged = join(staging, 'certificate.pem');
    steps.push({ kind: 'write-file', path: staged, content: new TextEncoder().encode(toPem('CERTIFICATE', der)), elevated: false });
    steps.push(this.#run(['-A', '-d', db, '-t', TLS_ROOT_TRUST, '-n', nickname, '-i', staged], 'a running browser may need a restart to see it'));
    if (created && options.owner) {
      steps.push({
        kind: 'run',
        file: 'chown',
        args: ['-R', '--', checkedOwner(options.owner), this.dir],
        elevated: !this.elevator.privileged,
        note: 'the service user who opens this database must own it',
      });
      sideEffects.push(`the new database ${this.dir} is given to ${options.owner}`);
    } else if (created) {
      const otherOwner = await ownerMismatch(this.dir);
      if (otherOwner) warnings.push(`${otherOwner} The database is created as the user running Certbench; give an owner (--owner USER) to add the chown step, or run chown -R USER ${this.dir} afterwards.`);
    }
    return makeJob({ ...base, sideEffects }, steps, { stagingDir: staging });
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [], platform: 'any (NSS certutil)' };
    const held = (await this.#listDetailed()).filter((c) => c.certificate.sha256 === sha256);
    if (held.length === 0) return makeJob(base, []);
    const db = await this.#dbArgForWrite();
    const nicknames = [...new Set(held.map((c) => c.nickname))];
    return makeJob(
      base,
      nicknames.map((nick) => this.#run(['-D', '-d', db, '-n', nick])),
    );
  }

  protected override forget(): void {
    super.forget();
    this.#exported.clear();
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

/** NSS trust flags as a trust state: `p` in the SSL position distrusts, `C` trusts for TLS, anything else neither. */
function nssTrust(flags: string): 'trusted' | 'untrusted' | 'distrusted' {
  const ssl = flags.split(',')[0] ?? '';
  if (ssl.includes('p')) return 'distrusted';
  return trustsForTls(flags) ? 'trusted' : 'untrusted';
}

function checkedOwner(owner: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?$/.test(owner)) {
    throw new CertbenchError('invalid-request', `${JSON.stringify(owner)} is not a user or user:group name`);
  }
  return owner;
}

/** A sentence when the directory (or its parent) belongs to another user than the one running Certbench. */
async function ownerMismatch(dir: string): Promise<string | undefined> {
  if (typeof process.geteuid !== 'function') return undefined;
  const s = (await stat(dir).catch(() => undefined)) ?? (await stat(dirname(dir)).catch(() => undefined));
  if (!s || s.uid === process.geteuid()) return undefined;
  return `${dir} belongs to uid ${s.uid}, not to you (uid ${process.geteuid()}).`;
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
