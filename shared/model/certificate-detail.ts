import { z } from 'zod';
import { ExpiryStatusSchema } from './certificate-summary.js';

/** One attribute of a distinguished name, in encoding order; multi-valued RDNs share `rdn`. */
export const NameAttributeSchema = z.strictObject({
  type: z.string(),
  oid: z.string(),
  value: z.string(),
  rdn: z.number().int(),
  hex: z.boolean(),
});

/** A distinguished name three ways: RFC 4514, the list's display form, and per attribute. */
export const NameDetailSchema = z.strictObject({
  rfc4514: z.string(),
  display: z.string(),
  attributes: z.array(NameAttributeSchema),
});
export type NameDetail = z.infer<typeof NameDetailSchema>;

/** Public facts of a key: what may be shown of a private key too (never its material). */
export const KeyFactsSchema = z.strictObject({
  algorithm: z.string(),
  bits: z.number().int().optional(),
  curve: z.string().optional(),
  label: z.string(),
  /** SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex: pairs keys, CSRs and certificates. */
  spkiSha256: z.string(),
});
export type KeyFacts = z.infer<typeof KeyFactsSchema>;

/** One extension, decoded to text lines by name; unknown ones keep their OID and hex. */
export const ExtensionDetailSchema = z.strictObject({
  oid: z.string(),
  name: z.string(),
  critical: z.boolean(),
  lines: z.array(z.string()),
  hex: z.string(),
  /** False when the value did not decode (shown as hex, flagged). */
  decoded: z.boolean(),
});
export type ExtensionDetail = z.infer<typeof ExtensionDetailSchema>;

/** One node of the ASN.1 tree view. */
export interface Asn1Node {
  readonly tag: string;
  readonly offset: number;
  readonly headerLength: number;
  readonly length: number;
  readonly value?: string;
  readonly children?: readonly Asn1Node[];
}
export const Asn1NodeSchema: z.ZodType<Asn1Node> = z.lazy(() =>
  z.strictObject({
    tag: z.string(),
    offset: z.number().int(),
    headerLength: z.number().int(),
    length: z.number().int(),
    value: z.string().optional(),
    children: z.array(Asn1NodeSchema).optional(),
  }),
);

/** Everything the detail pane and `inspect` text output show of one certificate. */
export const CertificateDetailSchema = z.strictObject({
  version: z.number().int(),
  serialHex: z.string(),
  serialDecimal: z.string(),
  subject: NameDetailSchema,
  issuer: NameDetailSchema,
  notBefore: z.string(),
  notAfter: z.string(),
  daysLeft: z.number(),
  expiry: ExpiryStatusSchema,
  signatureAlgorithm: z.strictObject({ oid: z.string(), name: z.string() }),
  publicKey: KeyFactsSchema,
  sha1: z.string(),
  sha256: z.string(),
  extensions: z.array(ExtensionDetailSchema),
  /** The ASN.1 tree and PEM, left out where nobody shows them (CLI text, bulk JSON). */
  asn1: Asn1NodeSchema.optional(),
  pem: z.string().optional(),
});
export type CertificateDetail = z.infer<typeof CertificateDetailSchema>;
