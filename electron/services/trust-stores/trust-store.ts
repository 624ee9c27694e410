/**
 * One interface for every certificate store Certbench can change: Windows, macOS, Linux system
 * stores, NSS databases, PEM bundles. The CLI, the app and the trust map call stores only
 * through it.
 */

/** A certificate as a store holds it, identified by the SHA-256 of its DER (never by name). */
export interface StoredCertificate {
  readonly sha256: string;
  readonly subject: string;
  readonly notAfter: string;
  /** DER, when the store's listing yields it (Linux, NSS, PEM bundles, macOS); Windows lists hashes only. */
  readonly der?: Uint8Array;
  /** The store's own name for it (NSS nickname, file name, keychain label), for display only. */
  readonly label?: string;
}

/** One step of a plan: an exact argv, or a file the app writes, and whether it needs elevation. */
export type PlanStep =
  | { readonly kind: 'run'; readonly file: string; readonly args: readonly string[]; readonly elevated: boolean; readonly note?: string }
  | { readonly kind: 'write-file'; readonly path: string; readonly elevated: boolean; readonly note?: string }
  | { readonly kind: 'remove-file'; readonly path: string; readonly elevated: boolean; readonly note?: string };

/** What a change will do, shown before anything runs. */
export interface TrustPlan {
  readonly storeId: string;
  readonly action: 'add' | 'remove';
  readonly steps: readonly PlanStep[];
  readonly needsElevation: boolean;
  /** Plain-language warnings, e.g. "adding an intermediate as a trust anchor". */
  readonly warnings: readonly string[];
}

export interface TrustStore {
  /** Stable id as the CLI spells it: `linux`, `nss:/path`, `pem:/path`, `windows-machine-root`, … */
  readonly id: string;
  readonly displayName: string;
  /** Whether this store exists/applies on this machine (e.g. the Debian layout is present). */
  available(): Promise<boolean>;
  list(): Promise<StoredCertificate[]>;
  contains(sha256: string): Promise<boolean>;
  plan(action: 'add' | 'remove', der: Uint8Array): Promise<TrustPlan>;
  /** Carries out the plan, then re-lists and confirms the change; throws CertbenchError otherwise. */
  add(der: Uint8Array): Promise<TrustPlan>;
  remove(sha256: string): Promise<TrustPlan>;
}
