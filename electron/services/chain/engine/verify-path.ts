import { checkCriticalExtensions, checkKey, checkProfile, checkValidity, type Position } from './cert-checks.js';
import { checkIssuingCa, checkNameConstraints, checkPathLength } from './ca-checks.js';
import { checkCaPurpose, checkHost, checkLeafPurpose } from './leaf-checks.js';
import { checkPolicies } from './policy-checks.js';
import { checkRevocation } from './revocation-checks.js';
import { parseForVerify, type ParsedCert } from './parsed-cert.js';
import { problemCollector, type Report } from './report.js';
import { signatureBy } from './signature-cache.js';
import type { CertPath, PathVerdict, Severity, VerifyOptions } from './types.js';

/**
 * Verifies one path (RFC 5280 §6.1, with the CA/B Forum profile rules TLS clients enforce) and
 * lists every problem found rather than stopping at the first, so a diagnosis can name them all.
 * The anchor's own signature is not checked (§6.1.1 d) but its validity, key, constraints and
 * extensions are, as browsers and pyca do. Certificate policies are processed (§6.1.3 d–f, §6.1.4
 * a–b, h–j, §6.1.5 g); revocation only against CRLs the caller passes (§6.3, complete CRLs).
 */
export function verifyPath(path: CertPath, options: VerifyOptions): PathVerdict {
  const last = path.certs.length - 1;
  const anchored = path.end === 'anchor';
  const { problems, report } = problemCollector({
    weakCrypto: options.weakCrypto ?? 'error',
    anchorFaults: anchorFaultSeverity(path, options.anchorFaults),
    anchorIndex: anchored ? last : -1,
  });
  const certs = path.certs.map((pc, i) => {
    const outcome = parseForVerify(pc.der);
    if (!outcome.ok) report('malformed', i, `certificate ${i} cannot be decoded: ${outcome.detail}`);
    return outcome.ok ? outcome.cert : undefined;
  });
  reportEnd(path, certs[last], report);
  // Certificates encode whole seconds; flooring the time is the BR reading (limbo notafter-fractional).
  const atMs = Math.floor(options.at.getTime() / 1000) * 1000;
  certs.forEach((c, i) => {
    if (!c) return;
    const pos: Position = { index: i, isLeaf: i === 0, isAnchor: anchored && i === last, profile: options.profile ?? 'webpki' };
    checkValidity(c, pos, atMs, report);
    checkKey(c, pos, report);
    checkCriticalExtensions(c, pos, report);
    checkProfile(c, pos, report);
    if (i > 0) checkIssuingCa(c, pos, report);
    if (i > 0 && !pos.isAnchor && options.purpose) checkCaPurpose(c, i, options.purpose, report);
    const issuer = certs[i + 1];
    if (i < last && issuer) checkIssuerSignature(c, issuer, i, report);
  });
  checkPathLength(certs, report);
  checkNameConstraints(certs, report);
  if (anchored) checkPolicies(certs, options.policy, report);
  if (anchored && options.crls) checkRevocation(certs, options.crls, atMs, report);
  const leaf = certs[0];
  if (leaf && options.purpose) checkLeafPurpose(leaf, options.purpose, options.profile ?? 'webpki', report);
  if (leaf && options.host !== undefined) checkHost(leaf, options.host, report);
  return { valid: !problems.some((p) => p.severity === 'error'), problems };
}

function reportEnd(path: CertPath, last: ParsedCert | undefined, report: Report): void {
  const index = path.certs.length - 1;
  const label = last?.label ?? `certificate ${index}`;
  switch (path.end) {
    case 'anchor':
      return;
    case 'self-signed':
      return index === 0
        ? report('self-signed-leaf', 0, `${label} is self-signed and not trusted`)
        : report('untrusted-root', index, `the path ends in ${label}, a self-signed root that is not a trust anchor`);
    case 'issuer-not-found':
      return report('incomplete', index, `the issuer of ${label} was not found among the certificates given`);
    case 'cycle':
      return report('incomplete', index, `the only issuers of ${label} are already on the path (a cross-signing loop)`);
    case 'depth-limit':
      return report('incomplete', index, `the path is too long (stopped at ${label})`);
  }
}

function checkIssuerSignature(child: ParsedCert, issuer: ParsedCert, index: number, report: Report): void {
  const sig = signatureBy(child, issuer);
  if (!sig) return; // the issuer's key could not be loaded; checkKey reported it on the issuer
  if (!sig.ok) report(sig.code, index, `${child.label}: ${sig.detail} (${issuer.label})`);
  if (sig.weakHash) report('weak-signature', index, `${child.label} is signed with ${sig.weakHash.toUpperCase()}, which is no longer accepted`);
}

function anchorFaultSeverity(path: CertPath, policy: VerifyOptions['anchorFaults']): Severity {
  if (typeof policy !== 'function') return policy ?? 'warning';
  const anchor = path.certs[path.certs.length - 1];
  return path.end === 'anchor' && anchor ? policy(anchor.der) : 'warning';
}
