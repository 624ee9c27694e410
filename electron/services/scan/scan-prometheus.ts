import type { ScanFinding, ScanProblem, ScanReport } from '../../../shared/model/scan.js';

/**
 * The scan in Prometheus' text exposition format (version 0.0.4), with the names blackbox_exporter
 * users already alert on: `probe_ssl_earliest_cert_expiry` (the earliest notAfter per target, Unix
 * seconds) and `probe_success` per endpoint, plus one `ssl_cert_not_after` sample per certificate.
 * A target is an endpoint, a file, a keystore or a trust store.
 */
export function scanPrometheus(report: ScanReport): string {
  const out: string[] = [];
  const family = (name: string, help: string, samples: readonly string[]) => {
    if (samples.length === 0) return;
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...samples);
  };
  const earliest = new Map<string, { kind: string; notAfter: string }>();
  for (const f of report.findings) {
    const target = targetOf(f);
    const notAfter = f.chain?.earliestNotAfter ?? f.notAfter;
    const seen = earliest.get(target);
    if (!seen || notAfter < seen.notAfter) earliest.set(target, { kind: f.kind, notAfter });
  }
  family(
    'probe_ssl_earliest_cert_expiry',
    'Earliest certificate expiry of the target, in Unix time.',
    [...earliest].map(([target, { kind, notAfter }]) => sample('probe_ssl_earliest_cert_expiry', { instance: target, kind }, seconds(notAfter))),
  );
  const endpoints = [...report.findings.filter((f) => f.kind === 'endpoint').map((f) => [targetOf(f), 1] as const), ...report.problems.filter((p) => p.kind === 'endpoint').map((p: ScanProblem) => [p.where, 0] as const)];
  family('probe_success', 'Whether the TLS handshake with the endpoint succeeded.', endpoints.map(([instance, ok]) => sample('probe_success', { instance }, ok)));
  family(
    'ssl_cert_not_after',
    'Certificate notAfter, in Unix time, one sample per certificate found.',
    report.findings.map((f) =>
      sample('ssl_cert_not_after', { instance: targetOf(f), kind: f.kind, where: f.where, subject: f.subject, issuer: f.issuer, serial: f.serial, sha256: f.sha256 }, seconds(f.notAfter)),
    ),
  );
  family(
    'ssl_verified_cert_chain',
    'Whether the endpoint chain verified against the chosen trust (1) or not (0).',
    report.findings.flatMap((f) => (f.chain ? [sample('ssl_verified_cert_chain', { instance: targetOf(f) }, f.chain.trusted ? 1 : 0)] : [])),
  );
  family('certbench_scan_problems', 'Places the scan could not read.', [sample('certbench_scan_problems', {}, report.problems.length)]);
  return `${out.join('\n')}\n`;
}

/** The target a finding is grouped under: the endpoint, file, keystore file or store id. */
function targetOf(f: ScanFinding): string {
  return f.endpoint ?? f.path ?? f.storeId ?? f.where;
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

function sample(name: string, labels: Readonly<Record<string, string>>, value: number): string {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
  return `${name}${text ? `{${text}}` : ''} ${value}`;
}

/** Label values escape backslash, double quote and line feed (the exposition format's only escapes). */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
