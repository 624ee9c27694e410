import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportForFleet } from '../../../electron/services/fleet-export/fleet-export-service.js';
import { prepareStoreCopies, runInStoreNamespace } from '../../helpers/fleet-namespace.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

/** openssl verify against a bundle file only (no default locations). */
function verifyWithBundle(bundle: string, leaf: string): number {
  return spawnSync('openssl', ['verify', '-no-CApath', '-no-CAstore', '-CAfile', bundle, leaf], { env: cleanEnv() }).status ?? -1;
}

describe('fleet exports run for real inside a mount namespace', () => {
  let dir: string;
  let pki: TrustPki;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-fleet-'));
    pki = makeTrustPki('Fleet Root');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removePki(pki);
  });

  it('the POSIX shell script passes sh -n, installs the root, adds it to an NSS db, and is idempotent', () => {
    const out = exportForFleet(pki.rootDer, 'shell');
    const script = join(dir, out.fileName);
    writeFileSync(script, out.content);
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
    const copies = prepareStoreCopies(join(dir, 'sh-store'));
    const nss = join(dir, 'sh-nss');
    mkdirSync(nss);
    expect(spawnSync('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`], { env: cleanEnv() }).status).toBe(0);
    const first = runInStoreNamespace(copies, ['sh', script, nss]);
    expect(first.stderr).not.toMatch(/mismatch/);
    expect(first.stdout).toContain('certbench: installed /usr/local/share/ca-certificates/');
    expect(first.status).toBe(0);
    expect(verifyWithBundle(join(copies['/etc/ssl/certs']!, 'ca-certificates.crt'), pki.leafPath)).toBe(0);
    expect(spawnSync('certutil', ['-V', '-d', `sql:${nss}`, '-n', out.fileName.replace(/\.sh$/, ''), '-u', 'L'], { env: cleanEnv() }).status).toBe(0);
    const second = runInStoreNamespace(copies, ['sh', script, nss]);
    expect(second.stdout).toContain('already installed');
    expect(second.stdout).toContain('already in NSS database');
    expect(second.status).toBe(0);
  });

  it('the Ansible playbook passes --syntax-check and runs against localhost (connection local), twice', () => {
    const cacerts = join(dir, 'cacerts-copy');
    copyFileSync('/etc/ssl/certs/java/cacerts', cacerts);
    const out = exportForFleet(pki.rootDer, 'ansible', { javaCacerts: [cacerts] });
    const playbook = join(dir, out.fileName);
    writeFileSync(playbook, out.content);
    const home = join(dir, 'ansible-home');
    mkdirSync(home);
    const env = { HOME: home, ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ANSIBLE_REMOTE_TEMP: join(home, 'tmp'), ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'False' };
    const base = ['ansible-playbook', '-i', 'localhost,', '-c', 'local', '-e', 'ansible_become=false', '-e', 'ansible_python_interpreter=/usr/bin/python3', playbook];
    const syntax = spawnSync(base[0]!, [...base.slice(1), '--syntax-check'], { env: cleanEnv(env), encoding: 'utf8' });
    expect(syntax.stderr + syntax.stdout).toContain(`playbook: ${playbook}`);
    expect(syntax.status).toBe(0);

    const copies = prepareStoreCopies(join(dir, 'ansible-store'));
    const first = runInStoreNamespace(copies, base, env);
    expect(first.stdout).toMatch(/localhost\s+: ok=\d+\s+changed=[1-9]/);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(verifyWithBundle(join(copies['/etc/ssl/certs']!, 'ca-certificates.crt'), pki.leafPath)).toBe(0);
    const keytool = spawnSync('keytool', ['-J-Duser.language=en', '-list', '-keystore', cacerts, '-storepass', 'changeit', '-alias', out.fileName.replace(/\.yml$/, '')], {
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(keytool.stdout).toContain('trustedCertEntry');

    const second = runInStoreNamespace(copies, base, env);
    expect(second.stdout).toMatch(/localhost\s+: ok=\d+\s+changed=0/);
    expect(readFileSync(join(copies['/usr/local/share/ca-certificates']!, `${out.fileName.replace(/\.yml$/, '')}.crt`), 'utf8')).toBe(
      pki.rootPem.replace(/\r\n/g, '\n'),
    );
  });
});
