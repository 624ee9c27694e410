import { createPrivateKey } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { scanPemOrDerBundle } from '../../../shared/pki/cert-scan.js';
import { captureIo } from '../../helpers/capture-io.js';
import { makeOpensslChain, tempDir, tool } from '../../helpers/inspect-openssl.js';

let dir: string;
let cleanup: () => Promise<void>;
const p = (name: string) => join(dir, name);
const env = { IN_PASS: 'secret', OUT_PASS: 'exp0rt' };
const shaOf = async (file: string) => scanPemOrDerBundle(await readFile(p(file))).map((s) => s.sha256);

async function convert(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo(env);
  const code = await runCli(['convert', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('convert-cli'));
  await makeOpensslChain(dir);
  await tool('openssl', ['pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-certfile', 'ca.pem', '-out', 'site.pfx', '-passout', 'pass:secret'], dir);
  await writeFile(p('shuffled.pem'), (await readFile(p('ca.pem'), 'utf8')) + (await readFile(p('leaf.pem'), 'utf8')));
});
afterAll(() => cleanup());

describe('certbench convert', () => {
  it('PFX → PEM: certificates, and the key encrypted in a 0600 file beside them', async () => {
    const r = await convert(p('site.pfx'), '--to', 'pem', '--out', p('from-pfx.pem'), '--password-env', 'IN_PASS', '--out-password-env', 'OUT_PASS');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(await shaOf('from-pfx.pem')).toEqual([...(await shaOf('leaf.pem')), ...(await shaOf('ca.pem'))]);
    const keyPem = await readFile(p('from-pfx.key'), 'utf8');
    expect(keyPem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect((await stat(p('from-pfx.key'))).mode & 0o777).toBe(0o600);
    const { stdout } = await tool('openssl', ['pkey', '-in', p('from-pfx.key'), '-passin', 'pass:exp0rt', '-pubout']);
    expect(stdout).toBe((await tool('openssl', ['pkey', '-in', p('leaf.key'), '-pubout'])).stdout);
  });

  it('writes an unencrypted key only when asked explicitly', async () => {
    const r = await convert(p('site.pfx'), '--to', 'pem', '--out', p('plain.pem'), '--password-env', 'IN_PASS', '--unencrypted-key');
    expect(r.code).toBe(0);
    expect(createPrivateKey(await readFile(p('plain.key'), 'utf8')).equals(createPrivateKey(await readFile(p('leaf.key'), 'utf8')))).toBe(true);
  });

  it('certificate + key + chain → legacy PFX that OpenSSL 3 (no -legacy) and keytool read', async () => {
    const r = await convert(p('leaf.pem'), '--to', 'pfx', '--key', p('leaf.key'), '--chain', p('ca.pem'), '--pfx-profile', 'legacy', '--out', p('legacy.pfx'), '--out-password-env', 'OUT_PASS', '--friendly-name', 'web');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect((await stat(p('legacy.pfx'))).mode & 0o777).toBe(0o600);
    const info = await tool('openssl', ['pkcs12', '-in', p('legacy.pfx'), '-info', '-noout', '-passin', 'pass:exp0rt']);
    expect(info.stderr).toMatch(/MAC: sha1/);
    expect(info.stderr).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    const list = await tool('keytool', ['-list', '-keystore', p('legacy.pfx'), '-storetype', 'PKCS12', '-storepass', 'exp0rt']);
    expect(list.stdout).toMatch(/web, .*PrivateKeyEntry/);
  });

  it('DER ↔ PEM, PEM → P7B → PEM, and the Windows Base-64 .cer', async () => {
    expect((await convert(p('leaf.pem'), '--to', 'der', '--out', p('leaf.der'))).code).toBe(0);
    const der = await tool('openssl', ['x509', '-in', p('leaf.der'), '-inform', 'DER', '-noout', '-subject']);
    expect(der.stdout).toContain('CN = interop.example');
    expect((await convert(p('leaf.der'), '--to', 'pem', '--out', p('back.pem'))).code).toBe(0);
    expect(await shaOf('back.pem')).toEqual(await shaOf('leaf.pem'));
    expect((await convert(p('shuffled.pem'), '--to', 'p7b', '--out', p('chain.p7b'))).code).toBe(0);
    const p7 = await tool('openssl', ['pkcs7', '-in', p('chain.p7b'), '-inform', 'DER', '-print_certs', '-noout']);
    expect(p7.stdout).toMatch(/subject=CN = Interop CA[\s\S]*subject=CN = interop.example/);
    const pem = await convert(p('chain.p7b'), '--to', 'pem');
    expect(pem.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect((await convert(p('leaf.pem'), '--to', 'cer', '--out', p('leaf.cer'))).code).toBe(0);
    expect(await readFile(p('leaf.cer'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\r\n(.{64}\r\n)+/);
  });

  it('orders a bundle leaf → root, and splits one into files', async () => {
    expect((await convert(p('shuffled.pem'), '--to', 'pem', '--order', '--out', p('ordered.pem'))).code).toBe(0);
    expect(await shaOf('ordered.pem')).toEqual([...(await shaOf('leaf.pem')), ...(await shaOf('ca.pem'))]);
    expect((await convert(p('shuffled.pem'), '--to', 'der', '--split', '--out', p('split'))).code).toBe(0);
    expect((await readdir(p('split'))).sort()).toEqual(['01.der', '02.der']);
  });

  it('never overwrites an input, and refuses an existing output without --overwrite', async () => {
    const before = await readFile(p('leaf.pem'));
    const same = await convert(p('leaf.pem'), '--to', 'pem', '--out', p('leaf.pem'), '--overwrite');
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is one of the inputs/);
    expect(await readFile(p('leaf.pem'))).toEqual(before);
    const exists = await convert(p('leaf.pem'), '--to', 'pem', '--out', p('ca.pem'));
    expect(exists).toMatchObject({ code: 2, stderr: expect.stringMatching(/already exists/) });
  });

  it('asks for an output password rather than writing a PFX without one', async () => {
    const r = await convert(p('leaf.pem'), '--to', 'pfx', '--key', p('leaf.key'), '--out', p('nopass.pfx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a password/);
  });
});

describe('exports from the workspace (IPC path)', () => {
  it('never write over a file opened in the workspace, even with overwrite', async () => {
    const services = await createServices(defaultServiceEnv({ dataDir: dir }));
    const opened = await services.inspect.openFile(p('leaf.pem'));
    const before = await readFile(p('leaf.pem'));
    await expect(services.convert.export({ ids: [opened.objects[0]!.id], format: 'der', path: p('leaf.pem'), overwrite: true })).rejects.toMatchObject({ code: 'conflict' });
    expect(await readFile(p('leaf.pem'))).toEqual(before);
  });
});
