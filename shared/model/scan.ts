import { z } from 'zod';

/** Where a certificate of an inventory lives: a file, a keystore alias, a trust store or a server. */
export const ScanKindSchema = z.enum(['file', 'keystore', 'trust-store', 'endpoint']);
export type ScanKind = z.infer<typeof ScanKindSchema>;

/** `expired`, `expiring` (inside the window asked for), `ok`, or `not-yet-valid`. */
export const ScanStatusSchema = z.enum(['expired', 'expiring', 'ok', 'not-yet-valid']);
export type ScanStatus = z.infer<typeof ScanStatusSchema>;

/** An endpoint's chain as Certbench's verifier judged it against the chosen trust. */
export const ChainVerdictSchema = z.strictObject({
  trusted: z.boolean(),
  /** The diagnoses' codes as the verifier lists them (`missing-intermediate`, `hostname-mismatch`, …). */
  problems: z.array(z.string().max(64)).max(64),
  /** The earliest notAfter of every certificate the server presented (blackbox_exporter's earliest expiry). */
  earliestNotAfter: z.string().max(64),
});
export type ChainVerdict = z.infer<typeof ChainVerdictSchema>;

export const ScanFindingSchema = z.strictObject({
  kind: ScanKindSchema,
  /** One line naming the place: the full path, `keystore#alias`, the store id, or `host:port`. */
  where: z.string().max(4096),
  /** The file or keystore's full path (file and keystore findings). */
  path: z.string().max(4096).optional(),
  alias: z.string().max(1024).optional(),
  storeId: z.string().max(4096).optional(),
  endpoint: z.string().max(600).optional(),
  subject: z.string().max(8192),
  /** The subject as an RFC 4514 string (for `--json`); `subject` is the display form. */
  subjectRfc4514: z.string().max(8192),
  sans: z.array(z.string().max(2048)).max(1000),
  issuer: z.string().max(8192),
  issuerRfc4514: z.string().max(8192),
  serial: z.string().max(256),
  notBefore: z.string().max(64),
  notAfter: z.string().max(64),
  daysLeft: z.number(),
  keyType: z.string().max(128),
  sha256: z.string().max(64),
  status: ScanStatusSchema,
  chain: ChainVerdictSchema.optional(),
});
export type ScanFinding = z.infer<typeof ScanFindingSchema>;

/** A place that could not be read; the scan went on without it. */
export const ScanProblemSchema = z.strictObject({
  kind: ScanKindSchema,
  where: z.string().max(4096),
  code: z.string().max(64),
  message: z.string().max(2000),
});
export type ScanProblem = z.infer<typeof ScanProblemSchema>;

export const ScanReportSchema = z.strictObject({
  scannedAt: z.string().max(64),
  /** The `--expiring-within` window in milliseconds. */
  windowMs: z.number().nonnegative(),
  /** Sorted by time left, soonest first. */
  findings: z.array(ScanFindingSchema).max(200_000),
  problems: z.array(ScanProblemSchema).max(200_000),
  /** How many files the folder walk looked at (certificate or not). */
  filesSeen: z.number().int().nonnegative(),
});
export type ScanReport = z.infer<typeof ScanReportSchema>;
