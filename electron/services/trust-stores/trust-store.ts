/**
 * One interface for every certificate store Certbench can change: Windows, macOS, Linux system
 * stores, NSS databases, PEM bundles, JDK cacerts. The CLI, the app, the trust map and the chain
 * engine (as a source of trust anchors) call stores only through it.
 */
import type { StoreInfo, TrustEntry, TrustPlan } from '../../../shared/model/trust.js';
import type { TrustJob } from './trust-job.js';

export type { PlanStep, TrustPlan } from '../../../shared/model/trust.js';

/** A certificate as a store holds it, identified by the SHA-256 of its DER (never by name). */
export interface StoredCertificate extends TrustEntry {
  /** DER, when the store's listing yields it (every adapter here does; Windows through RawData). */
  readonly der?: Uint8Array;
}

/** Options of an addition. */
export interface AddOptions {
  /** The store's own name for the certificate, when the store has names. */
  readonly label?: string;
  /** Replace an explicit distrust (NSS `p`, macOS Never Trust) with trust; without it such a plan refuses. */
  readonly overrideDistrust?: boolean;
  /** Owner (`user` or `user:group`) to give a newly created NSS database, e.g. an agent's service user. */
  readonly owner?: string;
}

/** Options of a removal. */
export interface RemoveOptions {
  /** The certificate itself, for plans of another OS's store, which name it by SHA-1. */
  readonly der?: Uint8Array;
}

/** Whether a store holds a certificate as trusted, holds it distrusted, or does not hold it (trusted). */
export type Holding = 'present' | 'missing' | 'distrusted';

export interface TrustStore {
  /** Stable id as the CLI spells it: `linux`, `nss:/path`, `pem:/path`, `windows-machine-root`, … */
  readonly id: string;
  readonly info: StoreInfo;
  /** Whether this store exists/applies on this machine (e.g. the Debian layout is present). */
  available(): Promise<boolean>;
  /** The listing, read once per instance and again after a change this instance made. */
  list(): Promise<StoredCertificate[]>;
  contains(sha256: string): Promise<boolean>;
  holding(sha256: string): Promise<Holding>;
  /** The store info plus why it cannot be read, when it cannot. */
  describe(): Promise<StoreInfo>;
  /** A digest of what the store holds now; a plan is refused when it changed before the run. */
  stateDigest(): Promise<string>;
  /** The exact steps of an addition, computed without changing anything; staged files are kept until run or discard. */
  prepareAdd(der: Uint8Array, options?: AddOptions): Promise<TrustJob>;
  prepareRemove(sha256: string, options?: RemoveOptions): Promise<TrustJob>;
  /** Carries out exactly the job's steps, then re-lists and confirms; throws CertbenchError otherwise. */
  execute(job: TrustJob): Promise<TrustPlan>;
  /** Drops a job that will not run (its staged files). */
  discard(job: TrustJob): Promise<void>;
  planAdd(der: Uint8Array, options?: AddOptions): Promise<TrustPlan>;
  planRemove(sha256: string, options?: RemoveOptions): Promise<TrustPlan>;
  add(der: Uint8Array, options?: AddOptions): Promise<TrustPlan>;
  remove(sha256: string, options?: RemoveOptions): Promise<TrustPlan>;
}
