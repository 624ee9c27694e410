import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
let dir: string;
let server: Server;
let target: string;
const at = (name: string) => join(dir, name);

function certbench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CERTBENCH_DATA_DIR: at('data'), CERTBENCH_CODE_CACHE_DIR: at('code-cache') };
  for (const name of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'JAVA_TOOL_OPTIONS']) delete env[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const keytool = (...args: string[]) => execFileSync('keytool', [...args, '-J-Duser.language=en'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** Subject (RFC 2253) and SAN text as openssl prints them, for a certificate or a CSR. */
function names(path: string, kind: 'x509' | 'req'): { subject: string; sans: string } {
  const text = openssl(kind, '-in', path, '-noout', '-text', '-nameopt', 'RFC2253');
  return { subject: /Subject: (.*)\n/.exec(text)![1]!.trim(), sans: /X509v3 Subject Alternative Name:\s*\n\s*(.+)\n/.exec(text)?.[1]?.trim() ?? '' };
}
const pubkey = (path: string, kind: 'x509' | 'req') => openssl(kind, '-in', path, '-noout', '-pubkey');
const purposes = (path: string) => openssl('x509', '-in', path, '-noout', '-purpose');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certbench-renew-'));
  await writeFile(at('pass'), 'agent-passphrase-1\n');
  await writeFile(at('short'), 'short\n');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('old.key'), '-out', at('old.pem'), '-subj', '/C=DE/O=Example Corp/OU=Agents/CN=agent.example', '-days', '20',
    '-addext', 'subjectAltName=DNS:agent.example,DNS:agent-2.example,IP:10.9.8.7', '-addext', 'extendedKeyUsage=clientAuth');
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-subj', '/CN=Renewal Lab CA', '-days', '365',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  server = createServer({ key: await readFile(at('old.key')), cert: await readFile(at('old.pem')) }, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  target = `127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('certbench csr renew', () => {
  it('keeps the subject, SANs and purpose of a certificate file, with a new encrypted key that openssl verifies', async () => {
    const r = await certbench('csr', 'renew', '--from', at('old.pem'), '--out', at('renew.csr'), '--out-key', at('renew.key'), '--passphrase-file', at('pass'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(openssl('req', '-in', at('renew.csr'), '-verify', '-noout')).toBe('');
    expect(names(at('renew.csr'), 'req')).toEqual(names(at('old.pem'), 'x509'));
    expect(openssl('req', '-in', at('renew.csr'), '-noout', '-text')).toContain('TLS Web Client Authentication');
    expect(pubkey(at('renew.csr'), 'req')).not.toBe(pubkey(at('old.pem'), 'x509'));
    expect(await readFile(at('renew.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(openssl('pkey', '-in', at('renew.key'), '-passin', `file:${at('pass')}`, '-noout', '-text')).toContain('2048 bit');
    expect(JSON.parse(r.stdout)).toMatchObject({ from: { kind: 'file', path: at('old.pem') }, extendedKeyUsage: ['clientAuth'] });
  });

  it('refuses a passphrase under the key rules and writes nothing', async () => {
    const r = await certbench('csr', 'renew', '--from', at('old.pem'), '--out', at('weak.csr'), '--out-key', at('weak.key'), '--passphrase-file', at('short'));
    expect(r).toMatchObject({ code: 2, stderr: 'certbench: The key passphrase must be at least 8 characters\n' });
    await expect(stat(at('weak.csr'))).rejects.toThrow();
    await expect(stat(at('weak.key'))).rejects.toThrow();
  });

  it('reuses the old key with --key, and takes subject and SAN overrides', async () => {
    const r = await certbench('csr', 'renew', '--from', at('old.pem'), '--key', at('old.key'), '--subject', 'CN=agent.example,O=Example Corp', '--san', 'dns:agent.example', '--san', 'dns:agent-3.example', '--out', at('reuse.csr'));
    expect(r.code, r.stderr).toBe(0);
    expect(pubkey(at('reuse.csr'), 'req')).toBe(pubkey(at('old.pem'), 'x509'));
    expect(names(at('reuse.csr'), 'req')).toEqual({ subject: 'CN=agent.example,O=Example Corp', sans: 'DNS:agent.example, DNS:agent-3.example' });
  });

  it('renews what a server presents', async () => {
    const r = await certbench('csr', 'renew', '--from', target, '--sni', 'agent.example', '--out', at('endpoint.csr'), '--out-key', at('endpoint.key'), '--no-encrypt', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(names(at('endpoint.csr'), 'req')).toEqual(names(at('old.pem'), 'x509'));
    expect(JSON.parse(r.stdout).from).toEqual({ kind: 'endpoint', target });
  });

  it('renews a keystore alias end to end: CSR, CA signature, bundle, and a backed-up replace of that alias', async () => {
    keytool('-genkeypair', '-alias', 'portal', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=portal.example,O=Example Corp', '-ext', 'SAN=dns:portal.example,dns:portal-alt.example',
      '-validity', '10', '-keystore', at('portal.p12'), '-storetype', 'PKCS12', '-storepass', 'agent-passphrase-1');
    keytool('-exportcert', '-rfc', '-alias', 'portal', '-keystore', at('portal.p12'), '-storepass', 'agent-passphrase-1', '-file', at('portal-old.pem'));
    const renew = await certbench('csr', 'renew', '--from', at('portal.p12'), '--alias', 'portal', '--storepass-file', at('pass'), '--out', at('portal.csr'), '--out-key', at('portal.key'), '--passphrase-file', at('pass'), '--json');
    expect(renew.code, renew.stderr).toBe(0);
    expect(names(at('portal.csr'), 'req')).toEqual(names(at('portal-old.pem'), 'x509'));
    const planned = JSON.parse(renew.stdout) as { from: unknown; next: string[] };
    expect(planned.from).toEqual({ kind: 'keystore', path: at('portal.p12'), alias: 'portal' });
    expect(planned.next.at(-1)).toContain(`certbench keystore import renewed.pfx --keystore ${at('portal.p12')} --alias portal --replace`);
    const signed = await certbench('ca', 'sign', '--ca-cert', at('ca.pem'), '--ca-key', at('ca.key'), '--csr', at('portal.csr'), '--out', at('portal-new.pem'), '--days', '90');
    expect(signed.code, signed.stderr).toBe(0);
    await mkdir(at('bundle'));
    const bundled = await certbench('bundle', '--cert', at('portal-new.pem'), '--chain', at('ca.pem'), '--key', at('portal.key'), '--key-passphrase-file', at('pass'), '--out-dir', at('bundle'), '--pfx', at('renewed.pfx'), '--pfx-password-file', at('pass'), '--passphrase-file', at('pass'));
    expect(bundled.code, bundled.stderr).toBe(0);
    const replace = ['keystore', 'import', at('renewed.pfx'), '--keystore', at('portal.p12'), '--alias', 'portal', '--replace', '--pfx-pass-file', at('pass'), '--storepass-file', at('pass'), '--json'];
    const sha256Of = (pem: string) => openssl('x509', '-in', at(pem), '-noout', '-fingerprint', '-sha256').split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
    // The replace is planned first: the alias, the certificate it holds now and the renewed one.
    const preview = await certbench(...replace, '--dry-run');
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout).plan.items).toEqual([
      expect.objectContaining({ alias: 'portal', replaces: expect.objectContaining({ sha256: sha256Of('portal-old.pem') }), certificate: expect.objectContaining({ sha256: sha256Of('portal-new.pem') }) }),
    ]);
    const replaced = await certbench(...replace, '--yes');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout).backupId).toEqual(expect.any(String));
    const listed = keytool('-list', '-v', '-alias', 'portal', '-keystore', at('portal.p12'), '-storepass', 'agent-passphrase-1');
    expect(listed).toContain('Issuer: CN=Renewal Lab CA');
    const fingerprint = openssl('x509', '-in', at('portal-new.pem'), '-noout', '-fingerprint', '-sha256').split('=')[1]!.trim();
    expect(listed).toContain(fingerprint);
  });
});

describe('certbench ca sign honours the EKU a CSR asks for', () => {
  const sign = (csr: string, out: string) => certbench('ca', 'sign', '--ca-cert', at('ca.pem'), '--ca-key', at('ca.key'), '--csr', at(csr), '--out', at(out), '--days', '90');

  it('issues a clientAuth CSR as a client certificate, as openssl -purpose reads it', async () => {
    await certbench('csr', 'new', '--subject', 'CN=agent-7', '--no-cn-san', '--eku', 'clientAuth', '--type', 'ec-p256', '--out-key', at('agent7.key'), '--no-encrypt', '--out', at('agent7.csr'));
    const r = await sign('agent7.csr', 'agent7.pem');
    expect(r.code, r.stderr).toBe(0);
    const purpose = purposes(at('agent7.pem'));
    expect(purpose).toContain('SSL client : Yes');
    expect(purpose).toContain('SSL server : No');
    expect(openssl('verify', '-no-CApath', '-no-CAstore', '-purpose', 'sslclient', '-CAfile', at('ca.pem'), at('agent7.pem'))).toContain(': OK');
  });

  it('issues both purposes when both are asked for', async () => {
    await certbench('csr', 'new', '--subject', 'CN=both.example', '--eku', 'serverAuth', 'clientAuth', '--type', 'ec-p256', '--out-key', at('both.key'), '--no-encrypt', '--out', at('both.csr'));
    expect((await sign('both.csr', 'both.pem')).code).toBe(0);
    expect(purposes(at('both.pem'))).toMatch(/SSL client : Yes[\s\S]*SSL server : Yes/);
  });

  it('refuses a purpose it does not issue, saying which', async () => {
    openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('code.key'), '-out', at('code.csr'), '-subj', '/CN=signer', '-addext', 'extendedKeyUsage=codeSigning', '-addext', 'subjectAltName=DNS:signer.example');
    const r = await sign('code.csr', 'code.pem');
    expect(r).toMatchObject({ code: 2, stderr: 'certbench: The CSR asks for extended key usage 1.3.6.1.5.5.7.3.3; this CA issues only serverAuth and clientAuth certificates\n' });
    await expect(stat(at('code.pem'))).rejects.toThrow();
  });
});
