import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../shared/model/scan.js';
import { certExpiringIn, opensslNotAfter, type DatedCert } from '../../helpers/scan-certs.js';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
let root: string;
const p = (...parts: string[]) => join(root, ...parts);
const certs: Record<string, DatedCert> = {};

/** The built CLI as a script runs it; never throws, gives the exit code. */
function certbench(args: string[], options: { uid?: number; gid?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CERTBENCH_DATA_DIR: p('data'), CERTBENCH_CODE_CACHE_DIR: p('code-cache') };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.SSL_CERT_FILE;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000, ...options }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const scanJson = async (...args: string[]) => {
  const r = await certbench(['scan', ...args, '--json']);
  return { ...r, report: JSON.parse(r.stdout) as ScanReport };
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'certbench-scan-'));
  await chmod(root, 0o755);
  for (const [name, days] of [['expired', -5], ['deep', 30], ['soon', 10], ['later', 100], ['p7', 200], ['jks', 400], ['hidden', 50], ['locked', 20]] as const) {
    certs[name] = await certExpiringIn(`${name}.scan.example`, days);
  }
  await mkdir(p('tree', 'a', 'b', 'c'), { recursive: true });
  await mkdir(p('tree', 'node_modules'));
  await mkdir(p('tree', 'locked'));
  await writeFile(p('tree', 'a', 'leaf-expired.pem'), certs.expired!.pem);
  await writeFile(p('tree', 'a', 'b', 'c', 'deep.crt'), certs.deep!.der);
  await writeFile(p('tree', 'a', 'b', 'bundle.pem'), `\uFEFFyour certificates:\r\n${certs.later!.pem.replace(/\n/g, '\r\n')}and\r\n${certs.soon!.pem}thanks\r\n`);
  await writeFile(p('tree', 'p7.pem'), certs.p7!.pem);
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', p('tree', 'p7.pem'), '-outform', 'DER', '-out', p('tree', 'a', 'chain.p7b')]);
  await rm(p('tree', 'p7.pem'));
  await writeFile(p('jks.pem'), certs.jks!.pem);
  execFileSync('keytool', ['-importcert', '-noprompt', '-alias', 'jks-root', '-file', p('jks.pem'), '-keystore', p('tree', 'a', 'store.jks'), '-storetype', 'JKS', '-storepass', 'changeit'], { stdio: 'ignore' });
  await writeFile(p('tree', 'a', 'key.pem'), certs.deep!.keyPem);
  await writeFile(p('tree', 'a', 'notes.txt'), 'renew these before March\n');
  await writeFile(p('tree', 'a', 'broken.pem'), `-----BEGIN CERTIFICATE-----\n${certs.soon!.pem.split('\n').slice(1, 4).join('\n')}\n-----END CERTIFICATE-----\n`);
  await writeFile(p('tree', 'node_modules', 'vendored.pem'), certs.hidden!.pem);
  await writeFile(p('tree', 'locked', 'secret.pem'), certs.locked!.pem);
  await chmod(p('tree', 'locked'), 0o700);
  await symlink('..', p('tree', 'a', 'b', 'c', 'loop'));
  await symlink(p('tree', 'nowhere.pem'), p('tree', 'a', 'dangling.pem'));
  await symlink(p('tree', 'a', 'b', 'c', 'deep.crt'), p('tree', 'a', 'linked.crt'));
  execFileSync('mkfifo', [p('tree', 'a', 'pipe.pem')]);
  await writeFile(p('cert.pem'), certs.deep!.pem);
  await writeFile(p('key.pem'), certs.deep!.keyPem);
  await writeFile(p('long.pem'), certs.jks!.pem);
}, 60_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe('certbench scan over folders', () => {
  it('finds every certificate of a mixed, nested tree with links, a loop and a FIFO, sorted by expiry, and exits 1', async () => {
    const { code, report, stderr } = await scanJson(p('tree'), '--exclude', 'node_modules');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const rows = report.findings.map((f) => [f.kind, f.where, f.status]);
    expect(rows).toEqual([
      ['file', p('tree', 'a', 'leaf-expired.pem'), 'expired'],
      ['file', p('tree', 'a', 'b', 'bundle.pem'), 'expiring'],
      ['file', p('tree', 'locked', 'secret.pem'), 'expiring'],
      ['file', p('tree', 'a', 'b', 'c', 'deep.crt'), 'expiring'],
      ['file', p('tree', 'a', 'b', 'bundle.pem'), 'ok'],
      ['file', p('tree', 'a', 'chain.p7b'), 'ok'],
      ['keystore', `${p('tree', 'a', 'store.jks')}#jks-root`, 'ok'],
    ]);
    const problems = Object.fromEntries(report.problems.map((x) => [x.where, x.code]));
    expect(problems).toEqual({ [p('tree', 'a', 'dangling.pem')]: 'not-found', [p('tree', 'a', 'pipe.pem')]: 'unsupported', [p('tree', 'a', 'broken.pem')]: expect.any(String) });
    expect(report.filesSeen).toBe(9);
  });

  it('reports the dates, names and fingerprints openssl reads from the same files', async () => {
    const { report } = await scanJson(p('tree', 'a', 'b', 'c'), p('tree', 'a', 'leaf-expired.pem'));
    const deep = report.findings.find((f) => f.where.endsWith('deep.crt'))!;
    expect(deep.notAfter).toBe(await opensslNotAfter(p('tree', 'a', 'b', 'c', 'deep.crt'), 'DER'));
    const fingerprint = execFileSync('openssl', ['x509', '-in', p('tree', 'a', 'b', 'c', 'deep.crt'), '-inform', 'DER', '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    expect(deep.sha256).toBe(fingerprint.split('=')[1]!.trim().replace(/:/g, '').toLowerCase());
    expect(deep).toMatchObject({ subject: 'CN=deep.scan.example, O=Certbench Scan Test', sans: ['dns:deep.scan.example'], keyType: 'EC P-256', daysLeft: 30 });
    const expired = report.findings.find((f) => f.where.endsWith('leaf-expired.pem'))!;
    expect(expired.notAfter).toBe(await opensslNotAfter(p('tree', 'a', 'leaf-expired.pem')));
    expect(expired.daysLeft).toBeLessThan(0);
  });

  it('applies include and exclude globs, and any window length', async () => {
    const crt = await scanJson(p('tree'), '--include', '*.crt');
    expect(crt.report.findings.map((f) => f.where)).toEqual([p('tree', 'a', 'b', 'c', 'deep.crt')]);
    const withVendored = await scanJson(p('tree', 'node_modules'));
    expect(withVendored.report.findings.map((f) => f.where)).toEqual([p('tree', 'node_modules', 'vendored.pem')]);
    const fiveDays = await scanJson(p('tree', 'a', 'b'), '--expiring-within', '5d');
    expect(fiveDays.code).toBe(0);
    expect(fiveDays.report.findings.every((f) => f.status === 'ok')).toBe(true);
    const eightWeeks = await scanJson(p('tree', 'node_modules'), '--expiring-within', '8w');
    expect(eightWeeks).toMatchObject({ code: 1, report: { windowMs: 56 * 86_400_000 } });
    expect((await scanJson(p('tree', 'node_modules'), '--expiring-within', '12h')).code).toBe(0);
    const bad = await certbench(['scan', p('tree'), '--expiring-within', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints CSV with a header and one row a certificate', async () => {
    const { stdout, code } = await certbench(['scan', p('tree', 'a', 'b'), '--csv']);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('status,daysLeft,notAfter,kind,where,subject,sans,issuer,serial,keyType,sha256,chainTrusted,chainProblems');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['expiring', 'expiring', 'ok']);
    expect(lines[1]).toContain('"CN=soon.scan.example, O=Certbench Scan Test"');
  });

  it('as a user who cannot enter a folder: reports it and scans the rest', async () => {
    const { code, stdout } = await certbench(['scan', p('tree'), '--exclude', 'node_modules', '--json'], { uid: 65534, gid: 65534 });
    const report = JSON.parse(stdout) as ScanReport;
    expect(code).toBe(1);
    expect(report.findings.some((f) => f.where.includes('locked'))).toBe(false);
    expect(report.findings).toHaveLength(6);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: p('tree', 'locked'), code: 'permission-denied' }));
  });
});

