import { z } from 'zod';
import { CertificateSummarySchema } from './certificate-summary.js';

/**
 * One object found in an input. `id` names it in main's workspace so later calls (export,
 * convert) refer to it without sending bytes, and without private keys ever reaching the page.
 */
export const InspectedCertificateSchema = z.strictObject({
  id: z.string(),
  kind: z.literal('certificate'),
  summary: CertificateSummarySchema,
});

export const InspectedObjectSchema = z.discriminatedUnion('kind', [InspectedCertificateSchema]);
export type InspectedObject = z.infer<typeof InspectedObjectSchema>;

export const InspectResultSchema = z.strictObject({
  source: z.string(),
  objects: z.array(InspectedObjectSchema),
});
export type InspectResult = z.infer<typeof InspectResultSchema>;
