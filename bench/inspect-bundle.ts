/**
 * Inspecting bundles against `openssl storeutl -noout -text -certs` on the same files, in one run:
 * the machine's CA bundle and generated 1,000- and 10,000-certificate bundles (the system roots
 * repeated). Whole process (the built CLI, `inspect --brief --json` list view and full-detail
 * text) and warm in-process: scan + chain index + SHA-256 (goal ≤ 0.1× openssl's 10k run), and
 * the full list summary. 1k → 10k growth must be linear (≈10×). The machine is shared: read the
 * ratios of one run, and the load average printed at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { useNativeDigests } from '../electron/services/inspect/native-digests.js';
import { toHex } from '../shared/pki/bytes.js';
import { scanPemOrDerBundle, type CertScan } from '../shared/pki/cert-scan.js';
import { summarizeScan } from '../shared/pki/certificate-summary.js';
import { printMeasured, printRatio, timeAsync, timeProcess, timeProcesses, type Measured } from './_timing.js';

execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
useNativeDigests();
const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const dir = mkdtempSync(join(tmpdir(), 'certbench-inspect-bench-'));
const env: NodeJS.ProcessEnv = { ...process.env, CERTBENCH_DATA_DIR: join(dir, 'data') };
delete env.SSL_CERT_FILE;
delete env.NODE_EXTRA_CA_CERTS;

/** The index the chain engine and trust stores build: by subject bytes, by SKI, by SHA-256. */
function index(scans: readonly CertScan[]): number {
  const bySubject = new Map<string, CertScan[]>();
  const bySki = new Map<string, CertScan>();
  const bySha = new Map<string, CertScan>();
  for (const s of scans) {
    const key = toHex(s.subjectDer);
    const list = bySubject.get(key);
    if (list) list.push(s);
    else bySubject.set(key, [s]);
    if (s.ski) bySki.set(s.ski, s);
    bySha.set(s.sha256, s);
  }
  return bySubject.size + bySki.size + bySha.size;
}

try {
  const roots = readFileSync(SYSTEM_BUNDLE);
  const rootCount = scanPemOrDerBundle(roots).length;
  const make = (n: number) => {
    const path = join(dir, `bundle-${n}.pem`);
    const copies = Math.ceil(n / rootCount);
    writeFileSync(path, Buffer.concat(Array.from({ length: copies }, () => roots)));
    return { path, count: copies * rootCount };
  };
  const bundles = [{ path: SYSTEM_BUNDLE, count: rootCount }, make(1000), make(10000)];
  const now = new Date();
  const results: Record<number, { openssl: number; scan: number }> = {};
  for (const { path, count } of bundles) {
    console.log(`\n${count} certificates (${path === SYSTEM_BUNDLE ? 'system CA bundle' : 'generated'})`);
    const runs = count > 5000 ? 3 : 5;
    const openssl = timeProcess('openssl storeutl -noout -text -certs', 'openssl', ['storeutl', '-noout', '-text', '-certs', path], runs, env);
    // inspect exits 1 when a certificate in the bundle is expired or expiring: a distribution's bundle may hold one.
    const status = scanPemOrDerBundle(roots).some((c) => summarizeScan(c, now).expiry !== 'ok') ? 1 : 0;
    const [listCli, textCli] = timeProcesses(
      [
        { label: 'certbench inspect --brief --json (list view)', file: process.execPath, args: ['bin/certbench.cjs', 'inspect', '--brief', '--json', path], status },
        { label: 'certbench inspect (full detail text)', file: process.execPath, args: ['bin/certbench.cjs', 'inspect', path], status },
      ],
      runs,
      env,
    ) as [Measured, Measured];
    const bytes = readFileSync(path);
    const scan = await timeAsync('warm: scan + index + SHA-256', () => index(scanPemOrDerBundle(bytes)), 5);
    const list = await timeAsync('warm: scan + list summary (names, SANs, key, SHA-1)', () => scanPemOrDerBundle(bytes).map((s) => summarizeScan(s, now)), 5);
    printMeasured(openssl, listCli, textCli, scan, list);
    printRatio('whole process, list view / openssl', listCli.medianMs, openssl.medianMs);
    printRatio('whole process, full text / openssl', textCli.medianMs, openssl.medianMs);
    printRatio('warm scan + index / openssl', scan.medianMs, openssl.medianMs, count >= 10000 ? 0.1 : undefined);
    printRatio('warm list summary / openssl', list.medianMs, openssl.medianMs);
    results[count] = { openssl: openssl.medianMs, scan: scan.medianMs };
  }
  const [small, large] = [bundles[1]!.count, bundles[2]!.count];
  console.log(`\ngrowth ${small} → ${large} certificates (${(large / small).toFixed(1)}× more):`);
  console.log(`  certbench warm scan + index ${(results[large]!.scan / results[small]!.scan).toFixed(1)}×, openssl ${(results[large]!.openssl / results[small]!.openssl).toFixed(1)}×`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
