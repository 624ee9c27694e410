import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, keysTempDir, opensslCsr, run } from '../../helpers/keys-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
const PW = { KEY_PW: 'correct horse battery' };

beforeAll(async () => ({ dir, cleanup } = await keysTempDir()));
afterAll(() => cleanup());

const SANS = ['dns:www.app.example', 'dns:*.app.example', 'dns:bücher.example', 'ip:10.0.0.5', 'ip:2001:db8::1', 'email:admin@app.example', 'uri:https://app.example/'];
const OPENSSL_SANS = [
  'DNS:app.example',
  'DNS:www.app.example',
  'DNS:*.app.example',
  'DNS:xn--bcher-kva.example',
  'IP Address:10.0.0.5',
  'IP Address:2001:DB8:0:0:0:0:0:1',
  'email:admin@app.example',
  'URI:https://app.example/',
];

describe('certbench csr new', () => {
  it.each([
    ['rsa-2048', 'rsaEncryption Public-Key: (2048 bit)', 'sha256WithRSAEncryption'],
    ['rsa-4096', 'rsaEncryption Public-Key: (4096 bit)', 'sha256WithRSAEncryption'],
    ['ec-p256', 'id-ecPublicKey Public-Key: (256 bit)', 'ecdsa-with-SHA256'],
    ['ec-p384', 'id-ecPublicKey Public-Key: (384 bit)', 'ecdsa-with-SHA384'],
    ['ed25519', 'ED25519 ED25519 Public-Key:', 'ED25519'],
  ])('makes a %s CSR that openssl verifies, with exactly the subject, SANs and key asked for', async (type, keyLine, sigAlg) => {
    const out = join(dir, `${type}.csr`);
    const outKey = join(dir, `${type}.key`);
    const args = ['csr', 'new', '--subject', 'CN=app.example,O=Example\\, Inc.,OU=Web,L=Springfield,ST=Oregon,C=us,emailAddress=pki@app.example'];
    const r = await cli([...args, ...SANS.flatMap((s) => ['--san', s]), '--type', type, '--out-key', outKey, '--passphrase-env', 'KEY_PW', '--out', out, '--json'], PW);
    expect(r.code, r.stderr).toBe(0);
    const csr = opensslCsr(out);
    expect(csr.verified).toBe(true);
    expect(csr.subject).toBe('emailAddress=pki@app.example,CN=app.example,OU=Web,O=Example\\, Inc.,L=Springfield,ST=Oregon,C=US');
    expect(csr.sans).toEqual(OPENSSL_SANS);
    expect(csr.keyLine).toContain(keyLine);
    expect(csr.text).toContain(`Signature Algorithm: ${sigAlg}`);
    expect(csr.text).toMatch(/X509v3 Key Usage: critical\s*\n\s*Digital Signature/);
    expect(csr.text).toContain('TLS Web Server Authentication');
    expect((await stat(outKey)).mode & 0o777).toBe(0o600);
    expect(run('openssl', ['pkey', '-in', outKey, '-passin', 'env:KEY_PW', '-noout'], PW).code).toBe(0);
    expect(JSON.parse(r.stdout).sans).toHaveLength(8);
  });

  it('makes CSRs keytool -printcertreq reads, with the same SANs', () => {
    for (const type of ['rsa-2048', 'rsa-4096', 'ec-p256', 'ec-p384', 'ed25519']) {
      const r = run('keytool', ['-J-Duser.language=en', '-J-Duser.country=US', '-printcertreq', '-file', join(dir, `${type}.csr`)]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Subject: EMAILADDRESS=pki@app.example, CN=app.example, OU=Web, O="Example, Inc.", L=Springfield, ST=Oregon, C=US');
      expect(r.stdout).toContain('DNSName: xn--bcher-kva.example');
      expect(r.stdout).toContain('IPAddress: 2001:db8:0:0:0:0:0:1');
    }
  });

  it('signs with an existing key file and takes 100 SANs', async () => {
    const key = join(dir, 'existing.key');
    expect(run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc', '-pass', 'env:KEY_PW', '-out', key], PW).code).toBe(0);
    const sans = Array.from({ length: 100 }, (_, i) => ['--san', `dns:host${i}.app.example`]).flat();
    const out = join(dir, 'hundred.csr');
    const r = await cli(['csr', 'new', '--subject', 'CN=host0.app.example', ...sans, '--key', key, '--key-passphrase-env', 'KEY_PW', '--out', out], PW);
    expect(r.code, r.stderr).toBe(0);
    const csr = opensslCsr(out);
    expect(csr.verified).toBe(true);
    expect(csr.sans).toHaveLength(100);
    expect(csr.sans[99]).toBe('DNS:host99.app.example');
    const pub = run('openssl', ['pkey', '-in', key, '-passin', 'env:KEY_PW', '-pubout'], PW).stdout;
    expect(run('openssl', ['req', '-in', out, '-pubkey', '-noout']).stdout).toBe(pub);
  });

  it('refuses bad input with one line, before generating or writing anything', async () => {
    const cases: [string[], string][] = [
      [['--subject', 'CN=a.example,C=USA'], 'subject.C: Country is a two-letter code'],
      [['--subject', 'CN=a.example', '--san', 'ip:10.0.0.256'], 'sans.0: Not an IPv4'],
      [['--subject', 'CN=a.example', '--san', 'dns:w*.example.com'], 'sans.0: A wildcard must be the whole leftmost label'],
      [['--subject', 'FOO=bar'], '--subject: Unknown subject attribute FOO'],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, 'bad.csr');
      const r = await cli(['csr', 'new', ...args, '--type', 'ec-p256', '--out-key', join(dir, 'bad.key'), '--no-encrypt', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(`certbench: ${message}`), r.stderr).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      await expect(stat(out)).rejects.toThrow();
      await expect(stat(join(dir, 'bad.key'))).rejects.toThrow();
    }
  });

  it('warns on stderr about what CAs reject, and still writes the CSR', async () => {
    const out = join(dir, 'nosan.csr');
    const r = await cli(['csr', 'new', '--subject', 'CN=Jane Doe', '--no-cn-san', '--type', 'ec-p256', '--out-key', join(dir, 'nosan.key'), '--no-encrypt', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: No SAN');
    expect(opensslCsr(out).verified).toBe(true);
    expect(await readFile(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
  });
});
