import { createHash } from 'node:crypto';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { CertbenchError } from '../../../shared/errors.js';
import { toBase64 } from '../../../shared/pki/bytes.js';
import { captureIo } from '../../helpers/capture-io.js';
import { makeOpensslChain, tempDir, tool } from '../../helpers/inspect-openssl.js';

let dir: string;
let cleanup: () => Promise<void>;
const p = (name: string) => join(dir, name);
const fingerprint = async (file: string, inform = 'PEM') =>
  (await tool('openssl', ['x509', '-in', p(file), '-inform', inform, '-noout', '-fingerprint', '-sha256'])).stdout.split('=')[1]!.trim().replace(/:/g, '').toLowerCase();

async function inspectJson(...args: string[]): Promise<Record<string, unknown>[]> {
  const io = captureIo({ PFX_PASS: 'secret' });
  const code = await runCli(['inspect', '--json', ...args], io);
  expect(io.stderr()).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(io.stdout()) as { objects: Record<string, unknown>[] }).objects;
}

async function openCode(file: string, password?: string): Promise<string> {
  const services = await createServices(defaultServiceEnv({ dataDir: dir }));
  try {
    await services.inspect.openFile(p(file), password);
    return 'opened';
  } catch (err) {
    return err instanceof CertbenchError ? err.code : `not a CertbenchError: ${String(err)}`;
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('inspect-cli'));
  await makeOpensslChain(dir, 'rsa');
  const o = (...args: string[]) => tool('openssl', args, dir);
  await o('x509', '-in', 'leaf.pem', '-outform', 'DER', '-out', 'leaf.der');
  await o('crl2pkcs7', '-nocrl', '-certfile', 'leaf.pem', '-certfile', 'ca.pem', '-out', 'chain.p7b');
  await o('crl2pkcs7', '-nocrl', '-certfile', 'leaf.pem', '-certfile', 'ca.pem', '-outform', 'DER', '-out', 'chain-der.p7b');
  await o('pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-certfile', 'ca.pem', '-out', 'site.pfx', '-passout', 'pass:secret', '-name', 'site');
  await o('pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-out', 'nomac.pfx', '-passout', 'pass:secret', '-nomac');
  await o('pkey', '-in', 'leaf.key', '-pubout', '-out', 'leaf.pub');
  await o('genpkey', '-algorithm', 'ED25519', '-out', 'ed.key');
  const leafPem = await readFile(p('leaf.pem'), 'utf8');
  const caPem = await readFile(p('ca.pem'), 'utf8');
  await writeFile(p('messy.txt'), `\uFEFFHi, here is your chain\r\n${leafPem.replace(/\n/g, '\r\n')}and the CA:\r\n${caPem.replace(/\n/g, '\r\n')}thanks`);
  await writeFile(p('bare.b64'), toBase64(await readFile(p('leaf.der'))));
  await writeFile(p('combined.pem'), leafPem + (await readFile(p('leaf.key'), 'utf8')));
  await writeFile(p('empty.pem'), '');
  await writeFile(p('garbage.bin'), Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 251));
  await writeFile(p('truncated.der'), (await readFile(p('leaf.der'))).subarray(0, 200));
  await writeFile(p('badb64.pem'), '-----BEGIN CERTIFICATE-----\nMIIB$$$not*base64\n-----END CERTIFICATE-----\n');
  await writeFile(p('huge.pem'), '');
  await truncate(p('huge.pem'), 33 * 1024 * 1024);
  await mkdir(p('a-directory'));
  await tool('keytool', ['-importcert', '-noprompt', '-alias', 'myca', '-file', p('ca.pem'), '-keystore', p('trust.jks'), '-storetype', 'JKS', '-storepass', 'changeit']);
});
afterAll(() => cleanup());

