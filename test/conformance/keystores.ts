/**
 * Native keystore reader vs `keytool -list -v` (OpenJDK 17) on $CERTBENCH_SUITES/keystores: aliases,
 * entry types, certificate SHA-256s and chain lengths must equal keytool's view; stores keytool
 * cannot open (BKS/UBER, corrupt JCEKS secret keys) must give a CertbenchError, never a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CertbenchError } from '../../shared/errors.js';
import { readKeystore } from '../../electron/services/keystore/keystore-reader.js';
import { suiteUrl } from '../helpers/suites.js';

interface ManifestEntry {
  alias: string;
  certs_sha256: string[];
  type: string;
  chain_length?: number;
}
interface ManifestStore {
  file: string;
  store_type: string;
  store_password: string | null;
  keytool: { ok: boolean; entries?: ManifestEntry[]; error?: string };
}

const SUITE = fileURLToPath(suiteUrl('keystores/'));
const TYPES: Record<string, string> = { trustedCertEntry: 'trustedCert', PrivateKeyEntry: 'privateKey', SecretKeyEntry: 'secretKey' };

const manifest = JSON.parse(readFileSync(join(SUITE, 'manifest.json'), 'utf8')) as { keystores: ManifestStore[] };
let pass = 0;
let crashes = 0;
const failures: string[] = [];
for (const store of manifest.keystores) {
  const started = performance.now();
  let verdict: string;
  try {
    const got = await readKeystore(join(SUITE, store.file), store.store_password ?? undefined);
    if (!store.keytool.ok) {
      verdict = `opened, but keytool fails: ${store.keytool.error}`;
    } else {
      const want = (store.keytool.entries ?? [])
        .map((e) => `${e.alias}|${TYPES[e.type]}|${e.certs_sha256.join(',')}|${e.chain_length ?? e.certs_sha256.length}`)
        .sort();
      const have = got.entries.map((e) => `${e.alias}|${e.entryType}|${e.certificates.map((c) => c.sha256).join(',')}|${e.certificates.length}`).sort();
      verdict = JSON.stringify(want) === JSON.stringify(have) ? 'ok' : `differs: want ${JSON.stringify(want)} have ${JSON.stringify(have)}`;
    }
  } catch (err) {
    if (!(err instanceof CertbenchError)) crashes++;
    const detail = err instanceof CertbenchError ? `${err.code}: ${err.message}` : `CRASH ${(err as Error).stack}`;
    verdict = store.keytool.ok ? `failed (${detail})` : err instanceof CertbenchError ? 'ok' : detail;
  }
  const ms = performance.now() - started;
  if (ms > 5000) verdict = `hang (${ms.toFixed(0)} ms)`;
  if (verdict === 'ok') pass++;
  else failures.push(`${store.file}: ${verdict}`);
}
console.log(`keystores: ${pass}/${manifest.keystores.length} agree with keytool -list -v (crashes ${crashes})`);
for (const f of failures) console.log(`  FAIL ${f}`);
process.exitCode = failures.length === 0 ? 0 : 1;
