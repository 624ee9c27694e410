/**
 * Reader agreement over the shared suites (issue 13.1 proof): every reader path — inspect, chain,
 * bundle/keys/AIA, trust-store files, keystore import, and the built CLI on a sample — must list
 * the certificates openssl lists (count and SHA-256, in order) for every file openssl reads
 * cleanly: zlint's PEM files, PKITS's DER certificates, each x509-limbo case written as one PEM
 * bundle, and `keytool -list -rfc` of every keystore in the keystores suite keytool opens. For the
 * files openssl does not read cleanly, no path may list a certificate openssl did not print.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/services.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { opensslCertificates } from '../helpers/certificate-oracle.js';
import { keystoreForImports, readerPaths } from '../helpers/certificate-reader-paths.js';
import { toolEnv } from '../helpers/inspect-openssl.js';

const SUITES = join(import.meta.dirname, '../../../shared/suites');
if (!existsSync(SUITES)) {
  console.error(`reader agreement: the shared suites are not at ${SUITES}; this conformance run needs ../shared/suites beside the repository (npm test does not)`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'certbench-reader-conformance-'));
const scratch = join(dir, 'oracle-scratch');
const services = await createServices(defaultServiceEnv({ now: () => new Date('2026-01-01T00:00:00Z') }));
const importTarget = await keystoreForImports(dir, join(SUITES, 'pkits/certs/TrustAnchorRootCertificate.crt'));
const cli = { bin: join(import.meta.dirname, '../../bin/certbench.cjs'), env: { ...toolEnv(), CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache'), CERTBENCH_DATA_DIR: join(dir, 'data') } };
const paths = readerPaths(services, importTarget);
const pathsWithCli = readerPaths(services, importTarget, cli);
/** The built CLI costs a process per file: it runs on every CLI_SAMPLE-th file. */
const CLI_SAMPLE = 40;

interface SuiteReport {
  files: number;
  clean: number;
  agreed: number;
  failures: string[];
}

async function run(name: string, files: readonly string[]): Promise<SuiteReport> {
  const report: SuiteReport = { files: files.length, clean: 0, agreed: 0, failures: [] };
  for (const [i, file] of files.entries()) {
    const oracle = opensslCertificates(file, scratch);
    const chosen = i % CLI_SAMPLE === 0 ? pathsWithCli : paths;
    const same = (got: string[] | { refused: string }) => {
      if (!Array.isArray(got)) return false;
      return oracle.ordered ? JSON.stringify(got) === JSON.stringify(oracle.sha256) : JSON.stringify([...got].sort()) === JSON.stringify([...oracle.sha256].sort());
    };
    let agreed = true;
    for (const [pathName, read] of Object.entries(chosen)) {
      const got = await read(file);
      if (oracle.clean && !same(got)) {
        agreed = false;
        report.failures.push(`${name}: ${file} via ${pathName}: ${JSON.stringify(got)}, openssl ${JSON.stringify(oracle.sha256)}`);
      }
      const extra = Array.isArray(got) ? got.filter((sha) => !oracle.sha256.includes(sha)) : [];
      if (!oracle.clean && extra.length > 0) {
        agreed = false;
        report.failures.push(`${name}: ${file} via ${pathName} lists ${extra.join(', ')}, which openssl rejects`);
      }
    }
    if (oracle.clean) report.clean++;
    if (oracle.clean && agreed) report.agreed++;
  }
  return report;
}

const listDir = (sub: string, pattern: RegExp) =>
  readdirSync(join(SUITES, sub))
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(SUITES, sub, f));

function limboBundles(): string[] {
  const { testcases } = JSON.parse(readFileSync(join(SUITES, 'x509-limbo/limbo.json'), 'utf8')) as {
    testcases: Array<{ id: string; peer_certificate: string; untrusted_intermediates: string[]; trusted_certs: string[] }>;
  };
  return testcases.map((c, i) => {
    const file = join(dir, `limbo-${i}.pem`);
    writeFileSync(file, [c.peer_certificate, ...c.untrusted_intermediates, ...c.trusted_certs].join('\n'));
    return file;
  });
}

function keystoreListings(): string[] {
  const { keystores } = JSON.parse(readFileSync(join(SUITES, 'keystores/manifest.json'), 'utf8')) as {
    keystores: Array<{ file: string; store_type: string; store_password: string | null; keytool: { ok: boolean } }>;
  };
  return keystores
    .filter((k) => k.keytool.ok && k.store_password !== null)
    .flatMap((k, i) => {
      const r = spawnSync('keytool', ['-list', '-rfc', '-storetype', k.store_type, '-keystore', join(SUITES, 'keystores', k.file), '-storepass:env', 'STOREPASS'], {
        env: { ...toolEnv(), STOREPASS: k.store_password ?? '' },
      });
      if (r.status !== 0 || !r.stdout.includes('-----BEGIN CERTIFICATE-----')) return [];
      const file = join(dir, `keystore-${i}.txt`);
      writeFileSync(file, r.stdout);
      return [file];
    });
}

try {
  const suites: Array<[string, () => string[]]> = [
    ['zlint', () => listDir('zlint', /\.pem$/)],
    ['PKITS', () => listDir('pkits/certs', /\.crt$/)],
    ['x509-limbo', limboBundles],
    ['keystores (keytool -list -rfc)', keystoreListings],
  ];
  let failures = 0;
  for (const [name, files] of suites) {
    const started = performance.now();
    const report = await run(name, files());
    failures += report.failures.length;
    console.log(
      `${name}: ${report.files} files, openssl reads ${report.clean} cleanly, all reader paths agree on ${report.agreed}; ${report.failures.length} failures (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const failure of report.failures.slice(0, 20)) console.log(`  ${failure}`);
  }
  process.exitCode = failures === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
