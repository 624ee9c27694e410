import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { CertificateSummarySchema, SanEntrySchema } from './certificate-summary.js';
import { CertificateDetailSchema, KeyFactsSchema } from './certificate-detail.js';

/**
 * One object found in an input. `id` names it in main's workspace so later calls (detail, export,
 * convert) refer to it without sending bytes, and without private keys ever reaching the page.
 * `origin` says where in the input it was ("PEM block 2", "PKCS#12 bag 1").
 */
const base = { id: z.string(), origin: z.string() };

export const InspectedCertificateSchema = z.strictObject({
  ...base,
  kind: z.literal('certificate'),
  summary: CertificateSummarySchema,
  /** PKCS#12 friendly name / keystore alias, when the container gave one. */
  label: z.string().optional(),
});

export const InspectedCsrSchema = z.strictObject({
  ...base,
  kind: z.literal('csr'),
  subject: z.string(),
  /** The subject as an RFC 4514 string (for `--json`); `subject` is the display form. */
  subjectRfc4514: z.string(),
  sans: z.array(SanEntrySchema),
  key: KeyFactsSchema,
  /** Proof of possession (RFC 2986 §4.2): the CSR's self-signature checked with its own key. */
  signature: z.enum(['valid', 'invalid', 'unsupported']),
  sha256: z.string(),
});

/** A private key: public facts only. `matchesCertificateId` pairs it with a certificate opened alongside. */
export const InspectedPrivateKeySchema = z.strictObject({
  ...base,
  kind: z.literal('private-key'),
  key: KeyFactsSchema,
  encoding: z.enum(['pkcs8', 'encrypted-pkcs8', 'pkcs1', 'sec1', 'legacy-encrypted-pem', 'pkcs12']),
  encrypted: z.boolean(),
  matchesCertificateId: z.string().optional(),
  label: z.string().optional(),
});

export const InspectedPublicKeySchema = z.strictObject({ ...base, kind: z.literal('public-key'), key: KeyFactsSchema });

export const InspectedPkcs7Schema = z.strictObject({ ...base, kind: z.literal('pkcs7'), certificateCount: z.number().int() });

export const InspectedPkcs12Schema = z.strictObject({
  ...base,
  kind: z.literal('pkcs12'),
  certificateCount: z.number().int(),
  keyCount: z.number().int(),
  /** "HMAC-SHA256, 2048 iterations" or "none (no MAC)". */
  integrity: z.string(),
  certificateEncryption: z.array(z.string()),
  keyEncryption: z.array(z.string()),
  password: z.enum(['given', 'empty', 'absent']),
});

export const KeystoreEntrySummarySchema = z.strictObject({
  alias: z.string(),
  type: z.string(),
  certificateIds: z.array(z.string()),
});

export const InspectedKeystoreSchema = z.strictObject({
  ...base,
  kind: z.literal('keystore'),
  format: z.string(),
  entries: z.array(KeystoreEntrySummarySchema),
});

export const InspectedObjectSchema = z.discriminatedUnion('kind', [
  InspectedCertificateSchema,
  InspectedCsrSchema,
  InspectedPrivateKeySchema,
  InspectedPublicKeySchema,
  InspectedPkcs7Schema,
  InspectedPkcs12Schema,
  InspectedKeystoreSchema,
]);
export type InspectedObject = z.infer<typeof InspectedObjectSchema>;
export type InspectedKind = InspectedObject['kind'];

export const InspectResultSchema = z.strictObject({
  source: z.string(),
  /** What the content was recognised as ("PEM text", "DER", "PKCS#12", "JKS"…), whatever the file name said. */
  format: z.string(),
  objects: z.array(InspectedObjectSchema),
  /** Parts of the input that could not be read (a damaged PEM block, a malformed certificate), each with its own error; the rest was read. */
  problems: z.array(z.strictObject({ origin: z.string(), code: z.enum(ERROR_CODES), message: z.string() })),
  /** Parts that were read but that other tools may not read so (PEM with indented armour), each with a sentence. */
  notes: z.array(z.strictObject({ origin: z.string(), message: z.string() })),
});
export type InspectResult = z.infer<typeof InspectResultSchema>;

/**
 * A certificate another workspace lists (a keystore entry's, a trust store's), opened as Inspect
 * opens one: the object (its id serves later calls such as the trust map) and its full detail, for
 * the one detail pane. Fetched when a row is selected, never for the whole list.
 */
export const ListedCertificateSchema = z.strictObject({ certificate: InspectedCertificateSchema, detail: CertificateDetailSchema });
export type ListedCertificate = z.infer<typeof ListedCertificateSchema>;
