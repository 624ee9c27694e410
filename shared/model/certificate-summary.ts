import { z } from 'zod';

/** A SAN entry as shown and as printed by `--json`: the GeneralName type and its text form. */
export const SanEntrySchema = z.strictObject({
  type: z.enum(['dns', 'ip', 'email', 'uri', 'dirName', 'registeredId', 'otherName', 'x400Address', 'ediPartyName']),
  value: z.string(),
});
export type SanEntry = z.infer<typeof SanEntrySchema>;

/** The expiry badge a list or detail pane shows; `soon` means under 60 days left. */
export const ExpiryStatusSchema = z.enum(['expired', 'not-yet-valid', 'soon', 'ok']);
export type ExpiryStatus = z.infer<typeof ExpiryStatusSchema>;

/**
 * What a list row, the CLI's table and the chain index need of a certificate. Fingerprints are
 * lowercase hex without separators (the renderer formats them with colons on demand). `subject`
 * and `issuer` are the display form; `subjectRfc4514`/`issuerRfc4514` the RFC 4514 strings
 * scripts parse (both from shared/pki/name-text.ts).
 */
export const CertificateSummarySchema = z.strictObject({
  subject: z.string(),
  subjectRfc4514: z.string(),
  issuer: z.string(),
  issuerRfc4514: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  daysLeft: z.number(),
  expiry: ExpiryStatusSchema,
  sha1: z.string(),
  sha256: z.string(),
  sans: z.array(SanEntrySchema),
  isCA: z.boolean(),
  selfSigned: z.boolean(),
  keyType: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;
