import type { ChainPath, ClientFamily, ClientReason, ClientVerdict } from '../../../../shared/model/chain.js';
import { LINT_PROBLEM_CODES } from '../../../../shared/model/client-families.js';
import { OID } from '../../../../shared/pki/chain/cert-extensions.js';
import { parseForVerify } from '../engine/parsed-cert.js';
import { displayName, type KnownCertificate } from '../diagnose/diagnosis-context.js';
import { CLIENT_RULES, type ClientRules } from './client-rules.js';


/** The anchors one client verifies against. */
export interface ClientAnchors {
  readonly labels: readonly string[];
  readonly has: (sha256: string) => boolean;
}

export interface ClientVerdictInput {
  /** Every path the engine built, ranked. */
  readonly paths: readonly ChainPath[];
  readonly lookup: (sha256: string) => KnownCertificate;
  readonly hostname?: string;
  /** A live fetch: certificates the user added are then not what clients of the server get. */
  readonly fromServer: boolean;
  /** The anchor sets a family is judged against: one, or one per store (each JDK's cacerts). */
  readonly anchorsFor: (client: ClientFamily) => readonly ClientAnchors[];
}

const MAX_APPLE_DAYS = 825;
const APPLE_RULES_FROM = Date.parse('2019-07-01T00:00:00Z');

/** What each client family answers, per anchor set: the first ranked path it accepts, or why it accepts none. */
export function clientVerdicts(input: ClientVerdictInput, clients: readonly ClientFamily[]): ClientVerdict[] {
  return clients.flatMap((client) => {
    const sets = input.anchorsFor(client);
    return sets.map((anchors) => verdictFor(client, CLIENT_RULES[client], anchors, sets.length > 1, input));
  });
}

/** Whether every anchor set of `client` accepts `path`. */
export function acceptedBy(client: ClientFamily, path: ChainPath, input: ClientVerdictInput): boolean {
  return input.anchorsFor(client).every((anchors) => refusals(path, CLIENT_RULES[client], anchors, input).length === 0);
}

function verdictFor(client: ClientFamily, rules: ClientRules, anchors: ClientAnchors, named: boolean, input: ClientVerdictInput): ClientVerdict {
  const label = named ? `${rules.label}: ${anchors.labels.join(', ')}` : rules.label;
  const base = { client, label, anchors: [...anchors.labels], documented: rules.documented };
  let firstRefusal: ClientReason[] | undefined;
  for (const path of input.paths) {
    const reasons = refusals(path, rules, anchors, input);
    if (reasons.length === 0) return { ...base, trusted: true, path: [...path.certificates], reasons: [] };
    firstRefusal ??= reasons;
  }
  return { ...base, trusted: false, reasons: firstRefusal ?? [{ code: 'incomplete', detail: 'No path could be built' }] };
}

/** Why this client refuses this path; empty when it accepts it. */
export function refusals(path: ChainPath, rules: ClientRules, anchors: ClientAnchors, input: ClientVerdictInput): ClientReason[] {
  const certs = path.certificates.map(input.lookup);
  const last = certs[certs.length - 1]!;
  const reasons: ClientReason[] = [];
  const usedAia = certs.filter((c) => c.origin === 'aia');
  if (usedAia.length > 0 && !rules.aiaFetch) {
    reasons.push({ code: 'missing-intermediate', certificate: usedAia[0]!.sha256, detail: `the server does not send "${usedAia[0]!.name}" and this client does not fetch it from the AIA URL` });
  }
  const added = input.fromServer ? certs.filter((c) => c.origin === 'file') : [];
  if (added.length > 0) reasons.push({ code: 'missing-intermediate', certificate: added[0]!.sha256, detail: `"${added[0]!.name}" was added here; the server does not send it` });
  if (path.end !== 'anchor' || !anchors.has(last.sha256)) {
    const problem = path.problems.find((p) => p.code === 'incomplete' || p.code === 'untrusted-root' || p.code === 'self-signed-leaf');
    reasons.push({ code: problem?.code ?? 'untrusted-root', certificate: last.sha256, detail: problem?.detail ?? `"${last.name}" is not among this client's anchors` });
    return reasons;
  }
  if (!rules.partialChain && !last.summary.selfSigned) {
    reasons.push({ code: 'partial-chain', certificate: last.sha256, detail: `the trusted "${last.name}" is not a self-signed root; this client needs the root above it` });
  }
  const lastIndex = certs.length - 1;
  for (const problem of path.problems) {
    const index = path.certificates.indexOf(problem.certificate);
    if (!refuses(problem.code, index, lastIndex, rules, certs, input.hostname)) continue;
    reasons.push({ code: problem.code, certificate: problem.certificate, detail: problem.detail });
  }
  reasons.push(...clientOnlyRefusals(certs[0]!, rules));
  return reasons;
}

function refuses(code: string, index: number, lastIndex: number, rules: ClientRules, certs: readonly KnownCertificate[], host: string | undefined): boolean {
  if (LINT_PROBLEM_CODES.has(code)) return false;
  if (code === 'weak-signature') return rules.rejectsSha1;
  if (code === 'weak-key') {
    const bits = /^RSA (\d+)/.exec(certs[index]?.summary.keyType ?? '')?.[1];
    return bits === undefined || Number(bits) < rules.minRsaBits;
  }
  if ((code === 'expired' || code === 'not-yet-valid') && index === lastIndex) return rules.checksAnchorValidity;
  if (code === 'hostname-mismatch') return !(rules.cnFallback && cnMatches(certs[0]!, host));
  return true;
}

/** The legacy rule: no DNS or IP subjectAltName, and the subject CN equals the host. */
function cnMatches(leaf: KnownCertificate, host: string | undefined): boolean {
  if (!host || leaf.summary.sans.some((s) => s.type === 'dns' || s.type === 'ip')) return false;
  return displayName(leaf.summary.subject).toLowerCase() === host.toLowerCase().replace(/\.$/, '');
}

function clientOnlyRefusals(leaf: KnownCertificate, rules: ClientRules): ClientReason[] {
  if (!rules.rsaLeafNeedsKeyEncipherment && !rules.appleTlsRules) return [];
  // The engine parsed this certificate already (cached by its DER): no second decode.
  const parsed = parseForVerify(leaf.der);
  if (!parsed.ok) return [];
  const { keyUsage, extKeyUsage } = parsed.cert.ext;
  const out: ClientReason[] = [];
  if (rules.rsaLeafNeedsKeyEncipherment && leaf.summary.keyType.startsWith('RSA') && keyUsage && !keyUsage.has('keyEncipherment')) {
    out.push({ code: 'key-usage', certificate: leaf.sha256, detail: `"${leaf.name}" has an RSA key but its keyUsage lacks keyEncipherment, which NSS requires of an RSA TLS server certificate` });
  }
  if (rules.appleTlsRules) {
    if (!extKeyUsage?.includes(OID.serverAuth)) {
      out.push({ code: 'eku-mismatch', certificate: leaf.sha256, detail: `"${leaf.name}" has no extendedKeyUsage with serverAuth, which macOS requires of TLS server certificates` });
    }
    const notBefore = Date.parse(leaf.summary.notBefore);
    const days = (Date.parse(leaf.summary.notAfter) - notBefore) / 86_400_000;
    if (notBefore >= APPLE_RULES_FROM && days > MAX_APPLE_DAYS && !leaf.summary.selfSigned) {
      out.push({ code: 'validity-too-long', certificate: leaf.sha256, detail: `"${leaf.name}" is valid for ${Math.round(days)} days; macOS accepts at most ${MAX_APPLE_DAYS}` });
    }
  }
  return out;
}
