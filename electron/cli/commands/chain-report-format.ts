import type { ChainCertificate, ChainReport } from '../../../shared/model/chain.js';

/** The `--json` shape the issue promises: presented, paths, trusted, diagnoses (+ context). */
export function chainReportJson(report: ChainReport): Record<string, unknown> {
  const bySha = new Map(report.certificates.map((c) => [c.sha256, c]));
  const describe = (sha: string) => {
    const c = bySha.get(sha)!;
    const { subject, issuer, serial, notBefore, notAfter, expiry, sha1, sha256, sans, isCA, selfSigned, keyType } = c.summary;
    return { subject, issuer, serial, notBefore, notAfter, expiry, sha1, sha256, sans, isCA, selfSigned, keyType, origin: c.origin, pem: c.pem };
  };
  return {
    origin: report.origin,
    hostname: report.hostname,
    verifiedAt: report.verifiedAt,
    trustSources: report.trustSources,
    skippedTrust: report.skippedTrust,
    presented: report.presented.map(describe),
    paths: report.paths.map((p) => ({
      trusted: p.trusted,
      end: p.end,
      anchorSource: p.anchorSource,
      certificates: p.certificates.map((sha) => ({ subject: bySha.get(sha)!.summary.subject, sha256: sha, origin: bySha.get(sha)!.origin })),
      problems: p.problems,
    })),
    trusted: report.trusted,
    headline: report.headline,
    clients: report.clients.map((v) => ({ client: v.client, label: v.label, trusted: v.trusted, documented: v.documented, anchors: v.anchors, reasons: v.reasons })),
    diagnoses: report.diagnoses.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      fix: d.fix.text,
      fixPlace: d.fix.place,
      certificates: d.certificates,
      ...(d.confidence ? { confidence: d.confidence, evidence: d.evidence } : {}),
    })),
    bundle: report.bundle ? { chain: report.bundle.chain.map((sha) => bySha.get(sha)!.pem).join(''), root: report.bundle.root ? bySha.get(report.bundle.root)!.pem : undefined } : undefined,
  };
}

/** The human view, one string per line: connection, presented list, paths as trees (anchor on top), diagnoses with fixes. */
export function chainReportText(report: ChainReport): string[] {
  const bySha = new Map(report.certificates.map((c) => [c.sha256, c]));
  const name = (sha: string) => bySha.get(sha)?.summary.subject ?? sha;
  const lines: string[] = [];
  const o = report.origin;
  if (o.kind === 'host') {
    lines.push(`${o.host}:${o.port}${o.servername && o.servername !== o.host ? ` (SNI ${o.servername})` : ''}${o.proxy ? ` via ${o.proxy}` : ''} — ${o.protocol}, ${o.cipher}`);
  } else lines.push(`Files: ${o.files.join(', ')}`);
  lines.push(`Verified at ${report.verifiedAt} against ${report.trustSources.join(', ') || '(no trust source)'}`);
  for (const s of report.skippedTrust) lines.push(`  [info] skipped ${s.source}: ${s.reason}`);
  lines.push('', 'Presented:');
  report.presented.forEach((sha, i) => lines.push(`  ${i}  ${line(bySha.get(sha)!)}`));
  report.paths.forEach((p, i) => {
    lines.push('', `Path ${i + 1}: ${p.trusted ? 'trusted' : 'NOT trusted'} (${p.end}${p.anchorSource ? `, ${p.anchorSource}` : ''})`);
    [...p.certificates].reverse().forEach((sha, depth) => lines.push(`  ${'   '.repeat(depth)}${depth ? '└─ ' : ''}${name(sha)}`));
  });
  const picked = report.clients.filter((v) => report.headline.includes(v.client)).map((v) => v.label.replace(/ \(.*$/, ''));
  lines.push('', 'Clients:');
  for (const v of report.clients) {
    lines.push(`  ${v.trusted ? 'trusts    ' : 'refuses   '}${v.label}${v.documented ? ' [documented rules]' : ''}${v.reasons[0] ? ` — ${v.reasons[0].detail}` : ''}`);
  }
  lines.push('', `Trusted: ${report.trusted ? 'yes' : 'no'} (${picked.join(', ')})`);
  for (const d of report.diagnoses) {
    lines.push(`  [${d.severity}] ${d.code}: ${d.message}`);
    if (d.confidence) lines.push(`      confidence ${d.confidence}; evidence:`, ...(d.evidence ?? []).map((e) => `        - ${e}`));
    lines.push(`      fix: ${d.fix.text}`);
  }
  return lines;
}

function line(c: ChainCertificate): string {
  return `${c.summary.subject}  (issuer ${c.summary.issuer}; ${c.summary.notAfter.slice(0, 10)}, ${c.summary.expiry})`;
}
