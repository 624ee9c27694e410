import { z } from 'zod';

/** Stable diagnosis codes: scripts and the UI branch on these, so they never change meaning. */
export const DIAGNOSIS_CODES = [
  'missing-intermediate',
  'untrusted-root',
  'self-signed-leaf',
  'self-signed-in-chain',
  'expired',
  'not-yet-valid',
  'expiring-soon',
  'hostname-mismatch',
  'wrong-order',
  'extraneous-certificate',
  'expired-cross-sign',
  'tls-inspection',
  'weak-signature',
  'weak-key',
  'not-a-ca',
  'path-length-exceeded',
  'eku-mismatch',
  'name-constraint-violation',
  'invalid-signature',
  'key-usage',
  'unsupported-certificate',
  /** A strict RFC 5280 / CA/B Forum rule the certificate breaks but real clients accept (missing AKI, …). */
  'lint',
  /** Informational: the chain ends in a root outside the public root programs. */
  'private-ca',
] as const;
export const DiagnosisCodeSchema = z.enum(DIAGNOSIS_CODES);
export type DiagnosisCode = z.infer<typeof DiagnosisCodeSchema>;

/** `error` breaks trust, `warning` will or may break it soon or elsewhere, `info` is advice. */
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * Where a fix is carried out, so the UI can link to that place: the trust-store workspace, the
 * Java keystore workspace, the corrected bundle export, or the certificate's issuer (a reissue).
 */
export const FixPlaceSchema = z.enum(['trust-store', 'java-keystore', 'corrected-bundle', 'server-config', 'reissue', 'none']);
export type FixPlace = z.infer<typeof FixPlaceSchema>;

export const FixSchema = z.strictObject({
  text: z.string().max(2000),
  place: FixPlaceSchema,
  /** SHA-256 of the certificate the fix installs or replaces, when there is one. */
  certificate: z.string().max(64).optional(),
});
export type Fix = z.infer<typeof FixSchema>;

/** How sure a TLS-inspection finding is: `high` when a forgery was observed, `medium` on signs alone. */
export const InspectionConfidenceSchema = z.enum(['high', 'medium']);
export type InspectionConfidence = z.infer<typeof InspectionConfidenceSchema>;

export const DiagnosisSchema = z.strictObject({
  code: DiagnosisCodeSchema,
  severity: SeveritySchema,
  message: z.string().max(2000),
  /** SHA-256s of the certificates the message names, leaf-most first. */
  certificates: z.array(z.string().max(64)).max(64),
  fix: FixSchema,
  /** For a TLS-inspection finding: how sure, and the observations it rests on. */
  confidence: InspectionConfidenceSchema.optional(),
  evidence: z.array(z.string().max(1000)).max(16).optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
