import type { Diagnosis, DiagnosisCode, Fix } from '../../../../shared/model/chain-diagnosis.js';
import { LINT_PROBLEM_CODES } from '../../../../shared/model/client-families.js';
import { bestPath, quote, type DiagnosisContext, type KnownCertificate } from './diagnosis-context.js';

type Role = 'leaf' | 'intermediate' | 'anchor';

/** Engine codes the trust and presentation rules explain themselves (with better context). */
const EXPLAINED_ELSEWHERE = new Set<string>(['incomplete', 'untrusted-root', 'self-signed-leaf']);

/** Engine problem code → diagnosis code; codes the engine adds later fall back to `unsupported-certificate`. */
const CODE_OF: Readonly<Record<string, DiagnosisCode>> = {
  expired: 'expired',
  'not-yet-valid': 'not-yet-valid',
  'bad-signature': 'invalid-signature',
  'not-a-ca': 'not-a-ca',
  'path-length-exceeded': 'path-length-exceeded',
  'eku-mismatch': 'eku-mismatch',
  'key-usage': 'key-usage',
  'name-constraint-violation': 'name-constraint-violation',
  'hostname-mismatch': 'hostname-mismatch',
  'weak-signature': 'weak-signature',
  'weak-key': 'weak-key',
  'unsupported-algorithm': 'unsupported-certificate',
  incomplete: 'missing-intermediate',
  'untrusted-root': 'untrusted-root',
  'self-signed-leaf': 'self-signed-leaf',
  'unknown-critical-extension': 'unsupported-certificate',
  malformed: 'unsupported-certificate',
  policy: 'unsupported-certificate',
};

/**
 * The verifier's findings on the best path (RFC 5280 §6.1.3 / RFC 6125), each turned into a
 * diagnosis whose fix depends on where the certificate sits: the leaf is reissued, an
 * intermediate is replaced in the server's bundle, an anchor is updated in the trust store.
 */
export function problemDiagnoses(ctx: DiagnosisContext): Diagnosis[] {
  const path = bestPath(ctx);
  if (!path || path.trusted) return [];
  const seen = new Set<string>();
  const out: Diagnosis[] = [];
  for (const problem of path.problems) {
    if (EXPLAINED_ELSEWHERE.has(problem.code) || LINT_PROBLEM_CODES.has(problem.code)) continue;
    const key = `${problem.code}:${problem.certificate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cert = ctx.lookup(problem.certificate);
    const index = path.certificates.indexOf(problem.certificate);
    const role: Role = index === 0 ? 'leaf' : index === path.certificates.length - 1 && path.end === 'anchor' ? 'anchor' : 'intermediate';
    const code = CODE_OF[problem.code] ?? 'unsupported-certificate';
    out.push({
      code,
      severity: 'error',
      message: `${role === 'leaf' ? 'The certificate' : role === 'anchor' ? 'The root' : 'The intermediate'} ${quote(cert)}: ${problem.detail}`,
      certificates: [cert.sha256],
      fix: fixFor(code, cert, role, ctx),
    });
  }
  return out;
}

function fixFor(code: DiagnosisCode, cert: KnownCertificate, role: Role, ctx: DiagnosisContext): Fix {
  const c = quote(cert);
  const sha = cert.sha256;
  switch (code) {
    case 'expired':
      if (role === 'leaf') return { text: `Renew ${c} and install the new certificate${ctx.fromServer ? ' on the server' : ''}.`, place: 'reissue', certificate: sha };
      if (role === 'anchor') return { text: `The trusted root ${c} has expired: remove it and install the CA's current root in the trust store (never the expired one).`, place: 'trust-store' };
      if (cert.summary.isCA && !cert.summary.selfSigned && ctx.paths.some((p) => p.trusted)) {
        return { text: `Remove the expired cross-sign ${c} from the server's bundle (export the corrected bundle); the valid path ends in the current root.`, place: 'corrected-bundle', certificate: sha };
      }
      return { text: `Replace the expired intermediate ${c} in the server's bundle with the CA's current one (export the corrected bundle)${cert.summary.isCA ? `, or trust the CA's current self-signed root ${c} instead of the root that issued this expired one` : ''}.`, place: 'corrected-bundle', certificate: sha };
    case 'not-yet-valid':
      return { text: `Check the clocks of client and server: ${c} is valid only from ${cert.summary.notBefore}.`, place: 'none', certificate: sha };
    case 'hostname-mismatch':
      return { text: `Reissue ${c} with ${ctx.hostname ?? 'the host name'} in its subject alternative names, or connect with a name it covers.`, place: 'reissue', certificate: sha };
    case 'weak-signature':
      return { text: `Reissue ${c} signed with SHA-256 or stronger; SHA-1 and MD5 signatures are rejected by current clients.`, place: 'reissue', certificate: sha };
    case 'weak-key':
      return { text: `Reissue ${c} with an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key.`, place: 'reissue', certificate: sha };
    case 'eku-mismatch':
    case 'key-usage':
      return { text: `Reissue ${c} with key usages that allow TLS server authentication (EKU serverAuth, digitalSignature).`, place: 'reissue', certificate: sha };
    case 'not-a-ca':
    case 'invalid-signature':
      return { text: `${c} cannot issue the certificate below it: put the CA's correct intermediate in the server's bundle (export the corrected bundle).`, place: 'corrected-bundle', certificate: sha };
    case 'path-length-exceeded':
    case 'name-constraint-violation':
      return { text: `The CA's constraints forbid this chain: have the certificate reissued under a CA allowed to issue it.`, place: 'reissue', certificate: sha };
    default:
      return { text: `${c} breaks a rule strict clients enforce (RFC 5280 profile); have it reissued by its CA.`, place: 'reissue', certificate: sha };
  }
}

/**
 * Strict issuing rules (RFC 5280 §4, CA/B Forum) the best path breaks but every client accepts:
 * warnings for whoever runs the CA, never the verdict and never a reason to reissue a certificate
 * a proxy forged.
 */
export function lintDiagnoses(ctx: DiagnosisContext): Diagnosis[] {
  const path = bestPath(ctx);
  if (!path) return [];
  const seen = new Set<string>();
  return path.problems.flatMap((problem): Diagnosis[] => {
    const key = `${problem.code}:${problem.certificate}`;
    if (!LINT_PROBLEM_CODES.has(problem.code) || seen.has(key)) return [];
    seen.add(key);
    const cert = ctx.lookup(problem.certificate);
    const caLeaf = problem.code === 'ca-as-leaf';
    return [{
      code: 'lint',
      severity: 'warning',
      message: caLeaf
        ? `${quote(cert)} is a CA certificate (basicConstraints CA:TRUE, what \`openssl req -x509\` makes by default) serving as the server's own certificate. OpenSSL, GnuTLS, Java, NSS and Chromium accept it.`
        : `${quote(cert)}: ${problem.detail}. A strict-profile fault only: OpenSSL, GnuTLS, Java, NSS and Chromium accept it.`,
      certificates: [cert.sha256],
      fix: { text: caLeaf ? 'Nothing clients need; a new certificate for the server should be issued with CA:FALSE.' : 'Nothing clients need; a CA you run should fix this in the certificates it issues next.', place: 'none' },
    }];
  });
}
