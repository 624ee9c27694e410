import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo, TrustPlan } from '../../../shared/model/trust.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import type { Elevator } from '../elevation/elevator.js';
import { removeStagingDir } from '../elevation/staging.js';
import type { ServiceEnv } from '../service-env.js';
import { executeJob, type FailureInterpreter } from './job-executor.js';
import { normaliseSha256 } from './stored-certificate.js';
import type { TrustJob } from './trust-job.js';
import type { AddOptions, Holding, RemoveOptions, StoredCertificate, TrustStore } from './trust-store.js';

/**
 * The part every adapter shares: plan → run exactly that plan → re-list and confirm. Adapters say
 * how to list and which steps a change takes; they never run a change without this confirmation.
 * An adapter of another OS (a Windows store seen from Linux) still plans, for preview and export,
 * but never lists or runs.
 */
export abstract class BaseTrustStore implements TrustStore {
  abstract readonly info: StoreInfo;
  #listing: Promise<StoredCertificate[]> | undefined;

  constructor(
    protected readonly env: ServiceEnv,
    protected readonly elevator: Elevator,
    /** The OS whose tools this adapter drives; undefined for stores any OS can change (NSS, PEM, Java). */
    protected readonly nativePlatform?: NodeJS.Platform,
  ) {}

  get id(): string {
    return this.info.id;
  }

  /** True when this adapter's OS is not the one Certbench runs on: plans are previews only. */
  protected get foreign(): boolean {
    return this.nativePlatform !== undefined && this.nativePlatform !== this.env.platform;
  }

  abstract available(): Promise<boolean>;
  /** Reads the store (tools or files); `list()` caches it. */
  protected abstract readListing(): Promise<StoredCertificate[]>;
  protected abstract jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob>;
  protected abstract jobRemove(sha256: string, options: RemoveOptions): Promise<TrustJob>;
  /** Adapter-specific reading of a failed tool run; the default yields the generic `tool-failed`. */
  protected interpret: FailureInterpreter = () => undefined;

  /** The adapter's OS by name, for messages about a store of another OS. */
  protected get nativeName(): string {
    return OS_NAMES[this.nativePlatform ?? this.env.platform] ?? String(this.nativePlatform);
  }

  list(): Promise<StoredCertificate[]> {
    if (this.foreign) return Promise.reject(new CertbenchError('unsupported', `${this.id} can be read only on ${this.nativeName}; its plans can be previewed and exported here`));
    this.#listing ??= this.readListing();
    return this.#listing;
  }

  /** Forgets the cached listing (after a change, or when the caller knows the store moved). */
  protected forget(): void {
    this.#listing = undefined;
  }

  async holding(sha256: string): Promise<Holding> {
    const wanted = normaliseSha256(sha256);
    const entries = (await this.list()).filter((c) => c.sha256 === wanted);
    // An explicit distrust wins over trust elsewhere in the store (Windows Disallowed over Root).
    if (entries.some((c) => c.trust === 'distrusted')) return 'distrusted';
    return entries.some((c) => c.trust === 'trusted') ? 'present' : 'missing';
  }

  async contains(sha256: string): Promise<boolean> {
    return (await this.holding(sha256)) === 'present';
  }

  async describe(): Promise<StoreInfo> {
    if (this.foreign) return { ...this.info, unreadable: `a ${this.nativeName} store: only its plans can be previewed on this machine` };
    try {
      await this.list();
      return this.info;
    } catch (err) {
      return { ...this.info, unreadable: (err as Error).message.split('\n')[0] ?? 'unreadable' };
    }
  }

  async stateDigest(): Promise<string> {
    const lines = (await this.list()).map((c) => `${c.sha256} ${c.trust} ${c.trustText ?? ''} ${c.label ?? ''}`).sort();
    return sha256Hex(new TextEncoder().encode(lines.join('\n')));
  }

  async prepareAdd(der: Uint8Array, options: AddOptions = {}): Promise<TrustJob> {
    return this.#withInvocation(await this.jobAdd(checked(der), options));
  }

  async prepareRemove(sha256: string, options: RemoveOptions = {}): Promise<TrustJob> {
    return this.#withInvocation(await this.jobRemove(normaliseSha256(sha256), options));
  }

  /** A plan that will ask for rights here names the program line that asks and runs its [admin] steps. */
  #withInvocation(job: TrustJob): TrustJob {
    const via = job.plan.runnableHere && job.steps.some((s) => s.elevated) ? this.elevator.describeInvocation() : undefined;
    return via === undefined ? job : { ...job, plan: { ...job.plan, elevatedVia: via } };
  }

  async execute(job: TrustJob): Promise<TrustPlan> {
    const { plan } = job;
    if (!plan.runnableHere || this.info.readOnly) {
      await this.discard(job);
      throw new CertbenchError(
        'unsupported',
        this.info.readOnly ? `${this.id} is read-only in Certbench` : `${this.id} is a ${plan.platform} store: run this plan there (or use trust export for a fleet)`,
      );
    }
    try {
      await executeJob(job, this.env, this.elevator, this.interpret);
    } finally {
      this.forget();
      await this.discard(job);
    }
    if (plan.alreadyDone) return plan;
    const held = await this.contains(plan.sha256);
    if (plan.action === 'add' && !held) {
      throw new CertbenchError('verification-failed', `${this.id}: the tools reported success, but the certificate is not listed as trusted afterwards`);
    }
    if (plan.action === 'remove' && (await this.list()).some((c) => c.sha256 === plan.sha256)) {
      throw new CertbenchError('verification-failed', `${this.id}: the tools reported success, but the certificate is still listed`);
    }
    return plan;
  }

  async discard(job: TrustJob): Promise<void> {
    if (job.stagingDir) await removeStagingDir(job.stagingDir);
  }

  async planAdd(der: Uint8Array, options: AddOptions = {}): Promise<TrustPlan> {
    return this.#planOnly(await this.prepareAdd(der, options));
  }

  async planRemove(sha256: string, options: RemoveOptions = {}): Promise<TrustPlan> {
    return this.#planOnly(await this.prepareRemove(sha256, options));
  }

  async add(der: Uint8Array, options: AddOptions = {}): Promise<TrustPlan> {
    return this.execute(await this.prepareAdd(der, options));
  }

  async remove(sha256: string, options: RemoveOptions = {}): Promise<TrustPlan> {
    return this.execute(await this.prepareRemove(sha256, options));
  }

  /** The certificate a removal targets, or a refusal for one the system's own set provides. */
  protected async findRemovable(sha256: string): Promise<StoredCertificate | undefined> {
    const entry = (await this.list()).find((c) => c.sha256 === sha256);
    if (entry && !entry.removable) {
      throw new CertbenchError(
        'unsupported',
        `${this.id}: ${entry.subject} comes with the system's own certificate set; Certbench removes only certificates added locally`,
      );
    }
    return entry;
  }

  async #planOnly(job: TrustJob): Promise<TrustPlan> {
    await this.discard(job);
    return job.plan;
  }
}

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

function checked(der: Uint8Array): Uint8Array {
  scanCertificate(der);
  return der;
}
