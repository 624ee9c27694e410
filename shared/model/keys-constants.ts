/**
 * Key facts as plain constants, without zod, so the CLI can register its options without loading
 * the schema library (start-up time); the schemas in keys.ts are built from these.
 */
/** The key types Certbench generates; Ed25519 is offered but most public CAs refuse it. */
export const KEY_TYPES = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ec-p256', 'ec-p384', 'ed25519'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const SIGNATURE_HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
export type SignatureHash = (typeof SIGNATURE_HASHES)[number];

/** What the UI and the CLI say about each key type, and the hash it pairs with by default. */
export interface KeyTypeInfo {
  readonly label: string;
  readonly family: 'rsa' | 'ec' | 'ed25519';
  /** RSA modulus bits or EC field bits. */
  readonly bits: number;
  readonly defaultHash: SignatureHash;
  /** False for types most CAs (and the CA/Browser Forum baseline) do not accept. */
  readonly acceptedByMostCas: boolean;
}

export const KEY_TYPE_INFO: Readonly<Record<KeyType, KeyTypeInfo>> = {
  'rsa-2048': { label: 'RSA 2048', family: 'rsa', bits: 2048, defaultHash: 'SHA-256', acceptedByMostCas: true },
  'rsa-3072': { label: 'RSA 3072', family: 'rsa', bits: 3072, defaultHash: 'SHA-256', acceptedByMostCas: true },
  'rsa-4096': { label: 'RSA 4096', family: 'rsa', bits: 4096, defaultHash: 'SHA-256', acceptedByMostCas: true },
  'ec-p256': { label: 'ECDSA P-256', family: 'ec', bits: 256, defaultHash: 'SHA-256', acceptedByMostCas: true },
  // FIPS 186-4 / CA/B BR 6.1.5: P-384 keys sign with SHA-384.
  'ec-p384': { label: 'ECDSA P-384', family: 'ec', bits: 384, defaultHash: 'SHA-384', acceptedByMostCas: true },
  ed25519: { label: 'Ed25519 (not accepted by most CAs)', family: 'ed25519', bits: 256, defaultHash: 'SHA-512', acceptedByMostCas: false },
};

/** Shortest passphrase Certbench accepts for an encrypted key. */
export const MIN_PASSPHRASE_CHARS = 8;

/** Any key's shape as far as CA rules care: generated here or read from a user's file. */
export interface KeyDescription {
  readonly family: 'rsa' | 'ec' | 'ed25519' | 'other';
  readonly bits: number;
  readonly label: string;
}

export const PFX_PROFILES = ['modern', 'legacy'] as const;

export const describeKeyType = (type: KeyType): KeyDescription => {
  const info = KEY_TYPE_INFO[type];
  return { family: info.family, bits: info.bits, label: info.label };
};
