import { z } from 'zod';
import { CertificateSummarySchema } from './certificate-summary.js';
import { DiagnosisSchema } from './chain-diagnosis.js';
import { CLIENT_FAMILIES, type ClientFamily } from './client-families.js';

const Sha256 = z.string().max(64);
const MAX_CERTS = 512;

/** Where a certificate in a chain report came from. */
export const CertificateOriginSchema = z.enum(['server', 'file', 'aia', 'trust-source']);
export type CertificateOrigin = z.infer<typeof CertificateOriginSchema>;

/**
 * A certificate the report refers to by SHA-256. `id` opens it in the inspect pane; `pem` is public
 * material, carried so the page can export a corrected bundle without another round trip.
 */
export const ChainCertificateSchema = z.strictObject({
  id: z.string().max(64),
  sha256: Sha256,
  summary: CertificateSummarySchema,
  pem: z.string().max(1024 * 1024),
  origin: CertificateOriginSchema,
});
export type ChainCertificate = z.infer<typeof ChainCertificateSchema>;

/** One problem the verifier found on one certificate of a path. */
export const PathProblemSchema = z.strictObject({
  /** The chain engine's stable problem code (`expired`, `bad-signature`, …); diagnoses explain them. */
  code: z.string().max(64),
  certificate: Sha256,
  detail: z.string().max(1000),
});
export type PathProblem = z.infer<typeof PathProblemSchema>;

/** A candidate path, leaf first, anchor (if one was reached) last; paths are ranked best first. */
export const ChainPathSchema = z.strictObject({
  certificates: z.array(Sha256).min(1).max(64),
  /** Why the path stops: at an anchor, at an untrusted self-signed root, or with an issuer missing. */
  end: z.enum(['anchor', 'self-signed', 'issuer-not-found', 'cycle', 'depth-limit']),
  /** The trust source holding the last certificate, or absent when no anchor was reached. */
  anchorSource: z.string().max(512).optional(),
  trusted: z.boolean(),
  problems: z.array(PathProblemSchema).max(256),
});
export type ChainPath = z.infer<typeof ChainPathSchema>;

/** How the certificates were obtained: a server handshake or files. */
export const ChainOriginSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('host'),
    host: z.string().max(255),
    port: z.number().int().min(1).max(65535),
    servername: z.string().max(255),
    /** Proxy URL with any password removed. */
    proxy: z.string().max(2048).optional(),
    starttls: z.enum(['smtp']).optional(),
    protocol: z.string().max(32),
    cipher: z.string().max(128),
  }),
  z.strictObject({ kind: z.literal('files'), files: z.array(z.string().max(4096)).max(256) }),
]);
export type ChainOrigin = z.infer<typeof ChainOriginSchema>;

/** The corrected server bundle: leaf then intermediates in order, and the root kept apart. */
export const CorrectedBundleSchema = z.strictObject({
  chain: z.array(Sha256).min(1).max(64),
  root: Sha256.optional(),
});
export type CorrectedBundle = z.infer<typeof CorrectedBundleSchema>;

export { CLIENT_FAMILIES, type ClientFamily };
export const ClientFamilySchema = z.enum(CLIENT_FAMILIES);

/** One reason a client refuses the chain, on one certificate (absent: the chain as a whole). */
export const ClientReasonSchema = z.strictObject({
  code: z.string().max(64),
  certificate: Sha256.optional(),
  detail: z.string().max(1000),
});
export type ClientReason = z.infer<typeof ClientReasonSchema>;

/** What one client family would answer for this chain, against the anchors it uses. */
export const ClientVerdictSchema = z.strictObject({
  client: ClientFamilySchema,
  /** "OpenSSL (curl, Python, agents)", "Java PKIX (/usr/lib/jvm/…/cacerts)". */
  label: z.string().max(512),
  /** The trust sources this client's anchors came from. */
  anchors: z.array(z.string().max(512)).max(32),
  trusted: z.boolean(),
  /** The path the client would accept, leaf first, when trusted. */
  path: z.array(Sha256).max(64).optional(),
  reasons: z.array(ClientReasonSchema).max(64),
  /** True for rules taken from the vendor's documentation (Windows, macOS), not from a client run here. */
  documented: z.boolean(),
});
export type ClientVerdict = z.infer<typeof ClientVerdictSchema>;

/**
 * A store that discovery (`jdks`, `nssdbs`) would have verified against but could not: none on this
 * machine, or one that cannot be read. Informational: the other sources' verdicts stand.
 */
export const SkippedTrustSourceSchema = z.strictObject({
  /** `jdks` / `nssdbs` when discovery found none, else the store (`jdk:PATH`, `nss:DIR`). */
  source: z.string().max(4096),
  reason: z.string().max(1000),
});
export type SkippedTrustSource = z.infer<typeof SkippedTrustSourceSchema>;

/** Everything `chain fetch` / `chain verify` found: what the UI draws and `--json` prints. */
export const ChainReportSchema = z.strictObject({
  origin: ChainOriginSchema,
  /** The name checked against the leaf's SAN, if any. */
  hostname: z.string().max(255).optional(),
  verifiedAt: z.string().max(64),
  trustSources: z.array(z.string().max(512)).max(32),
  skippedTrust: z.array(SkippedTrustSourceSchema).max(32),
  certificates: z.array(ChainCertificateSchema).max(MAX_CERTS),
  /** SHA-256s in the order the server (or the files) presented them, duplicates kept. */
  presented: z.array(Sha256).max(MAX_CERTS),
  paths: z.array(ChainPathSchema).max(64),
  /** The verdict of the client(s) the user picked (`headline`): every one of them trusts the chain. */
  trusted: z.boolean(),
  /** The clients whose verdicts make `trusted` (default: the OS store's client). */
  headline: z.array(ClientFamilySchema).min(1).max(CLIENT_FAMILIES.length),
  clients: z.array(ClientVerdictSchema).max(32),
  diagnoses: z.array(DiagnosisSchema).max(256),
  bundle: CorrectedBundleSchema.optional(),
});
export type ChainReport = z.infer<typeof ChainReportSchema>;
