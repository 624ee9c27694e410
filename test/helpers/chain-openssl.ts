import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate made by the real openssl CLI, as files in the test's temp dir. */
export interface OpensslCert {
  readonly cert: string;
  readonly key: string;
}

export interface OpensslSpec {
  readonly name: string;
  readonly issuer?: OpensslCert;
  /** openssl x509v3 extension lines. */
  readonly ext: string;
  readonly days?: number;
  readonly digest?: 'sha256' | 'sha1';
  /** An RSA key of this size instead of EC P-256. */
  readonly rsaBits?: number;
}

const env = () => {
  const e = { ...process.env };
  delete e.OPENSSL_CONF;
  return e;
};

/** Issues one certificate with openssl (self-signed without an issuer) for exact, odd extensions. */
export function opensslIssue(dir: string, spec: OpensslSpec): OpensslCert {
  const base = join(dir, spec.name.replace(/[^a-z0-9]+/gi, '-'));
  const key = `${base}.key`;
  const cert = `${base}.pem`;
  const run = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], env: env() });
  const keyArgs = spec.rsaBits ? ['-newkey', `rsa:${spec.rsaBits}`] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  writeFileSync(`${base}.ext`, `${spec.ext}\nsubjectKeyIdentifier=hash\n${spec.issuer ? 'authorityKeyIdentifier=keyid\n' : ''}`);
  run('req', '-new', ...keyArgs, '-nodes', '-keyout', key, '-out', `${base}.csr`, '-subj', `/CN=${spec.name}`);
  const days = String(spec.days ?? 365);
  const digest = `-${spec.digest ?? 'sha256'}`;
  if (spec.issuer) {
    run('x509', '-req', '-in', `${base}.csr`, '-CA', spec.issuer.cert, '-CAkey', spec.issuer.key, '-out', cert, '-days', days, digest, '-extfile', `${base}.ext`);
  } else {
    run('x509', '-req', '-in', `${base}.csr`, '-signkey', key, '-out', cert, '-days', days, digest, '-extfile', `${base}.ext`);
  }
  return { cert, key };
}

export const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign';
export const LEAF_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost';
