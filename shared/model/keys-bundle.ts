import { z } from 'zod';
import { CertificateSummarySchema } from './certificate-summary.js';
import { PFX_PROFILES } from './keys-constants.js';
import { KeyInfoSchema } from './keys.js';

/** PFX presets: `modern` is AES-256/PBKDF2/SHA-256 MAC; `legacy` is 3DES with a SHA-1 MAC for old Windows, macOS, Android. */
export const PfxProfileSchema = z.enum(PFX_PROFILES);
export type PfxProfile = z.infer<typeof PfxProfileSchema>;

/** Errors block writing the bundle and say why by code; warnings are advice. */
export const BundleProblemSchema = z.discriminatedUnion('severity', [
  z.strictObject({ severity: z.literal('error'), code: z.enum(['key-mismatch', 'no-key', 'expired']), message: z.string().max(1024) }),
  z.strictObject({ severity: z.literal('warning'), message: z.string().max(1024) }),
]);
export type BundleProblem = z.infer<typeof BundleProblemSchema>;

/** The CA's answer understood: the leaf, its chain in order, the matching key, and what is wrong. */
export const BundleAnalysisSchema = z.strictObject({
  id: z.string().max(64),
  leaf: CertificateSummarySchema,
  intermediates: z.array(CertificateSummarySchema),
  root: CertificateSummarySchema.optional(),
  /** True when the path reaches a self-signed root found in the inputs or by AIA. */
  complete: z.boolean(),
  key: z.strictObject({ info: KeyInfoSchema, unlocked: z.boolean() }).optional(),
  problems: z.array(BundleProblemSchema),
});
export type BundleAnalysis = z.infer<typeof BundleAnalysisSchema>;

/** The files a bundle run wrote, by role. */
export const BundleFilesSchema = z.strictObject({
  fullchain: z.string(),
  chain: z.string(),
  cert: z.string(),
  key: z.string(),
  pfx: z.string().optional(),
});
export type BundleFiles = z.infer<typeof BundleFilesSchema>;