describe('inspect tells formats apart by content, with the fingerprints openssl reports', () => {
  it('a PEM bundle with a BOM, CRLF and prose', async () => {
    const objects = await inspectJson(p('messy.txt'));
    expect(objects.map((o) => o.sha256)).toEqual([await fingerprint('leaf.pem'), await fingerprint('ca.pem')]);
    expect(objects[0]).toMatchObject({ kind: 'certificate', subject: 'CN=interop.example', issuer: 'CN=Interop CA', isCA: false, keyType: 'RSA 2048' });
    expect(objects[0]!.sans).toEqual([{ type: 'dns', value: 'interop.example' }]);
    expect(objects[1]).toMatchObject({ isCA: true });
  });

  it('DER, base64 without armour, and PKCS#7 in PEM and DER', async () => {
    const leaf = await fingerprint('leaf.pem');
    expect((await inspectJson(p('leaf.der')))[0]!.sha256).toBe(leaf);
    expect((await inspectJson(p('bare.b64')))[0]!.sha256).toBe(leaf);
    for (const file of ['chain.p7b', 'chain-der.p7b']) {
      const objects = await inspectJson(p(file));
      expect(objects.map((o) => o.kind)).toEqual(['pkcs7', 'certificate', 'certificate']);
      expect(objects[1]!.sha256).toBe(leaf);
    }
  });

  it('a PFX with its password from an environment variable: key paired with the leaf, never its material', async () => {
    const objects = await inspectJson(p('site.pfx'), '--password-env', 'PFX_PASS');
    expect(objects.map((o) => o.kind)).toEqual(['pkcs12', 'certificate', 'certificate', 'private-key']);
    expect(objects[0]).toMatchObject({ certificateCount: 2, keyCount: 1, integrity: 'HMAC-SHA256, 2048 iterations' });
    expect(objects[3]).toMatchObject({ encrypted: true, matchesCertificateSha256: await fingerprint('leaf.pem') });
    expect(JSON.stringify(objects)).not.toMatch(/PRIVATE KEY|"d":|privateExponent/);
  });

  it('a certificate with its key in one file, a public key, an Ed25519 key and a JKS', async () => {
    const combined = await inspectJson(p('combined.pem'));
    expect(combined.map((o) => o.kind)).toEqual(['certificate', 'private-key']);
    expect(combined[1]).toMatchObject({ encoding: 'pkcs8', encrypted: false, matchesCertificateSha256: combined[0]!.sha256 });
    expect((await inspectJson(p('leaf.pub')))[0]).toMatchObject({ kind: 'public-key', key: { algorithm: 'RSA', bits: 2048 } });
    expect((await inspectJson(p('ed.key')))[0]).toMatchObject({ kind: 'private-key', key: { algorithm: 'Ed25519' } });
    const jks = await inspectJson(p('trust.jks'));
    expect(jks[0]).toMatchObject({ kind: 'keystore', format: 'JKS', entries: [{ alias: 'myca', type: 'trustedCert', certificates: [await fingerprint('ca.pem')] }] });
  });

  it('includes decoded extensions in JSON, and the ASN.1 tree only with --asn1', async () => {
    const [plain] = await inspectJson(p('leaf.der'));
    const detail = plain!.detail as { extensions: { name: string }[]; asn1?: unknown };
    expect(detail.extensions.map((e) => e.name)).toContain('Subject Alternative Name');
    expect(detail.asn1).toBeUndefined();
    const [withTree] = await inspectJson(p('leaf.der'), '--asn1');
    expect((withTree!.detail as { asn1: { tag: string } }).asn1.tag).toBe('SEQUENCE');
  });

  it('prints decoded extensions in text mode', async () => {
    const io = captureIo();
    expect(await runCli(['inspect', p('ca.pem')], io)).toBe(0);
    expect(io.stdout()).toMatch(/Basic Constraints \(critical\)\n\s+CA: true/);
    expect(io.stdout()).toMatch(/Key Usage \(critical\)\n\s+keyCertSign, cRLSign/);
  });
});

describe('bad input: one specific code each, nothing modified', () => {
  it.each([
    ['empty.pem', undefined, 'empty-input'],
    ['truncated.der', undefined, 'truncated'],
    ['badb64.pem', undefined, 'bad-base64'],
    ['garbage.bin', undefined, 'unrecognized-format'],
    ['huge.pem', undefined, 'too-large'],
    ['a-directory', undefined, 'is-directory'],
    ['site.pfx', 'wrong', 'wrong-password'],
    ['site.pfx', undefined, 'password-required'],
    ['nomac.pfx', 'wrong', 'no-mac'],
    ['missing.pem', undefined, 'not-found'],
  ])('%s (password %s) → %s', async (file, password, code) => {
    const before = file === 'a-directory' || file === 'missing.pem' ? '' : createHash('sha256').update(await readFile(p(file))).digest('hex');
    expect(await openCode(file, password)).toBe(code);
    if (before) expect(createHash('sha256').update(await readFile(p(file))).digest('hex')).toBe(before);
  });

  it('the CLI prints one line and exits 2', async () => {
    const io = captureIo();
    expect(await runCli(['inspect', p('site.pfx')], io)).toBe(2);
    expect(io.stderr()).toBe(`certbench: ${p('site.pfx')} needs a password: use --password-file or --password-env\n`);
  });
});
