import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, keysTempDir, run } from '../../helpers/keys-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
const PW = { KEY_PW: 'correct horse battery' };
const at = (name: string) => join(dir, name);
const verify = (ca: string, cert: string) => run('openssl', ['verify', '-no-CApath', '-no-CAstore', '-x509_strict', '-purpose', 'sslserver', '-CAfile', ca, cert]);

beforeAll(async () => {
  ({ dir, cleanup } = await keysTempDir());
  const ca = await cli(['ca', 'new', '--subject', 'CN=Lab Root CA,O=Lab', '--type', 'ec-p384', '--out-key', at('ca.key'), '--passphrase-env', 'KEY_PW', '--out', at('ca.pem'), '--permit-dns', 'lab.example', '--permit-ip', '10.0.0.0/8'], PW);
  expect(ca.code, ca.stderr).toBe(0);
});
afterAll(() => cleanup());

async function csr(name: string, ...sans: string[]) {
  const r = await cli(['csr', 'new', '--subject', `CN=${name}`, ...sans.flatMap((s) => ['--san', s]), '--type', 'rsa-2048', '--out-key', at(`${name}.key`), '--no-encrypt', '--out', at(`${name}.csr`)]);
  expect(r.code, r.stderr).toBe(0);
}

const sign = (name: string, ...extra: string[]) =>
  cli(['ca', 'sign', '--ca-cert', at('ca.pem'), '--ca-key', at('ca.key'), '--ca-key-passphrase-env', 'KEY_PW', '--csr', at(`${name}.csr`), '--out', at(`${name}.pem`), ...extra], PW);

describe('local CA', () => {
  it('makes a name-constrained root openssl reads as a CA', () => {
    const text = run('openssl', ['x509', '-in', at('ca.pem'), '-noout', '-text']).stdout;
    expect(text).toMatch(/Basic Constraints: critical\s*\n\s*CA:TRUE, pathlen:0/);
    expect(text).toMatch(/Name Constraints: critical\s*\n\s*Permitted:\s*\n\s*DNS:lab.example\s*\n\s*IP:10.0.0.0\/255.0.0.0/);
    expect(text).toContain('Certificate Sign, CRL Sign');
    expect(text).toContain('ecdsa-with-SHA384');
  });

  it('signs a CSR into a server certificate openssl verifies strictly against the root', async () => {
    await csr('app.lab.example', 'ip:10.1.2.3');
    const r = await sign('app.lab.example', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).sans).toEqual([
      { type: 'dns', value: 'app.lab.example' },
      { type: 'ip', value: '10.1.2.3' },
    ]);
    expect(verify(at('ca.pem'), at('app.lab.example.pem')).stdout).toContain(': OK');
    const text = run('openssl', ['x509', '-in', at('app.lab.example.pem'), '-noout', '-text']).stdout;
    expect(text).toContain('TLS Web Server Authentication');
    expect(text).toMatch(/Key Usage: critical\s*\n\s*Digital Signature, Key Encipherment/);
    expect(text).toMatch(/CA:FALSE/);
    const days = (Date.parse(/Not After : (.*)\n/.exec(text)![1]!) - Date.parse(/Not Before: (.*)\n/.exec(text)![1]!)) / 86_400_000;
    expect(Math.round(days)).toBe(397);
  });

  it('refuses names outside the constraints, more than 825 days, and a CSR without SAN', async () => {
    await csr('evil.example');
    expect((await sign('evil.example')).stderr).toBe("certbench: The CA's name constraints do not allow evil.example\n");
    await csr('long.lab.example');
    const long = await sign('long.lab.example', '--days', '826');
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('more than 825 days');
    const nosan = await cli(['csr', 'new', '--subject', 'CN=nosan', '--no-cn-san', '--type', 'ec-p256', '--out-key', at('nosan.key'), '--no-encrypt', '--out', at('nosan.csr')]);
    expect(nosan.code).toBe(0);
    expect((await sign('nosan')).stderr).toContain('needs at least one SAN');
    for (const name of ['evil.example', 'long.lab.example', 'nosan']) await expect(stat(at(`${name}.pem`))).rejects.toThrow();
  });

  it('refuses a CA key that does not belong to the CA certificate', async () => {
    const r = await cli(['ca', 'sign', '--ca-cert', at('ca.pem'), '--ca-key', at('app.lab.example.key'), '--csr', at('app.lab.example.csr'), '--out', at('x.pem')]);
    expect(r.stderr).toBe('certbench: The CA key does not belong to the CA certificate\n');
  });

  it('refuses a tampered CSR', async () => {
    const pem = await readFile(at('app.lab.example.csr'), 'utf8');
    const lines = pem.split('\n');
    lines[3] = lines[3]!.replace(/[A-Z]/, (c) => (c === 'A' ? 'B' : 'A'));
    await writeFile(at('tampered.csr'), lines.join('\n'));
    const r = await sign('tampered');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/certbench: (The CSR signature does not verify|Not a valid PKCS#10)/);
  });
});

describe('self-signed server certificate', () => {
  it('verifies against itself with the server purpose and SAN', async () => {
    const r = await cli(['cert', 'self-signed', '--subject', 'CN=self.example', '--san', 'ip:127.0.0.1', '--type', 'ec-p256', '--out-key', at('self.key'), '--passphrase-env', 'KEY_PW', '--out', at('self.pem')], PW);
    expect(r.code, r.stderr).toBe(0);
    expect(verify(at('self.pem'), at('self.pem')).stdout).toContain(': OK');
    expect(run('openssl', ['x509', '-in', at('self.pem'), '-noout', '-ext', 'subjectAltName']).stdout).toContain('DNS:self.example, IP Address:127.0.0.1');
    expect(run('openssl', ['x509', '-in', at('self.pem'), '-noout', '-checkhost', 'self.example']).stdout).toContain('does match');
  });

  it('applies the client limits by default', async () => {
    const long = await cli(['cert', 'self-signed', '--subject', 'CN=self.example', '--type', 'ec-p256', '--out-key', at('l.key'), '--no-encrypt', '--out', at('l.pem'), '--days', '3650']);
    expect(long.stderr).toContain('more than 825 days');
    const nosan = await cli(['cert', 'self-signed', '--subject', 'CN=Jane', '--no-cn-san', '--type', 'ec-p256', '--out-key', at('n.key'), '--no-encrypt', '--out', at('n.pem')]);
    expect(nosan.stderr).toContain('needs at least one SAN');
  });
});
