import { readFileSync } from 'node:fs';
import { scanPemOrDerBundle } from './shared/pki/cert-scan.js';
import { CertbenchError } from './shared/errors.js';
const m = JSON.parse(readFileSync('/work/shared/suites/zlint/parse-manifest.json','utf8'));
const stats: Record<string, number> = {};
const other: string[] = [];
for (const f of m.files) {
  if (f.kind !== 'cert') { stats['kind-'+f.kind] = (stats['kind-'+f.kind]??0)+1; continue; }
  let ok = false, code = '';
  try { const s = scanPemOrDerBundle(readFileSync('/work/shared/suites/zlint/'+f.file)); ok = true;
    const exp = f.pyca?.certs?.[0]; if (exp && exp.sha256 !== s[0]!.sha256) other.push('sha '+f.file);
  } catch (e) { if (!(e instanceof CertbenchError)) other.push('CRASH '+f.file+' '+e); code = (e as CertbenchError).code; }
  const key = `scan=${ok} pyca=${!!f.pyca?.ok} openssl=${f.openssl_ok}`;
  stats[key] = (stats[key]??0)+1;
  if (ok !== f.openssl_ok) other.push(`${f.file} scan=${ok} ${code} openssl=${f.openssl_ok} pyca=${f.pyca?.ok}`);
}
console.log(stats); console.log(other.slice(0,40).join('\n'), other.length);
