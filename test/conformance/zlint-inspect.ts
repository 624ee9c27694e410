/**
 * Inspect robustness over odd certificates: every zlint file (≈1,290; scored against the manifest's
 * strict pyca/cryptography and lenient OpenSSL oracles), every PKITS certificate and every limbo
 * certificate goes through InspectService (scan, summary, full detail with the ASN.1 tree). A case
 * over 5 s is a hang, an exception other than CertbenchError a crash; both must be 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServices } from '../../electron/services/services.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { CertbenchError } from '../../shared/errors.js';
import { suiteUrl } from '../helpers/suites.js';

const SUITES = suiteUrl('./');
const HANG_MS = 5000;
const services = await createServices(defaultServiceEnv({ now: () => new Date('2026-01-01T00:00:00Z') }));

type Outcome = { kind: 'ok'; certificates: number } | { kind: 'refused'; code: string } | { kind: 'crash'; message: string };
const hangs: string[] = [];
const crashes: string[] = [];

async function inspect(name: string, bytes: Uint8Array): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const result = await services.inspect.openBytes(name, bytes);
    const certs = result.objects.filter((o) => o.kind === 'certificate');
    for (const c of certs) services.inspect.detail(c.id);
    outcome = { kind: 'ok', certificates: certs.length };
  } catch (err) {
    outcome = err instanceof CertbenchError ? { kind: 'refused', code: err.code } : { kind: 'crash', message: String(err) };
  }
  if (performance.now() - started > HANG_MS) hangs.push(name);
  if (outcome.kind === 'crash') crashes.push(`${name}: ${outcome.message}`);
  services.store.clear();
  return outcome;
}

interface ZlintFile {
  file: string;
  kind: string;
  pyca?: { ok: boolean };
  openssl_ok: boolean;
}
const manifest = JSON.parse(readFileSync(new URL('zlint/parse-manifest.json', SUITES), 'utf8')) as { files: ZlintFile[] };
const table = new Map<string, number>();
const refusedCodes = new Map<string, number>();
let zlintCerts = 0;
for (const f of manifest.files) {
  if (f.kind !== 'cert') continue;
  zlintCerts++;
  const outcome = await inspect(f.file, new Uint8Array(readFileSync(new URL(`zlint/${f.file}`, SUITES))));
  const key = `certbench ${outcome.kind === 'ok' ? 'opens' : 'refuses'} | strict ${f.pyca?.ok ? 'opens' : 'refuses'} | lenient ${f.openssl_ok ? 'opens' : 'refuses'}`;
  table.set(key, (table.get(key) ?? 0) + 1);
  if (outcome.kind === 'refused') refusedCodes.set(outcome.code, (refusedCodes.get(outcome.code) ?? 0) + 1);
}
const count = (pred: (f: ZlintFile) => boolean) => manifest.files.filter((f) => f.kind === 'cert' && pred(f)).length;
const opened = [...table].filter(([k]) => k.startsWith('certbench opens')).reduce((n, [, v]) => n + v, 0);
console.log(`zlint: ${zlintCerts} certificate files (CRL files skipped: ${manifest.files.length - zlintCerts})`);
console.log(`  Certbench opens ${opened}/${zlintCerts}; strict oracle opens ${count((f) => Boolean(f.pyca?.ok))}; lenient oracle opens ${count((f) => f.openssl_ok)}`);
for (const [k, v] of [...table].sort()) console.log(`  ${k}: ${v}`);
console.log(`  refusal codes: ${JSON.stringify(Object.fromEntries(refusedCodes))}`);

const pkitsDir = new URL('pkits/certs/', SUITES);
let pkitsOk = 0;
const pkitsFiles = readdirSync(pkitsDir).filter((f) => f.endsWith('.crt'));
for (const f of pkitsFiles) if ((await inspect(`pkits/${f}`, new Uint8Array(readFileSync(new URL(f, pkitsDir))))).kind === 'ok') pkitsOk++;
console.log(`PKITS: ${pkitsOk}/${pkitsFiles.length} certificates open`);

const limbo = JSON.parse(readFileSync(new URL('x509-limbo/limbo.json', SUITES), 'utf8')) as {
  testcases: { id: string; trusted_certs: string[]; untrusted_intermediates: string[]; peer_certificate: string }[];
};
let limboOk = 0;
let limboTotal = 0;
for (const tc of limbo.testcases) {
  for (const [i, pem] of [...tc.trusted_certs, ...tc.untrusted_intermediates, tc.peer_certificate].entries()) {
    limboTotal++;
    if ((await inspect(`${tc.id}#${i}`, new TextEncoder().encode(pem))).kind === 'ok') limboOk++;
  }
}
console.log(`limbo: ${limboOk}/${limboTotal} certificates open`);
console.log(`hangs: ${hangs.length} ${hangs.join(', ')}`);
console.log(`crashes: ${crashes.length}`);
for (const c of crashes.slice(0, 20)) console.log(`  ${c}`);
process.exit(hangs.length + crashes.length > 0 ? 1 : 0);
