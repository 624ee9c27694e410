import { z } from 'zod';
import { ExpiryStatusSchema } from './certificate-summary.js';

/**
 * Trust-store DTOs shared by the services, the CLI's `--json` and IPC. Certificates are named by
 * the SHA-256 of their DER (lowercase hex), never by display names (docs/trust-stores.md §0).
 */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 fingerprint is 64 lowercase hex digits');

/** What a certificate is for a store: roots belong in Root stores, intermediates in CA stores. */
export const CertificateRoleSchema = z.enum(['root', 'intermediate', 'leaf']);
export type CertificateRole = z.infer<typeof CertificateRoleSchema>;

/** One row of a store listing. */
export const TrustEntrySchema = z.strictObject({
  sha256: Sha256Schema,
  subject: z.string(),
  notAfter: z.string(),
  expiry: ExpiryStatusSchema,
  role: CertificateRoleSchema,
  /** The store's own name for it (NSS nickname, file name), for display only. */
  label: z.string().optional(),
  /** False for entries the store owns (a distribution's bundle) that Certbench will not remove. */
  removable: z.boolean(),
});
export type TrustEntry = z.infer<typeof TrustEntrySchema>;

/** One step of a plan: an exact argv, or a file the app writes or deletes, and whether it runs elevated. */
export const PlanStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('run'),
    file: z.string(),
    args: z.array(z.string()),
    elevated: z.boolean(),
    note: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('write-file'), path: z.string(), elevated: z.boolean(), note: z.string().optional() }),
  z.strictObject({ kind: z.literal('remove-file'), path: z.string(), elevated: z.boolean(), note: z.string().optional() }),
  z.strictObject({ kind: z.literal('make-dir'), path: z.string(), elevated: z.boolean(), note: z.string().optional() }),
]);
export type PlanStep = z.infer<typeof PlanStepSchema>;

export const TrustActionSchema = z.enum(['add', 'remove']);
export type TrustAction = z.infer<typeof TrustActionSchema>;

/** What a change will do, shown before anything runs. */
export const TrustPlanSchema = z.strictObject({
  storeId: z.string(),
  action: TrustActionSchema,
  sha256: Sha256Schema,
  steps: z.array(PlanStepSchema),
  needsElevation: z.boolean(),
  /** Plain-language warnings, e.g. "adding an intermediate as a trust anchor". */
  warnings: z.array(z.string()),
  /** True when the store is already in the requested state, so the steps are empty. */
  alreadyDone: z.boolean(),
});
export type TrustPlan = z.infer<typeof TrustPlanSchema>;

/** A store Certbench can show, as listed by `trust where` and the workspace's store picker. */
export const StoreInfoSchema = z.strictObject({
  id: z.string(),
  displayName: z.string(),
  kind: z.enum(['windows', 'macos', 'linux', 'nss', 'pem-bundle', 'java']),
  /** What the store is for, in one line ("Firefox profile default-release"). */
  detail: z.string(),
  readOnly: z.boolean(),
  /** Roots belong in anchor (Root) stores, intermediates in CA stores; macOS keychains hold both. */
  holds: z.enum(['anchors', 'intermediates', 'both']),
});
export type StoreInfo = z.infer<typeof StoreInfoSchema>;

/**
 * Whether "add to all missing" may change this store. A JDK's cacerts is changed one at a time
 * (its own Add, or the Java keystores workspace), after its password and backup are settled.
 */
export const sweptByAddToAllMissing = (store: StoreInfo): boolean => !store.readOnly && store.kind !== 'java';

/** One cell of the trust map: whether `store` holds the certificate, or why it could not be read. */
export const TrustMapRowSchema = z.strictObject({
  store: StoreInfoSchema,
  state: z.enum(['present', 'missing', 'error']),
  error: z.string().optional(),
});
export type TrustMapRow = z.infer<typeof TrustMapRowSchema>;

export const TrustMapSchema = z.strictObject({
  sha256: Sha256Schema,
  subject: z.string(),
  role: CertificateRoleSchema,
  rows: z.array(TrustMapRowSchema),
});
export type TrustMap = z.infer<typeof TrustMapSchema>;
