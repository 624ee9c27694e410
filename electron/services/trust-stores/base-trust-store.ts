import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo, TrustPlan } from '../../../shared/model/trust.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import type { Elevator } from '../elevation/elevator.js';
import { removeStagingDir } from '../elevation/staging.js';
import type { ServiceEnv } from '../service-env.js';
import { executeJob, type FailureInterpreter } from './job-executor.js';
import { normaliseSha256 } from './stored-certificate.js';
import type { TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate, TrustStore } from './trust-store.js';

/**
 * The part every adapter shares: plan → run → re-list and confirm. Adapters say how to list and
 * which steps a change takes; they never run a change without this confirmation.
 */
export abstract class BaseTrustStore implements TrustStore {
  abstract readonly info: StoreInfo;

  constructor(
    protected readonly env: ServiceEnv,
    protected readonly elevator: Elevator,
  ) {}

  get id(): string {
    return this.info.id;
  }

  abstract available(): Promise<boolean>;
  abstract list(): Promise<StoredCertificate[]>;
  protected abstract jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob>;
  protected abstract jobRemove(sha256: string): Promise<TrustJob>;
  /** Adapter-specific reading of a failed tool run; the default yields the generic `tool-failed`. */
  protected interpret: FailureInterpreter = () => undefined;

  async contains(sha256: string): Promise<boolean> {
    const wanted = normaliseSha256(sha256);
    return (await this.list()).some((c) => c.sha256 === wanted);
  }

  async planAdd(der: Uint8Array, options: AddOptions = {}): Promise<TrustPlan> {
    return this.#planOnly(await this.jobAdd(checked(der), options));
  }

  async planRemove(sha256: string): Promise<TrustPlan> {
    return this.#planOnly(await this.jobRemove(normaliseSha256(sha256)));
  }

  async add(der: Uint8Array, options: AddOptions = {}): Promise<TrustPlan> {
    this.#assertWritable();
    const job = await this.jobAdd(checked(der), options);
    await executeJob(job, this.env, this.elevator, this.interpret);
    if (!(await this.contains(job.plan.sha256))) {
      throw new CertbenchError('verification-failed', `${this.id}: the tools reported success, but the certificate is not listed afterwards`);
    }
    return job.plan;
  }

  async remove(sha256: string): Promise<TrustPlan> {
    this.#assertWritable();
    const job = await this.jobRemove(normaliseSha256(sha256));
    await executeJob(job, this.env, this.elevator, this.interpret);
    if (await this.contains(job.plan.sha256)) {
      throw new CertbenchError('verification-failed', `${this.id}: the tools reported success, but the certificate is still listed`);
    }
    return job.plan;
  }

  /** The certificate a removal targets, or a `not-found` error naming the store. */
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
    if (job.stagingDir) await removeStagingDir(job.stagingDir);
    return job.plan;
  }

  #assertWritable(): void {
    if (this.info.readOnly) throw new CertbenchError('unsupported', `${this.id} is read-only in Certbench`);
  }
}

function checked(der: Uint8Array): Uint8Array {
  scanCertificate(der);
  return der;
}
