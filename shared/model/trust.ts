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
  /** The subject as an RFC 4514 string (for `--json`); `subject` is the display form. */
  subjectRfc4514: z.string(),
  /** The issuer's name, so a listing can show "Issued by" like every other certificate list. */
  issuer: z.string(),
  notAfter: z.string(),
  expiry: ExpiryStatusSchema,
  role: CertificateRoleSchema,
  /** The store's own name for it (NSS nickname, file name), for display only. */
  label: z.string().optional(),
  /** False for entries the store owns (a distribution's bundle) that Certbench will not remove. */
  removable: z.boolean(),
  /**
   * The store's trust for it: `trusted` for TLS, `distrusted` (NSS `p`, macOS Never Trust, Windows
   * Disallowed), `untrusted` (present, no trust: an NSS `,,` or a macOS cert without settings).
   */
  trust: z.enum(['trusted', 'untrusted', 'distrusted']),
  /** The store's raw trust text when it has one (NSS flags `C,,`), for display. */
  trustText: z.string().optional(),
});
export type TrustEntry = z.infer<typeof TrustEntrySchema>;

/** One step of a plan: an exact argv, or a file the app writes or deletes, and whether it runs elevated. */
export const PlanStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('run'),
    file: z.string(),
    args: z.array(z.string()),
    elevated: z.boolean(),
    /** What the step reads on stdin: only an elevated copy's checksum list (`HEX  PATH` lines). */
    stdin: z.string().optional(),
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
  /**
   * What else the steps change besides the store itself, in plain language (update-ca-certificates'
   * hooks rewriting Java cacerts, update-ca-trust's extracted Java bundle, the owner of a new db).
   */
  sideEffects: z.array(z.string()),
  /** The OS the steps are for ("Windows", "macOS", "Linux (Debian/Ubuntu)", "any"), shown with the plan. */
  platform: z.string(),
  /**
   * False for a plan of another OS's store (a Windows plan seen on Linux): its steps are shown and
   * exported, never run here, and the store's current content could not be checked.
   */
  runnableHere: z.boolean(),
  /**
   * How the [admin] steps get their rights when the system must ask: the fixed program line that
   * runs them (pkexec / osascript / PowerShell with Certbench's elevated runner), without the steps.
   */
  elevatedVia: z.string().optional(),
  /** What runs when a step fails, to take the store back to where it started. */
  onFailure: z.array(PlanStepSchema).optional(),
});
export type TrustPlan = z.infer<typeof TrustPlanSchema>;

/** A plan main keeps until it is run or discarded; running takes only `planId` (see TrustService.run). */
export const IssuedPlanSchema = TrustPlanSchema.extend({ planId: z.string().min(1).max(64) });
export type IssuedPlan = z.infer<typeof IssuedPlanSchema>;

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
  /** Why the store cannot be read here (tool missing, no database at this path, permission); Add is not offered. */
  unreadable: z.string().optional(),
  /** With `unreadable`: the store does not exist yet and an add creates it (an NSS directory without a database). */
  creatable: z.boolean().optional(),
});
export type StoreInfo = z.infer<typeof StoreInfoSchema>;

/** One cell of the trust map: whether `store` holds the certificate, or why it could not be read. */
export const TrustMapRowSchema = z.strictObject({
  store: StoreInfoSchema,
  /** `distrusted`: the store holds it with an explicit distrust (NSS `p`, Windows Disallowed, macOS Never Trust). */
  state: z.enum(['present', 'missing', 'distrusted', 'error']),
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

/** Why "add to all missing" leaves a store out, shown in its plan dialog. */
export const SkippedStoreSchema = z.strictObject({ store: StoreInfoSchema, reason: z.string() });
export type SkippedStore = z.infer<typeof SkippedStoreSchema>;

/** "Add to all missing": one plan per store that lacks the certificate, and why the others are left out. */
export const AddAllPlanSchema = z.strictObject({ plans: z.array(IssuedPlanSchema), skipped: z.array(SkippedStoreSchema) });
export type AddAllPlan = z.infer<typeof AddAllPlanSchema>;

/**
 * Why "add to all missing" leaves a trust-map row out, or undefined when it plans an add there.
 * The app's button count and main's plans both come from here, so "(N)" is the number of plans.
 * Roots go to Root (anchor) stores, intermediates to CA stores; a JDK's cacerts is changed one at
 * a time (its own Add, or the Java keystores workspace), after its password and backup are settled.
 */
export function addToAllMissingSkip(role: CertificateRole, row: TrustMapRow): string | undefined {
  if (row.state === 'present') return 'already holds it';
  if (row.state === 'distrusted') return 'explicitly distrusts it: change that with its own Add, which asks first';
  if (row.state === 'error') return `cannot be read: ${row.error ?? ''}`;
  if (row.store.readOnly) return 'read-only here';
  if (row.store.kind === 'java') return 'Java cacerts are added one at a time (Add in its row, or the Java keystores workspace)';
  if (role === 'root' && row.store.holds === 'intermediates') return 'an intermediate (CA) store: roots go to Root stores';
  if (role !== 'root' && row.store.holds === 'anchors') return 'a trust-anchor store: only roots are added to it automatically';
  return undefined;
}
