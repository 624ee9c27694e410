import type { KeyObject } from 'node:crypto';
import type { DigestName } from './pbe-scheme.js';

/** A certificate bag of a PFX, its DER exactly as stored. */
export interface PfxCertificate {
  readonly der: Uint8Array;
  readonly friendlyName?: string;
  /** localKeyId attribute (RFC 2985 §5.5.2), lowercase hex. */
  readonly localKeyId?: string;
}

/** A private key of a PFX. It stays in the main process: only its public facts cross IPC. */
export interface PfxPrivateKey {
  readonly key: KeyObject;
  readonly friendlyName?: string;
  readonly localKeyId?: string;
  /** Index in `certificates` of the certificate whose public key matches this key. */
  readonly certificateIndex?: number;
}

/** How the PFX proves integrity (RFC 7292 §4): a password MAC, or nothing at all. */
export type PfxIntegrity =
  | { readonly kind: 'mac'; readonly digest: DigestName; readonly iterations: number }
  | { readonly kind: 'none' };

/** Which password opened it: the one given, "" (BMP NUL only) or the absent password (no bytes). */
export type PfxPasswordForm = 'given' | 'empty' | 'absent';

export interface PfxContents {
  readonly certificates: readonly PfxCertificate[];
  readonly keys: readonly PfxPrivateKey[];
  readonly integrity: PfxIntegrity;
  /** Distinct protections seen, e.g. ["pbeWithSHA1And40BitRC2-CBC, 2048 iterations"] or ["none"]. */
  readonly encryption: { readonly certificates: readonly string[]; readonly keys: readonly string[] };
  readonly password: PfxPasswordForm;
}

/** What writePfx takes: a certificate chain (leaf first), optionally the leaf's key, and a profile. */
export interface WritePfxOptions {
  readonly certificates: readonly Uint8Array[];
  readonly privateKey?: KeyObject;
  readonly password: string;
  /**
   * "modern": PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC for key and certificates, HMAC-SHA256 MAC (OpenSSL 3,
   * Java 17+). "legacy": pbeWithSHA1And3-KeyTripleDES-CBC for both and a SHA-1 MAC, which Windows
   * Server 2016, macOS ≤ 12 and Android ≤ 12 import (docs/pki-facts.md) and OpenSSL 3 reads without -legacy.
   */
  readonly profile: 'modern' | 'legacy';
  readonly friendlyName?: string;
}
