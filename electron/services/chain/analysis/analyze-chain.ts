import { CertbenchError } from '../../../../shared/errors.js';
import { sha256Hex } from '../../../../shared/pki/hash.js';
import type { ChainOrigin, ChainPath, ChainReport, CorrectedBundle, SkippedTrustSource } from '../../../../shared/model/chain.js';
import { CLIENT_FAMILIES, type ClientFamily } from '../../../../shared/model/client-families.js';
import type { ObjectStore } from '../../workspace/object-store.js';
import { completeWithAia, type AiaAttempt } from '../aia/aia-resolver.js';
import type { ProxyConfig } from '../fetch/proxy-url.js';
import { diagnose } from '../diagnose/diagnose.js';
import { headlineRefusals, missingAnchorWarnings } from '../diagnose/client-refusals.js';
import { assessInspection, isPublicHostname, type PathFacts } from '../diagnose/inspection-signs.js';
import type { KnownCertificate } from '../diagnose/diagnosis-context.js';
import { validateChain, type BuildInput, type ChainValidation } from '../engine/index.js';
import type { TrustAnchors } from '../trust-sources/trust-source.js';
import { acceptedBy, clientVerdicts } from '../clients/client-verdicts.js';
import { CertificatePool } from './certificate-pool.js';
import { pickLeafIndex } from './pick-leaf.js';
import { prepareAnchors } from './prepared-anchors.js';

export interface AnalysisInput {
  readonly origin: ChainOrigin;
  /** In the order presented (server) or read (files). */
  readonly presented: readonly Uint8Array[];
  /** Candidates the user added (files) beside what the server sent; never counted as presented. */
  readonly added?: readonly Uint8Array[];
  readonly anchors: readonly TrustAnchors[];
  /** Discovered stores left out (none found, unreadable), reported beside the verdicts. */
  readonly skippedTrust?: readonly SkippedTrustSource[];
  /** The clients whose verdicts make the headline `trusted`. */
  readonly headline: readonly ClientFamily[];
  readonly hostname?: string;
  readonly at: Date;
  readonly aia: { readonly enabled: boolean; readonly proxy?: ProxyConfig; readonly timeoutMs?: number; readonly maxBytes?: number };
  /** How a live fetch reached the server (proxy, forgery probe): TLS-inspection evidence. */
  readonly pathFacts?: PathFacts;
  /** Loads the public-roots test; called only for a public host name fetched live (it may cost a store read). */
  readonly publicRoots: () => Promise<(cert: KnownCertificate) => boolean>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (label: string) => void;
}

const AIA_DEFAULTS = { timeoutMs: 10_000, maxBytes: 1024 * 1024 };
/** Presented (server or files) certificates per report; keeps the report inside its IPC bounds. */
const MAX_PRESENTED = 200;

/**
 * Presented certificates + trust anchors → every path (engine), AIA completion when allowed and
 * needed, diagnoses and the corrected bundle: the one analysis `chain fetch` and `chain verify` share.
 */
