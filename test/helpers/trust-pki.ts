import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateDers } from '../../shared/pki/certificate-input.js';

/** A root, an intermediate and a leaf made with the real openssl CLI (EC P-256, fast). */
export interface TrustPki {
  readonly dir: string;
  readonly rootPem: string;
  readonly rootDer: Uint8Array;
  readonly intermediateDer: Uint8Array;
  /** A server certificate issued directly by the root. */
  readonly leafPath: string;
  readonly leafDer: Uint8Array;
  readonly rootPath: string;
  readonly intermediatePath: string;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() });

/** PATH and HOME only: tests must not inherit NODE_EXTRA_CA_CERTS / SSL_CERT_FILE. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin:/usr/sbin:/sbin', LANG: 'C', ...extra };
}

export function makeTrustPki(rootCn = 'Certbench Test Root'): TrustPki {
  const dir = mkdtempSync(join(tmpdir(), 'cb-trust-pki-'));
  const key = (name: string) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name], dir);
  key('root.key');
  key('int.key');
  key('leaf.key');
  writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:app.test\nextendedKeyUsage=serverAuth\n');
  openssl(
    ['req', '-x509', '-new', '-key', 'root.key', '-subj', `/CN=${rootCn}`, '-days', '30', '-out', 'root.pem', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  openssl(['req', '-new', '-key', 'int.key', '-subj', '/CN=Certbench Test Intermediate', '-out', 'int.csr'], dir);
  openssl(['x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-days', '20', '-extfile', 'ca.ext', '-out', 'int.pem'], dir);
  openssl(['req', '-new', '-key', 'leaf.key', '-subj', '/CN=app.test', '-out', 'leaf.csr'], dir);
  openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-days', '10', '-extfile', 'leaf.ext', '-out', 'leaf.pem'], dir);
  const der = (name: string) => certificateDers(readFileSync(join(dir, name)))[0]!;
  return {
    dir,
    rootPem: readFileSync(join(dir, 'root.pem'), 'utf8'),
    rootDer: der('root.pem'),
    rootPath: join(dir, 'root.pem'),
    intermediateDer: der('int.pem'),
    intermediatePath: join(dir, 'int.pem'),
    leafPath: join(dir, 'leaf.pem'),
    leafDer: der('leaf.pem'),
  };
}

export function removePki(pki: TrustPki): void {
  rmSync(pki.dir, { recursive: true, force: true });
}
