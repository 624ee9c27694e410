import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPrometheus } from '../../../electron/services/scan/scan-prometheus.js';
import type { ScanFinding, ScanReport } from '../../../shared/model/scan.js';
import { startTinyproxy, type ProxyProcess } from '../../helpers/chain-proxies.js';
import { copyCacerts, keytoolList } from '../../helpers/keystore-tools.js';
import { certExpiringIn, type DatedCert } from '../../helpers/scan-certs.js';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
const ENDPOINTS = 55;
let root: string;
const p = (...parts: string[]) => join(root, ...parts);
const servers: Server[] = [];
const endpoints: { target: string; sni: string; cert: DatedCert; daysLeft: number }[] = [];
let blackHole: string;
let proxy: ProxyProcess;
const held: Socket[] = [];

function certbench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CERTBENCH_DATA_DIR: p('data'), CERTBENCH_CODE_CACHE_DIR: p('code-cache') };
  for (const name of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'HTTPS_PROXY', 'https_proxy', 'JAVA_TOOL_OPTIONS']) delete env[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'certbench-scan-net-'));
  // 55 servers, each with its own certificate, from 3 days expired to 51 days left.
  for (let i = 0; i < ENDPOINTS; i++) {
    const daysLeft = i - 3;
    const sni = `ep${i}.scan.example`;
    const cert = await certExpiringIn(sni, daysLeft);
    const server = createTlsServer({ key: cert.keyPem, cert: cert.pem }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    servers.push(server);
    endpoints.push({ target: `127.0.0.1:${await listen(server)}`, sni, cert, daysLeft });
  }
  // Accepts the connection and never answers the ClientHello.
  const silent = createTcpServer((socket) => void held.push(socket));
  servers.push(silent);
  blackHole = `127.0.0.1:${await listen(silent)}`;
  await writeFile(p('endpoints.txt'), ['# loopback fleet', ...endpoints.map((e) => `${e.target} ${e.sni}`), `${blackHole}   # never answers`, ''].join('\n'));
  await writeFile(p('trusted.pem'), endpoints.slice(0, 10).map((e) => e.cert.pem).join(''));
  proxy = await startTinyproxy();
}, 120_000);

afterAll(async () => {
  for (const s of held) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await proxy?.stop();
  await rm(root, { recursive: true, force: true });
});

/** A Prometheus text-format reader: every line a comment or `name{label="value",…} number`, label values unescaped. */
function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.e+]+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[k!] = v!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

function promtool(text: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe('certbench scan over endpoints', () => {
  it('probes 55 loopback servers concurrently, gives each leaf and verdict, and reports the silent one without stopping', async () => {
    const { code, stdout } = await certbench(['scan', '--endpoints-file', p('endpoints.txt'), '--trust', `pem:${p('trusted.pem')}`, '--timeout', '5s', '--concurrency', '16', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.findings).toHaveLength(ENDPOINTS);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'endpoint', where: blackHole, code: 'timeout' })]);
    const byTarget = new Map(report.findings.map((f) => [f.endpoint, f]));
    for (const [i, e] of endpoints.entries()) {
      const f = byTarget.get(e.target)!;
      expect(f.notAfter).toBe(e.cert.notAfter.toISOString());
      expect(f.subject).toBe(`CN=${e.sni}, O=Certbench Scan Test`);
      expect(f.status).toBe(e.daysLeft < 0 ? 'expired' : 'expiring');
      // Only the first ten are trusted, and of those only the unexpired ones verify.
      expect(f.chain!.trusted).toBe(i < 10 && e.daysLeft >= 0);
    }
    expect(report.findings.map((f) => f.notAfter)).toEqual([...report.findings.map((f) => f.notAfter)].sort());
    const windowed = JSON.parse((await certbench(['scan', ...endpoints.slice(40).map((e) => e.target), '--sni', 'ep40.scan.example', '--expiring-within', '12d', '--json'])).stdout) as ScanReport;
    expect(windowed.findings.map((f) => f.status)).toEqual(Array(ENDPOINTS - 40).fill('ok'));
  });

  it('reaches endpoints through an HTTP CONNECT proxy', async () => {
    const some = endpoints.slice(20, 23);
    const { stdout } = await certbench(['scan', ...some.map((e) => e.target), '--proxy', proxy.url, '--json']);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.problems).toEqual([]);
    expect(new Set(report.findings.map((f) => `${f.endpoint} ${f.sha256}`))).toEqual(new Set(some.map((e) => `${e.target} ${createHash('sha256').update(e.cert.der).digest('hex')}`)));
  });

  it('prints Prometheus metrics that promtool accepts, with the earliest expiry per target', async () => {
    const { stdout } = await certbench(['scan', '--endpoints-file', p('endpoints.txt'), '--timeout', '5s', '--prometheus']);
    const checked = promtool(stdout);
    expect(checked.output).toBe('');
    expect(checked.code).toBe(0);
    const samples = parsePrometheus(stdout);
    for (const e of endpoints) {
      expect(samples).toContainEqual({ name: 'probe_ssl_earliest_cert_expiry', labels: { instance: e.target, kind: 'endpoint' }, value: e.cert.notAfter.getTime() / 1000 });
      expect(samples).toContainEqual({ name: 'probe_success', labels: { instance: e.target }, value: 1 });
    }
    expect(samples).toContainEqual({ name: 'probe_success', labels: { instance: blackHole }, value: 0 });
    expect(samples.filter((s) => s.name === 'ssl_cert_not_after')).toHaveLength(ENDPOINTS);
  });

  it('escapes label values so a hostile subject stays one label', () => {
    const hostile: ScanFinding = {
      kind: 'file', where: '/certs/we"ird\\name\nx.pem', path: '/certs/we"ird\\name\nx.pem', subject: 'CN=a"b\\c\nd', subjectRfc4514: 'CN=a\\"b\\\\c\\0Ad', sans: [], issuer: 'CN=x', issuerRfc4514: 'CN=x', serial: '01',
      notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', daysLeft: 1, keyType: 'EC P-256', sha256: 'ab', status: 'ok',
    };
    const text = scanPrometheus({ scannedAt: '2026-01-01T00:00:00.000Z', windowMs: 0, findings: [hostile], problems: [], filesSeen: 1 });
    expect(promtool(text).code).toBe(0);
    const sample = parsePrometheus(text).find((s) => s.name === 'ssl_cert_not_after')!;
    expect(sample.labels).toMatchObject({ subject: 'CN=a"b\\c\nd', where: hostile.where });
  });
});

