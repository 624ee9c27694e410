import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { cli, keysTempDir, run } from '../../helpers/keys-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
const PW = { KEY_PW: 'correct horse battery' };
const at = (name: string) => join(dir, name);
const openssl = (...args: string[]) => {
  const r = run('openssl', args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

/** A public-CA-shaped answer: root → intermediate → leaf, signed by openssl from a Certbench CSR. */
beforeAll(async () => {
  ({ dir, cleanup } = await keysTempDir());
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('root.key'), '-out', at('root.pem'), '-subj', '/CN=Bundle Root', '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('int.key'), '-out', at('int.csr'), '-subj', '/CN=Bundle Intermediate');
  await writeFile(at('int.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
  openssl('x509', '-req', '-in', at('int.csr'), '-CA', at('root.pem'), '-CAkey', at('root.key'), '-CAcreateserial', '-out', at('int.pem'), '-days', '1000', '-extfile', at('int.ext'));
  const made = await cli(['csr', 'new', '--subject', 'CN=app.example', '--san', 'dns:www.app.example', '--type', 'ec-p256', '--out-key', at('app.key'), '--passphrase-env', 'KEY_PW', '--out', at('app.csr')], PW);
  expect(made.code, made.stderr).toBe(0);
  // The CA grants only the CN, dropping www (as CAs do for names they could not validate).
  await writeFile(at('leaf.ext'), 'subjectAltName=DNS:app.example\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', at('app.csr'), '-CA', at('int.pem'), '-CAkey', at('int.key'), '-CAcreateserial', '-out', at('app.pem'), '-days', '90', '-extfile', at('leaf.ext'));
  await writeFile(at('answer-bundle.pem'), (await readFile(at('int.pem'), 'utf8')) + (await readFile(at('app.pem'), 'utf8')));
  openssl('crl2pkcs7', '-nocrl', '-certfile', at('app.pem'), '-certfile', at('int.pem'), '-outform', 'DER', '-out', at('answer.p7b'));
  openssl('x509', '-in', at('app.pem'), '-outform', 'DER', '-out', at('app.der'));
});
afterAll(() => cleanup());

const bundle = (out: string, ...args: string[]) =>
  cli(['bundle', '--key', at('app.key'), '--key-passphrase-env', 'KEY_PW', '--out-dir', at(out), '--passphrase-env', 'KEY_PW', ...args], PW);

describe('certbench bundle', () => {
  it.each([
    ['pem', ['--cert', 'app.pem', '--chain', 'int.pem']],
    ['p7b', ['--cert', 'answer.p7b']],
    ['bundle', ['--cert', 'answer-bundle.pem']],
    ['der', ['--cert', 'app.der', '--chain', 'answer.p7b']],
  ])('turns a %s answer into fullchain/chain/cert/key that openssl verifies against the root', async (name, args) => {
    await mkdir(at(name));
    const r = await bundle(name, ...args.map((a) => (a.startsWith('--') ? a : at(a))));
    expect(r.code, r.stderr).toBe(0);
    const files = ['fullchain.pem', 'chain.pem', 'cert.pem', 'key.pem'].map((f) => join(at(name), f));
    const verify = run('openssl', ['verify', '-no-CApath', '-no-CAstore', '-CAfile', at('root.pem'), '-untrusted', files[0]!, files[0]!]);
    expect(verify.stdout).toContain(': OK');
    expect(openssl('storeutl', '-noout', '-text', '-certs', files[0]!).match(/Subject: .*/g)).toEqual(['Subject: CN=app.example', 'Subject: CN=Bundle Intermediate']);
    expect(await readFile(files[1]!, 'utf8')).toBe(await readFile(at('int.pem'), 'utf8'));
    expect((await stat(files[3]!)).mode & 0o777).toBe(0o600);
    expect(run('openssl', ['pkey', '-in', files[3]!, '-passin', 'env:KEY_PW', '-pubout'], PW).stdout).toBe(openssl('x509', '-in', files[2]!, '-noout', '-pubkey'));
  });

  it.each([
    ['modern', /PBES2, PBKDF2, AES-256-CBC/, 'sha256'],
    ['legacy', /pbeWithSHA1And3-KeyTripleDES-CBC/, 'sha1'],
  ])('writes a %s PFX that OpenSSL 3 reads without -legacy and keytool imports', async (profile, cipher, mac) => {
    await mkdir(at(`pfx-${profile}`));
    const pfx = join(at(`pfx-${profile}`), 'app.pfx');
    const env = { ...PW, PFX_PW: 'pfx-password-1' };
    const r = await cli(['bundle', '--key', at('app.key'), '--key-passphrase-env', 'KEY_PW', '--cert', at('answer.p7b'), '--out-dir', at(`pfx-${profile}`), '--passphrase-env', 'KEY_PW', '--pfx', pfx, '--pfx-profile', profile, '--pfx-password-env', 'PFX_PW'], env);
    expect(r.code, r.stderr).toBe(0);
    expect((await stat(pfx)).mode & 0o777).toBe(0o600);
    const info = run('openssl', ['pkcs12', '-in', pfx, '-passin', 'env:PFX_PW', '-info', '-noout'], env);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stderr).toMatch(cipher);
    expect(info.stderr).toContain(`MAC: ${mac}`);
    const certs = run('openssl', ['pkcs12', '-in', pfx, '-passin', 'env:PFX_PW', '-nokeys'], env).stdout.match(/subject=.*/g);
    expect(certs).toEqual(['subject=CN = app.example', 'subject=CN = Bundle Intermediate']);
    const dest = join(at(`pfx-${profile}`), 'imported.p12');
    const imported = run('keytool', ['-J-Duser.language=en', '-importkeystore', '-noprompt', '-srckeystore', pfx, '-srcstoretype', 'PKCS12', '-srcstorepass:env', 'PFX_PW', '-destkeystore', dest, '-deststoretype', 'PKCS12', '-deststorepass:env', 'PFX_PW'], env);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stderr).toContain('1 entries successfully imported');
    const listed = run('keytool', ['-J-Duser.language=en', '-list', '-v', '-keystore', dest, '-storepass:env', 'PFX_PW'], env).stdout;
    expect(listed).toContain('Certificate chain length: 2');
    expect(listed).toContain('PrivateKeyEntry');
  });

  it('says when the certificate lacks a requested SAN (exit 1, files written)', async () => {
    await mkdir(at('sans'));
    const r = await bundle('sans', '--cert', at('answer.p7b'), '--expect-san', 'dns:www.app.example', '--expect-san', 'dns:app.example');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: The certificate is not for these requested names: www.app.example\n');
  });

  it('refuses a certificate that does not belong to the key, writing nothing', async () => {
    const other = await cli(['key', 'new', '--type', 'ec-p256', '--out', at('other.key'), '--no-encrypt']);
    expect(other.code).toBe(0);
    const r = await cli(['bundle', '--cert', at('answer.p7b'), '--key', at('other.key'), '--out-dir', at('mismatch'), '--no-encrypt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('certbench: The certificate does not belong to the key "other.key": its public key is different\n');
    await expect(stat(at('mismatch'))).rejects.toThrow();
  });

  it('refuses an expired answer', async () => {
    const past = new Date(Date.now() - 400 * 86_400_000);
    const services = await createServices(defaultServiceEnv({ dataDir: at('data-expired'), now: () => past }));
    const key = await services.keys.openFile(at('app.key'), PW.KEY_PW);
    const ca = await services.keys.generate('ec-p256', { encrypt: false });
    const root = await services.issuing.createCa({ CN: 'Old CA' }, ca.info.id, 3650);
    const leaf = await services.issuing.selfSigned({ subject: { CN: 'app.example' }, sans: [], addCnToSan: true, hash: 'SHA-256', keyUsage: ['digitalSignature'], extendedKeyUsage: ['serverAuth'] }, key.info.id, 30);
    await writeFile(at('expired.pem'), leaf.pem + root.pem);
    const r = await cli(['bundle', '--cert', at('expired.pem'), '--key', at('app.key'), '--key-passphrase-env', 'KEY_PW', '--out-dir', at('expired'), '--no-encrypt'], PW);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/certbench: The certificate expired on \d{4}-\d{2}-\d{2}\n$/);
  });

  it('refuses input that is not a certificate', async () => {
    const r = await bundle('nothing', '--cert', at('app.csr'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('certbench: app.csr holds no certificate\n');
  });
});
