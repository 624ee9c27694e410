/**
 * One interface for every certificate store Certbench can change: Windows, macOS, Linux system
 * stores, NSS databases, PEM bundles. The CLI, the app, the trust map and the chain engine (as a
 * source of trust anchors) call stores only through it.
 */
import type { StoreInfo, TrustEntry, TrustPlan } from '../../../shared/model/trust.js';

export type { PlanStep, TrustPlan } from '../../../shared/model/trust.js';

/** A certificate as a store holds it, identified by the SHA-256 of its DER (never by name). */
export interface StoredCertificate extends TrustEntry {
  /** DER, when the store's listing yields it (every adapter here does; Windows through RawData). */
  readonly der?: Uint8Array;
}

/** Options of an addition: the store's own name for the certificate, when the store has names. */
export interface AddOptions {
  readonly label?: string;
}

export interface TrustStore {
  /** Stable id as the CLI spells it: `linux`, `nss:/path`, `pem:/path`, `windows-machine-root`, … */
  readonly id: string;
  readonly info: StoreInfo;
  /** Whether this store exists/applies on this machine (e.g. the Debian layout is present). */
  available(): Promise<boolean>;
  list(): Promise<StoredCertificate[]>;
  contains(sha256: string): Promise<boolean>;
  /** The exact steps of an addition, computed without changing anything. */
  planAdd(der: Uint8Array, options?: AddOptions): Promise<TrustPlan>;
  /** The exact steps of a removal by SHA-256, computed without changing anything. */
  planRemove(sha256: string): Promise<TrustPlan>;
  /** Carries out the plan, then re-lists and confirms the change; throws CertbenchError otherwise. */
  add(der: Uint8Array, options?: AddOptions): Promise<TrustPlan>;
  remove(sha256: string): Promise<TrustPlan>;
}