describe('certbench inspect on folders and several files', () => {
  it('opens a folder recursively with full paths as sources, and exits 1 for an expired certificate', async () => {
    const { code, stdout, stderr } = await certbench(['inspect', p('tree', 'a', 'leaf-expired.pem'), p('tree', 'a', 'b'), '--json', '--brief']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const objects = (JSON.parse(stdout) as { objects: { source: string; status?: string }[] }).objects;
    expect(objects.map((o) => [o.source, o.status])).toEqual([
      [p('tree', 'a', 'leaf-expired.pem'), 'expired'],
      [p('tree', 'a', 'b', 'bundle.pem'), 'ok'],
      [p('tree', 'a', 'b', 'bundle.pem'), 'expiring'],
      [p('tree', 'a', 'b', 'c', 'deep.crt'), 'expiring'],
    ]);
  });

  it('goes on past a file it cannot open, and exits 2 for it', async () => {
    const { code, stdout, stderr } = await certbench(['inspect', p('long.pem'), p('missing.pem')]);
    expect(code).toBe(2);
    expect(stdout).toContain('CN=jks.scan.example');
    expect(stderr).toBe(`certbench: ${p('missing.pem')} does not exist\n`);
  });

  it('takes the window from --expiring-within, and --brief still shows validity', async () => {
    expect((await certbench(['inspect', p('long.pem')])).code).toBe(0);
    const brief = await certbench(['inspect', p('long.pem'), '--brief', '--expiring-within', '60w']);
    expect(brief.code).toBe(1);
    expect(brief.stdout).toMatch(/Valid\s+\S+ \u2192 \S+ \(expiring, 400 days left\)/);
  });

  it('matches a key to its certificate in another file', async () => {
    const json = await certbench(['inspect', p('cert.pem'), p('key.pem'), '--json']);
    const [cert, key] = (JSON.parse(json.stdout) as { objects: Record<string, unknown>[] }).objects;
    expect(key).toMatchObject({ kind: 'private-key', matchesCertificateSha256: cert!.sha256 });
    const text = await certbench(['inspect', p('cert.pem'), p('key.pem')]);
    expect(text.stdout).toContain(`Matches      CN=deep.scan.example, O=Certbench Scan Test in ${p('cert.pem')}`);
  });
});
