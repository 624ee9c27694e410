import type { Diagnosis } from '../../../../shared/model/chain-diagnosis.js';
import { EXPIRING_SOON_DAYS, daysLeft } from '../../../../shared/pki/expiry.js';
import { bestPath, quote, type DiagnosisContext } from './diagnosis-context.js';

/** Certificates on the best path that expire within 60 days (the threshold). */
export function expiringSoonDiagnoses(ctx: DiagnosisContext): Diagnosis[] {
  const path = bestPath(ctx);
  if (!path) return [];
  const out: Diagnosis[] = [];
  path.certificates.forEach((sha, index) => {
    const cert = ctx.lookup(sha);
    const notAfter = new Date(cert.summary.notAfter);
    const left = daysLeft(notAfter, ctx.at);
    if (ctx.at < new Date(cert.summary.notBefore) || left < 0 || left >= EXPIRING_SOON_DAYS) return;
    const isLeaf = index === 0;
    out.push({
      code: 'expiring-soon',
      severity: 'warning',
      message: `${quote(cert)} expires in ${left} day${left === 1 ? '' : 's'} (${cert.summary.notAfter.slice(0, 10)}).`,
      certificates: [sha],
      fix: isLeaf
        ? { text: `Renew ${quote(cert)} now and install the new certificate${ctx.fromServer ? ' on the server' : ''}.`, place: 'reissue', certificate: sha }
        : { text: `Get the CA's successor for ${quote(cert)} and update the ${index === path.certificates.length - 1 ? 'trust store' : "server's bundle"} before it expires.`, place: index === path.certificates.length - 1 ? 'trust-store' : 'corrected-bundle', certificate: sha },
    });
  });
  return out;
}

/**
 * A cross-signed path through an expired certificate next to a valid path (the 2021 Let's Encrypt
 * DST Root CA X3 case): clients that build only the first path they see, or trust only the old
 * root, fail. Worth fixing when the server itself sends the expired certificate.
 */
export function expiredCrossSignDiagnoses(ctx: DiagnosisContext): Diagnosis[] {
  const best = bestPath(ctx);
  if (!best?.trusted) return [];
  const out: Diagnosis[] = [];
  const reported = new Set<string>();
  for (const alt of ctx.paths.slice(1)) {
    const expired = alt.problems.filter((p) => p.code === 'expired' && p.certificate !== alt.certificates[0]);
    const onlyExpiry = alt.problems.every((p) => p.code === 'expired' || p.code === 'untrusted-root' || p.code === 'incomplete');
    for (const problem of onlyExpiry ? expired : []) {
      if (reported.has(problem.certificate) || best.certificates.includes(problem.certificate)) continue;
      reported.add(problem.certificate);
      const cert = ctx.lookup(problem.certificate);
      const sent = ctx.presented.some((p) => p.sha256 === cert.sha256);
      out.push({
        code: 'expired-cross-sign',
        severity: sent ? 'warning' : 'info',
        message: `An alternative path runs through the expired cross-sign ${quote(cert)}; the valid path ${best.certificates.map((s) => quote(ctx.lookup(s))).join(' → ')} is used here${sent ? ', but the server sends the expired certificate, and clients that follow it first (OpenSSL 1.0.x, old Android, some Java) fail' : ''}.`,
        certificates: [cert.sha256],
        fix: sent
          ? { text: `Remove ${quote(cert)} from the server's certificate file (export the corrected bundle).`, place: 'corrected-bundle', certificate: cert.sha256 }
          : { text: 'Nothing to change on the server; clients with outdated trust stores should update them.', place: 'none' },
      });
    }
  }
  return out;
}
