import { z } from 'zod';
import { EXTENDED_KEY_USAGES, KEY_USAGES, MAX_SANS, SAN_TYPES } from './csr-constants.js';
import { KeyDescriptionSchema, SignatureHashSchema } from './keys.js';

export const SubjectSchema = z.strictObject({
  CN: z.string().max(1024).optional(),
  O: z.string().max(1024).optional(),
  OU: z.string().max(1024).optional(),
  L: z.string().max(1024).optional(),
  ST: z.string().max(1024).optional(),
  C: z.string().max(1024).optional(),
  emailAddress: z.string().max(1024).optional(),
});
export type Subject = z.infer<typeof SubjectSchema>;

export const SanTypeSchema = z.enum(SAN_TYPES);

/** One SAN row as typed: validation and IDN conversion happen in `shared/csr/san.ts`. */
export const SanRowSchema = z.strictObject({ type: SanTypeSchema, value: z.string().max(1024) });
export type SanRow = z.infer<typeof SanRowSchema>;

export const KeyUsageSchema = z.enum(KEY_USAGES);

export const ExtendedKeyUsageSchema = z.enum(EXTENDED_KEY_USAGES);

/** Everything the CSR designer decides, minus the key itself. */
export const CsrSpecSchema = z.strictObject({
  subject: SubjectSchema,
  sans: z.array(SanRowSchema).max(MAX_SANS),
  /** Clients ignore the CN (RFC 6125 §6.4.4), so by default the CN is also requested as a DNS SAN. */
  addCnToSan: z.boolean(),
  hash: SignatureHashSchema,
  keyUsage: z.array(KeyUsageSchema).max(KEY_USAGES.length),
  extendedKeyUsage: z.array(ExtendedKeyUsageSchema).max(EXTENDED_KEY_USAGES.length),
});
export type CsrSpec = z.infer<typeof CsrSpecSchema>;

/** A problem with one field or SAN row; `where` is `subject.C`, `sans.3` and so on. */
export const CsrIssueSchema = z.strictObject({ where: z.string().max(64), message: z.string().max(512) });
export type CsrIssue = z.infer<typeof CsrIssueSchema>;

/** The CSR as it will be built: normalised subject and SANs, blocking errors and advisory warnings. */
export const CsrPlanSchema = z.strictObject({
  subject: z.array(z.strictObject({ field: z.enum(['CN', 'O', 'OU', 'L', 'ST', 'C', 'emailAddress']), value: z.string() })),
  sans: z.array(SanRowSchema),
  /** IDN rows converted to punycode, as `münchen.de → xn--mnchen-3ya.de`. */
  notes: z.array(z.string()),
  key: KeyDescriptionSchema,
  hash: SignatureHashSchema,
  keyUsage: z.array(KeyUsageSchema),
  extendedKeyUsage: z.array(ExtendedKeyUsageSchema),
  errors: z.array(CsrIssueSchema),
  warnings: z.array(CsrIssueSchema),
});
export type CsrPlan = z.infer<typeof CsrPlanSchema>;
