import { z } from 'zod';
import { LIMITS } from '../ipc/limits.js';
import { EXPORT_FORMATS } from './convert-constants.js';
import { PFX_PROFILES } from './keys-constants.js';

export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const PfxProfileSchema = z.enum(PFX_PROFILES);

const Password = z.string().max(LIMITS.maxPasswordChars);

/** Export of opened objects (certificates, at most one private key) by id. */
export const ExportRequestSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).min(1).max(LIMITS.maxListItems),
  format: ExportFormatSchema,
  /** Output file; with `split`, a directory that receives one file per certificate. */
  path: z.string().min(1).max(LIMITS.maxPathChars),
  /** Reorder the certificates leaf → intermediates → root. */
  order: z.boolean().optional(),
  split: z.boolean().optional(),
  overwrite: z.boolean().optional(),
  /** PFX password, or the passphrase a PEM key is encrypted with. */
  password: Password.optional(),
  pfxProfile: PfxProfileSchema.optional(),
  friendlyName: z.string().max(LIMITS.maxNameChars).optional(),
  /** Write a PEM private key without encryption: only when the user chose it explicitly. */
  unencryptedKey: z.boolean().optional(),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export const WrittenFileSchema = z.strictObject({
  path: z.string(),
  content: z.enum(['certificates', 'private-key', 'pfx']),
  /** Octal file mode, "600" for anything holding a private key. */
  mode: z.string(),
  certificates: z.number().int(),
});
export type WrittenFile = z.infer<typeof WrittenFileSchema>;

export const ConvertResultSchema = z.strictObject({ files: z.array(WrittenFileSchema), warnings: z.array(z.string()) });
export type ConvertResult = z.infer<typeof ConvertResultSchema>;
