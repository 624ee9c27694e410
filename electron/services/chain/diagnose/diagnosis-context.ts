import type { Diagnosis } from '../../../../shared/model/chain-diagnosis.js';
import type { CertificateSummary } from '../../../../shared/model/certificate-summary.js';
import type { ChainPath, CertificateOrigin, ClientVerdict } from '../../../../shared/model/chain.js';
import type { InspectionFinding } from './inspection-signs.js';
import type { X509Certificate } from '../../../../shared/pki/x509.js';

/** A certificate as the rules see it: summarised once, named for people, fully parsed on demand. */
export interface KnownCertificate {
  readonly sha256: string;
  readonly der: Uint8Array;
  readonly summary: CertificateSummary;
  /** The parsed certificate, for extensions and keys; parsed on first use (it costs a second decode). */
  readonly cert: X509Certificate;
  readonly origin: CertificateOrigin;
  /** The subject's CN when it has one, else the whole subject DN. */
  readonly name: string;
}

/** Everything the diagnosis rules read; built once per report by the chain analysis. */
export interface DiagnosisContext {
  readonly at: Date;
  readonly hostname?: string;
  /** Certificates in the order the server or the files presented them. */
  readonly presented: readonly KnownCertificate[];
  readonly lookup: (sha256: string) => KnownCertificate;
  /** Ranked best first; the first decides `trusted`. */
  readonly paths: readonly ChainPath[];
  /** Whether AIA downloads were allowed, and the messages of those that failed. */
  readonly aia: { readonly enabled: boolean; readonly failures: readonly string[] };
  /** True when the SHA-256 is a public (Mozilla) root, or a root with the same subject and key. */
  readonly isPublicRoot: (cert: KnownCertificate) => boolean;
  /** The trust sources' labels, for fix texts ("add it to System bundle /etc/…"). */
  readonly trustLabels: readonly string[];
  /** Whether the chain came from a server (fixes then speak of the server's bundle). */
  readonly fromServer: boolean;
  /** The host name is a public DNS name (public suffix list): a private root there is worth a note. */
  readonly publicName: boolean;
  /** Every client family's verdict; inspection fixes name exactly the failing ones. */
  readonly clients: readonly ClientVerdict[];
  /** TLS inspection found by evidence (analysis/analyze-chain.ts), if any. */
  readonly inspection?: InspectionFinding;
}

/** One rule: looks at the context and says what it finds. */
export type DiagnosisRule = (ctx: DiagnosisContext) => Diagnosis[];

/** "'CN=x'" quoting used in every message, so names stand out from the prose. */
export const quote = (c: KnownCertificate): string => `"${c.name}"`;

export const bestPath = (ctx: DiagnosisContext): ChainPath | undefined => ctx.paths[0];

/** Short display name: the first CN of a DN string, else the DN itself. */
export function displayName(dn: string): string {
  const cn = /(?:^|,\s*)CN=((?:\\,|[^,])+)/.exec(dn);
  return cn ? cn[1]!.replace(/\\,/g, ',').trim() : dn || '(empty subject)';
}
