import { z } from 'zod';
import { CertificateSummarySchema } from '../../model/certificate-summary.js';
import { CsrPlanSchema, CsrSpecSchema, SanRowSchema, SubjectSchema } from '../../model/csr.js';
import { BundleAnalysisSchema, BundleFilesSchema, PfxProfileSchema } from '../../model/keys-bundle.js';
import { KeystoreTypeSchema } from '../../model/keystore.js';
import { KeyInfoSchema, KeyProtectionSchema, KeyTypeSchema } from '../../model/keys.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const Id = z.string().min(1).max(64);
const Path = z.string().min(1).max(LIMITS.maxPathChars);
const Password = z.string().max(LIMITS.maxPasswordChars);
const KeyResponse = z.strictObject({ key: KeyInfoSchema });
const Saved = z.strictObject({ path: Path });
const Issued = z.strictObject({ id: Id, pem: z.string().max(LIMITS.maxPemTextChars), summary: CertificateSummarySchema });
const Days = z.number().int().min(1).max(36_500);
const KeyFamily = z.enum(['rsa', 'ec', 'ed25519', 'other']);

/**
 * What making a key pair in a keystore will do: the store (and its SHA-256, or null when a new
 * PKCS12 store is made), the backup, and keytool's argv — passwords go by environment, never argv.
 */
const KeyPairPlanSchema = z.strictObject({
  path: Path,
  storeSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  storeType: KeystoreTypeSchema,
  alias: z.string(),
  keytool: Path,
  argv: z.array(z.array(z.string()).max(64)).max(4),
  backup: z.strictObject({ directory: Path, operation: z.string().max(512) }).nullable(),
});

/**
 * Keys, CSRs, issuing and bundles. Requests may carry passphrases into main; responses carry only
 * public material, ids and paths: private keys never leave the main process (a test walks them all).
 */
export const keysContracts = defineContracts({
  'keys.generate': {
    request: z.strictObject({ type: KeyTypeSchema, protection: KeyProtectionSchema }),
    response: KeyResponse,
  },
  'keys.list': {
    request: z.strictObject({}),
    response: z.strictObject({ keys: z.array(z.strictObject({ info: KeyInfoSchema, unlocked: z.boolean() })).max(LIMITS.maxListItems) }),
  },
  'keys.unlock': {
    request: z.strictObject({ id: Id, passphrase: Password }),
    response: KeyResponse,
  },
  'keys.open': {
    request: z.strictObject({ path: Path, passphrase: Password.optional() }),
    response: KeyResponse,
  },
  'keys.export': {
    request: z.strictObject({ id: Id, path: Path, protection: KeyProtectionSchema, overwrite: z.boolean().optional() }),
    response: Saved,
  },
  'keys.csrCreate': {
    request: z.strictObject({
      spec: CsrSpecSchema,
      key: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('generate'), type: KeyTypeSchema, protection: KeyProtectionSchema }),
        z.strictObject({ kind: z.literal('key'), id: Id }),
      ]),
    }),
    response: z.strictObject({ id: Id, pem: z.string().max(LIMITS.maxPemTextChars), plan: CsrPlanSchema, key: KeyInfoSchema }),
  },
  'keys.csrSave': {
    request: z.strictObject({ id: Id, path: Path, overwrite: z.boolean().optional() }),
    response: Saved,
  },
  /**
   * A key pair keytool makes in a Java keystore, and its CSR: planned here (main keeps the plan,
   * with the store password, under `planId`), shown, then run by id (`keys.runJavaCsr`) or dropped
   * (`keys.discardJavaCsr`). The CSR is then held like a designer CSR, saved with `keys.csrSave`.
   */
  'keys.planJavaCsr': {
    request: z.strictObject({
      spec: CsrSpecSchema,
      keystore: Path,
      alias: z.string().min(1).max(256),
      storePassword: Password,
      keyType: KeyTypeSchema.exclude(['ed25519']),
    }),
    response: z.strictObject({ planId: Id, plan: CsrPlanSchema, keystore: KeyPairPlanSchema }),
  },
  'keys.runJavaCsr': {
    request: z.strictObject({ planId: Id }),
    /** `backupId`: the keystore's copy from before the key pair was added (none when the store was created). */
    response: z.strictObject({ id: Id, pem: z.string().max(LIMITS.maxPemTextChars), plan: CsrPlanSchema, keystore: Path, alias: z.string(), backupId: z.string().optional() }),
  },
  'keys.discardJavaCsr': {
    request: z.strictObject({ planId: Id }),
    response: z.strictObject({}),
  },
  /** The designer's "renew this": the subject, SANs and purposes of a certificate file, or of the leaf a host:port presents now. */
  'keys.renewSpec': {
    request: z.union([
      z.strictObject({ certificatePath: Path, keyFamily: KeyFamily }),
      z.strictObject({ endpoint: z.string().min(3).max(300), servername: z.string().min(1).max(253).optional(), keyFamily: KeyFamily }),
    ]),
    response: z.strictObject({ spec: CsrSpecSchema, notes: z.array(z.string().max(512)).max(16) }),
  },
  'keys.selfSigned': {
    request: z.strictObject({ spec: CsrSpecSchema, keyId: Id, days: Days }),
    response: Issued,
  },
  'keys.caCreate': {
    request: z.strictObject({
      subject: SubjectSchema,
      keyId: Id,
      days: Days,
      permittedDns: z.array(z.string().max(253)).max(100),
      permittedIpv4: z.array(z.string().max(18)).max(100),
    }),
    response: Issued,
  },
  'keys.caSign': {
    request: z.strictObject({ csr: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('id'), id: Id }), z.strictObject({ kind: z.literal('path'), path: Path })]), caId: Id, caKeyId: Id, days: Days }),
    response: Issued,
  },
  'keys.certSave': {
    request: z.strictObject({ id: Id, path: Path, overwrite: z.boolean().optional() }),
    response: Saved,
  },
  'keys.bundleAnalyse': {
    request: z.strictObject({
      answerPath: Path,
      chainPaths: z.array(Path).max(32),
      keyId: Id.optional(),
      requestedSans: z.array(SanRowSchema).max(1000),
      aia: z.boolean(),
    }),
    response: BundleAnalysisSchema,
  },
  'keys.bundleWrite': {
    request: z.strictObject({
      id: Id,
      outDir: Path,
      keyProtection: KeyProtectionSchema,
      pfx: z.strictObject({ path: Path, profile: PfxProfileSchema, password: Password.min(1) }).optional(),
      overwrite: z.boolean().optional(),
    }),
    response: z.strictObject({ files: BundleFilesSchema }),
  },
});
