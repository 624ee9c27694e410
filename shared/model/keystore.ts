import { z } from 'zod';
import { CertificateSummarySchema } from './certificate-summary.js';

/** Store formats Certbench reads natively; keytool edits JKS and PKCS12 (JCEKS is read-only here). */
export const KeystoreTypeSchema = z.enum(['JKS', 'JCEKS', 'PKCS12']);
export type KeystoreType = z.infer<typeof KeystoreTypeSchema>;

/** keytool's three entry kinds, spelled as `list --json` prints them. */
export const KeystoreEntryTypeSchema = z.enum(['trustedCert', 'privateKey', 'secretKey']);
export type KeystoreEntryType = z.infer<typeof KeystoreEntryTypeSchema>;

/**
 * How far the store's integrity was checked: `verified` (JKS keyed SHA-1 or PKCS#12 MAC matched the
 * password), `unverified` (opened without a password, as `keytool -list` does), `no-mac`
 * (a password-less PKCS#12 that carries no integrity check at all).
 */
export const KeystoreIntegritySchema = z.enum(['verified', 'unverified', 'no-mac']);
export type KeystoreIntegrity = z.infer<typeof KeystoreIntegritySchema>;

/** One certificate of an entry, as a list row needs it: the summary's names, fingerprints and validity. */
export const KeystoreCertificateSchema = CertificateSummarySchema.pick({
  sha256: true,
  sha1: true,
  subject: true,
  subjectRfc4514: true,
  issuer: true,
  issuerRfc4514: true,
  serial: true,
  notBefore: true,
  notAfter: true,
  expiry: true,
  daysLeft: true,
});
export type KeystoreCertificate = z.infer<typeof KeystoreCertificateSchema>;

/** One keystore entry; `certificates` is the chain for key entries, one cert for trusted ones, empty for secret keys. */
export const KeystoreEntrySchema = z.strictObject({
  alias: z.string(),
  entryType: KeystoreEntryTypeSchema,
  /** Creation date stored in JKS/JCEKS entries; PKCS#12 keeps none. */
  createdAt: z.string().optional(),
  chainLength: z.number().int(),
  certificates: z.array(KeystoreCertificateSchema),
});
export type KeystoreEntry = z.infer<typeof KeystoreEntrySchema>;

export const KeystoreListingSchema = z.strictObject({
  path: z.string(),
  type: KeystoreTypeSchema,
  integrity: KeystoreIntegritySchema,
  entries: z.array(KeystoreEntrySchema),
  /** Oddities found while reading (e.g. a duplicate alias, of which the last entry wins as in keytool). */
  warnings: z.array(z.string()),
});
export type KeystoreListing = z.infer<typeof KeystoreListingSchema>;

/** cacerts format as discovery reports it: a password-less PKCS#12 (JDK 18+) opens with any password. */
export const CacertsFormatSchema = z.enum(['JKS', 'JCEKS', 'PKCS12', 'PKCS12-passwordless', 'unreadable']);
export type CacertsFormat = z.infer<typeof CacertsFormatSchema>;

/** One JDK/JRE found on the machine and the sources that named it. */
export const JdkSchema = z.strictObject({
  home: z.string(),
  version: z.string().optional(),
  vendor: z.string().optional(),
  sources: z.array(z.string()),
  /** cacerts as the JDK names it (may be a symlink), and the real file it resolves to. */
  cacertsPath: z.string(),
  cacertsRealPath: z.string(),
});
export type Jdk = z.infer<typeof JdkSchema>;

/** One real cacerts file, with every JDK that uses it (one row even when several JDKs link to it). */
export const CacertsStoreSchema = z.strictObject({
  path: z.string(),
  format: CacertsFormatSchema,
  entryCount: z.number().int().optional(),
  /** The file and its folder can be replaced by this user without elevation. */
  writable: z.boolean(),
  jdkHomes: z.array(z.string()),
});
export type CacertsStore = z.infer<typeof CacertsStoreSchema>;

export const JdkDiscoverySchema = z.strictObject({
  jdks: z.array(JdkSchema),
  cacerts: z.array(CacertsStoreSchema),
});
export type JdkDiscovery = z.infer<typeof JdkDiscoverySchema>;

/** A backup taken before an edit, in `<dataDir>/keystore-backups/`. */
export const KeystoreBackupSchema = z.strictObject({
  id: z.string(),
  originalPath: z.string(),
  createdAt: z.string(),
  operation: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});
export type KeystoreBackup = z.infer<typeof KeystoreBackupSchema>;

/** What an edit did, after the store was re-read natively and the change confirmed. */
export const KeystoreEditResultSchema = z.strictObject({
  path: z.string(),
  backupId: z.string().optional(),
  /** Human-readable lines: what changed, what was skipped and why. */
  messages: z.array(z.string()),
  listing: KeystoreListingSchema,
});
export type KeystoreEditResult = z.infer<typeof KeystoreEditResultSchema>;