describe('certbench scan over keystores and trust stores', () => {
  it('lists every alias of a cacerts copy, as keytool does, under the keystore and as a trust store', async () => {
    await mkdir(p('jdk'), { recursive: true });
    const cacerts = await copyCacerts(p('jdk'));
    const keytool = await keytoolList(cacerts);
    const asKeystore = JSON.parse((await certbench(['scan', '--keystore', cacerts, '--expiring-within', '1d', '--json'])).stdout) as ScanReport;
    expect(asKeystore.problems).toEqual([]);
    expect(new Set(asKeystore.findings.map((f) => f.alias))).toEqual(new Set(keytool.entries.map((e) => e.alias)));
    expect(asKeystore.findings.every((f) => f.kind === 'keystore' && f.where === `${cacerts}#${f.alias}`)).toBe(true);
    const asStore = JSON.parse((await certbench(['scan', '--store', `java:${cacerts}`, '--json'])).stdout) as ScanReport;
    expect(asStore.findings.map((f) => f.sha256).sort()).toEqual(asKeystore.findings.map((f) => f.sha256).sort());
    expect(asStore.findings.every((f) => f.storeId === `java:${cacerts}`)).toBe(true);
  });

  it('finds an expiring key pair in a PKCS12 keystore with its password, and the certificates of a temp NSS db', async () => {
    await writeFile(p('storepass'), 'store-secret\n');
    execFileSync('keytool', ['-genkeypair', '-alias', 'app', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=app.scan.example', '-validity', '5', '-keystore', p('app.p12'), '-storetype', 'PKCS12', '-storepass', 'store-secret'], { stdio: 'ignore' });
    const nss = p('nssdb');
    await mkdir(nss);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    for (const e of endpoints.slice(30, 32)) {
      await writeFile(p(`${e.sni}.pem`), e.cert.pem);
      execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', e.sni, '-t', 'C,,', '-i', p(`${e.sni}.pem`)]);
    }
    await chmod(p('storepass'), 0o600);
    const { code, stdout } = await certbench(['scan', '--keystore', p('app.p12'), '--storepass-file', p('storepass'), '--store', `nss:${nss}`, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.problems).toEqual([]);
    expect(report.findings.map((f) => [f.kind, f.where, f.status])).toEqual([
      ['keystore', `${p('app.p12')}#app`, 'expiring'],
      // The store's own label: the NSS nickname.
      ['trust-store', `nss:${nss}#ep30.scan.example`, 'expiring'],
      ['trust-store', `nss:${nss}#ep31.scan.example`, 'expiring'],
    ]);
    expect(report.findings[1]!.notAfter).toBe(endpoints[30]!.cert.notAfter.toISOString());
    const wrong = JSON.parse((await certbench(['scan', '--keystore', p('app.p12'), '--store', 'nss:/nonexistent-nss', '--json'])).stdout) as ScanReport;
    expect(wrong.findings).toEqual([]);
    expect(wrong.problems.map((x) => x.kind)).toEqual(['keystore', 'trust-store']);
  });
});