export async function analyzeChain(input: AnalysisInput, store: ObjectStore): Promise<ChainReport> {
  if (input.presented.length === 0) throw new CertbenchError('empty-input', 'No certificate to verify');
  if (input.presented.length > MAX_PRESENTED) {
    throw new CertbenchError('too-large', `${input.presented.length} certificates given; a chain is verified from at most ${MAX_PRESENTED} (use a CA bundle as --trust instead)`);
  }
  const pool = new CertificatePool(input.at);
  const fromServer = input.origin.kind === 'host';
  const presented = input.presented.map((der, i) => addPresented(pool, der, fromServer ? 'server' : 'file', i));
  const leafIndex = fromServer ? 0 : pickLeafIndex(presented.map((p) => p.summary));
  const anchors = prepareAnchors(input.anchors);
  const anchorDers = anchors.ders;
  const anchorSources = anchors.sourceOf;
  const added = input.added ?? [];
  added.forEach((der, i) => addCandidate(pool, der, i));
  const others = [...input.presented.filter((_, i) => i !== leafIndex), ...added];

  let paths = verifyAll({ leaf: input.presented[leafIndex]!, intermediates: others, anchors: anchorDers }, input, pool, anchorSources);
  let attempts: AiaAttempt[] = [];
  if (input.aia.enabled && !paths[0]?.trusted && paths[0]?.end === 'issuer-not-found') {
    input.onProgress?.('Fetching missing issuers (AIA)');
    const knownSubjects = new Set([...presented.map((p) => p.summary.subject), ...anchorSubjects(anchorDers, pool)]);
    attempts = await completeWithAia(
      paths[0].certificates.map((sha) => pool.der(sha)),
      {
        ...AIA_DEFAULTS,
        ...input.aia,
        signal: input.signal,
        onProgress: input.onProgress,
        hasIssuer: (der) => knownSubjects.has(pool.add(der, 'aia').summary.issuer),
      },
    );
    const fetched = attempts.flatMap((a) => a.certificates);
    fetched.forEach((der) => knownSubjects.add(pool.add(der, 'aia').summary.subject));
    if (fetched.length > 0) {
      paths = verifyAll({ leaf: input.presented[leafIndex]!, intermediates: [...others, ...fetched], anchors: anchorDers }, input, pool, anchorSources);
    }
  }
  if (input.signal?.aborted) throw new CertbenchError('cancelled', 'Cancelled');
  const verdictInput = { paths, lookup: (sha: string) => pool.get(sha), hostname: input.hostname, fromServer, anchorsFor: anchors.forClient };
  const clients = clientVerdicts(verdictInput, CLIENT_FAMILIES);
  // A path is trusted when every headline client accepts it; those paths rank first.
  const acceptedByHeadline = (path: ChainPath) => input.headline.every((c) => acceptedBy(c, path, verdictInput));
  paths = paths.map((p) => ({ ...p, trusted: acceptedByHeadline(p) }));
  paths = [...paths.filter((p) => p.trusted), ...paths.filter((p) => !p.trusted)];
  const top = paths[0] ? pool.get(paths[0].certificates[paths[0].certificates.length - 1]!) : undefined;
  const publicName = fromServer && (await isPublicHostname(input.hostname));
  const isPublicRoot = publicName ? await input.publicRoots() : () => false;
  const inspection =
    top &&
    assessInspection({
      hostname: input.hostname,
      publicName,
      at: input.at,
      fromServer,
      leaf: presented[leafIndex]!,
      top,
      isPublicRoot: isPublicRoot(top),
      path: input.pathFacts ?? { viaProxy: false },
    });
  const diagnoses = diagnose({
    at: input.at,
    hostname: input.hostname,
    presented,
    lookup: (sha) => pool.get(sha),
    paths,
    aia: { enabled: input.aia.enabled, failures: attempts.filter((a) => a.error).map((a) => `${a.url}: ${a.error}`) },
    isPublicRoot,
    trustLabels: input.anchors.map((a) => a.label),
    fromServer,
    publicName,
    clients,
    inspection,
  });
  const best = paths[0];
  const shas = [...presented.map((p) => p.sha256), ...paths.flatMap((p) => p.certificates)];
  const trusted = input.headline.every((c) => clients.filter((v) => v.client === c).every((v) => v.trusted));
  const lookup = (sha: string) => pool.get(sha);
  return {
    origin: input.origin,
    hostname: input.hostname,
    verifiedAt: input.at.toISOString(),
    trustSources: input.anchors.map((a) => a.label),
    skippedTrust: [...(input.skippedTrust ?? [])],
    certificates: pool.toDtos(shas, store),
    presented: presented.map((p) => p.sha256),
    paths,
    trusted,
    headline: [...input.headline],
    clients,
    diagnoses: [
      ...diagnoses,
      ...headlineRefusals(diagnoses, clients.filter((v) => input.headline.includes(v.client)), lookup),
      ...missingAnchorWarnings(trusted, clients, lookup),
    ],
    bundle: best ? correctedBundle(best) : undefined,
  };
}

function addPresented(pool: CertificatePool, der: Uint8Array, origin: 'server' | 'file', index: number): KnownCertificate {
  try {
    return pool.add(der, origin);
  } catch (err) {
    throw new CertbenchError('parse', `Certificate #${index + 1} is not a valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
}

/** Adds a user-supplied candidate as a `file` certificate. */
function addCandidate(pool: CertificatePool, der: Uint8Array, index: number): void {
  try {
    pool.add(der, 'file');
  } catch (err) {
    throw new CertbenchError('parse', `Added certificate #${index + 1} is not a valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
}

function anchorSubjects(anchors: readonly Uint8Array[], pool: CertificatePool): string[] {
  return anchors.flatMap((der) => {
    try {
      return [pool.add(der, 'trust-source').summary.subject];
    } catch {
      return [];
    }
  });
}

/** The engine's ranked paths (RFC 4158 §3.5 order) as report DTOs. */
function verifyAll(build: BuildInput, input: AnalysisInput, pool: CertificatePool, sources: ReadonlyMap<string, TrustAnchors>): ChainPath[] {
  const validation: ChainValidation = validateChain(build, {
    at: input.at,
    host: input.hostname,
    purpose: 'serverAuth',
    anchorFaults: (anchor) => (sources.get(sha256Hex(anchor))?.curated ? 'warning' : 'error'),
  });
  return validation.paths.map(({ path, verdict }) => {
    const shas = path.certs.map((c) => pool.add(c.der, 'trust-source').sha256);
    const last = shas[shas.length - 1]!;
    return {
      certificates: shas,
      end: path.end,
      anchorSource: path.end === 'anchor' ? sources.get(last)?.label : undefined,
      trusted: path.end === 'anchor' && verdict.valid,
      problems: verdict.problems.map((p) => ({ code: p.code, certificate: shas[p.certIndex] ?? shas[0]!, detail: p.detail.slice(0, 1000) })),
    };
  });
}

/** Leaf then intermediates in path order; the root (anchor or self-signed top) apart (pki-facts: root optional). */
function correctedBundle(path: ChainPath): CorrectedBundle {
  const hasRoot = (path.end === 'anchor' || path.end === 'self-signed') && path.certificates.length > 1;
  return hasRoot
    ? { chain: path.certificates.slice(0, -1), root: path.certificates[path.certificates.length - 1] }
    : { chain: [...path.certificates] };
}
