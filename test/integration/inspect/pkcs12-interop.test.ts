import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPemOrDerBundle } from '../../../shared/pki/cert-scan.js';
import { readTlv } from '../../../shared/pki/der-reader.js';
import { readPfx } from '../../../electron/services/pkcs12/read-pfx.js';
import { WorkBudget } from '../../../electron/services/pkcs12/work-budget.js';
import { writePfx } from '../../../electron/services/pkcs12/write-pfx.js';
import { errorCodeOfAsync } from '../../helpers/error-code.js';
import { makeOpensslChain, tempDir, tool } from '../../helpers/inspect-openssl.js';

let dir: string;
let cleanup: () => Promise<void>;
let leafDer: Uint8Array;
let caDer: Uint8Array;

const sha256Of = (der: Uint8Array) => new X509Certificate(der).fingerprint256.replace(/:/g, '').toLowerCase();

async function opensslExport(name: string, extra: string[]): Promise<Uint8Array> {
  await tool('openssl', ['pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-certfile', 'ca.pem', '-out', name, '-name', 'my leaf', ...extra], dir);
  return new Uint8Array(await readFile(join(dir, name)));
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('pkcs12'));
  await makeOpensslChain(dir);
  leafDer = scanPemOrDerBundle(await readFile(join(dir, 'leaf.pem')))[0]!.der;
  caDer = scanPemOrDerBundle(await readFile(join(dir, 'ca.pem')))[0]!.der;
});
afterAll(() => cleanup());

describe('readPfx reads what openssl writes', () => {
  const variants: [string, string[], string][] = [
    ['modern (OpenSSL 3 default)', ['-passout', 'pass:secret'], 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)'],
    ['legacy 3DES', ['-passout', 'pass:secret', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], 'pbeWithSHA1And3-KeyTripleDES-CBC'],
    ['RC2-40 certificates (-legacy)', ['-passout', 'pass:secret', '-legacy'], 'pbeWithSHA1And40BitRC2-CBC'],
  ];
  for (const [name, args, certProtection] of variants) {
    it(name, async () => {
      const pfx = await opensslExport(`${name.replace(/\W+/g, '-')}.p12`, args);
      const read = await readPfx(pfx, 'secret');
      expect(read.certificates.map((c) => sha256Of(c.der))).toEqual([sha256Of(leafDer), sha256Of(caDer)]);
      expect(read.certificates[0]!.friendlyName).toBe('my leaf');
      expect(read.encryption.certificates[0]).toContain(certProtection);
      expect(read.keys).toHaveLength(1);
      expect(read.keys[0]!.certificateIndex).toBe(0);
      const pem = await readFile(join(dir, 'leaf.key'), 'utf8');
      expect(read.keys[0]!.key.equals(createPrivateKey(pem))).toBe(true);
      expect(read.integrity.kind).toBe('mac');
      expect(await errorCodeOfAsync(() => readPfx(pfx, 'nope'))).toBe('wrong-password');
      expect(await errorCodeOfAsync(() => readPfx(pfx))).toBe('password-required');
    });
  }

  it('tells a PFX without MAC apart from a wrong password', async () => {
    const pfx = await opensslExport('nomac.p12', ['-passout', 'pass:secret', '-nomac']);
    expect((await readPfx(pfx, 'secret')).integrity).toEqual({ kind: 'none' });
    expect(await errorCodeOfAsync(() => readPfx(pfx, 'nope'))).toBe('no-mac');
  });

  it('opens an empty-password PFX without asking and says which form opened it', async () => {
    const pfx = await opensslExport('empty.p12', ['-passout', 'pass:']);
    expect((await readPfx(pfx)).password).toBe('empty');
    expect((await readPfx(pfx, '')).keys).toHaveLength(1);
  });

  it('reads BER with indefinite lengths, as Windows writes PFX files', async () => {
    const der = await opensslExport('ber-source.p12', ['-passout', 'pass:secret']);
    const indefinite = (tlv: { body: number; end: number }, tag: number) => Uint8Array.of(tag, 0x80, ...der.subarray(tlv.body, tlv.end), 0, 0);
    const outer = readTlv(der, 0, der.length);
    const version = readTlv(der, outer.body, outer.end);
    const authSafe = readTlv(der, version.end, outer.end);
    const ber = Uint8Array.of(0x30, 0x80, ...der.subarray(version.start, version.end), ...indefinite(authSafe, 0x30), ...der.subarray(authSafe.end, outer.end), 0, 0);
    const read = await readPfx(ber, 'secret');
    expect(read.certificates.map((c) => sha256Of(c.der))).toEqual([sha256Of(leafDer), sha256Of(caDer)]);
    expect(read.integrity.kind).toBe('mac');
  });

  it('opens an unprotected PFX (no encryption, no MAC) without a password', async () => {
    const pfx = await opensslExport('open.p12', ['-passout', 'pass:', '-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac']);
    const read = await readPfx(pfx);
    expect(read.integrity).toEqual({ kind: 'none' });
    expect(read.encryption).toEqual({ certificates: ['none'], keys: ['none'] });
    expect(read.keys).toHaveLength(1);
  });

  it('opens a CA-only PFX (no key, unencrypted certificates)', async () => {
    await tool('openssl', ['pkcs12', '-export', '-nokeys', '-in', 'ca.pem', '-out', 'ca-only.p12', '-passout', 'pass:x', '-certpbe', 'NONE'], dir);
    const read = await readPfx(new Uint8Array(await readFile(join(dir, 'ca-only.p12'))), 'x');
    expect(read.keys).toHaveLength(0);
    expect(read.certificates).toHaveLength(1);
    expect(read.encryption.certificates).toEqual(['none']);
  });

  it('opens a file of 600,000 iterations (MAC, certificates and key) within one file budget', async () => {
    const pfx = await opensslExport('iter600k.p12', ['-passout', 'pass:secret', '-iter', '600000']);
    // A clock that stands still: this is about the iteration budget, not how loaded the machine is.
    const read = await readPfx(pfx, 'secret', { budget: WorkBudget.forRequest({ now: () => 0 }) });
    expect(read.integrity).toMatchObject({ kind: 'mac', iterations: 600_000 });
    expect(read.keys).toHaveLength(1);
  });

  it('reports a damaged file as damaged, not as a wrong password', async () => {
    const pfx = await opensslExport('damaged.p12', ['-passout', 'pass:secret']);
    expect(await errorCodeOfAsync(() => readPfx(pfx.subarray(0, pfx.length - 40), 'secret'))).toBe('truncated');
    expect(await errorCodeOfAsync(() => readPfx(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x07), 'secret'))).toBe('unsupported');
  });
});

describe('writePfx output is read by openssl 3 without -legacy', () => {
  for (const profile of ['modern', 'legacy'] as const) {
    it(profile, async () => {
      const key = createPrivateKey(await readFile(join(dir, 'leaf.key'), 'utf8'));
      const pfx = await writePfx({ certificates: [leafDer, caDer], privateKey: key, password: 'p@ss wörd', profile, friendlyName: 'exported' });
      const path = join(dir, `certbench-${profile}.p12`);
      await writeFile(path, pfx);
      const info = await tool('openssl', ['pkcs12', '-in', path, '-info', '-noout', '-passin', 'pass:p@ss wörd']);
      const out = info.stdout + info.stderr;
      const pbe = profile === 'modern' ? 'PBES2, PBKDF2, AES-256-CBC' : 'pbeWithSHA1And3-KeyTripleDES-CBC';
      expect(out).toMatch(profile === 'modern' ? /MAC: sha256/ : /MAC: sha1,/);
      expect(out).toContain(`PKCS7 Encrypted data: ${pbe}`);
      expect(out).toContain(`Shrouded Keybag: ${pbe}`);
      const { stdout } = await tool('openssl', ['pkcs12', '-in', path, '-nodes', '-passin', 'pass:p@ss wörd']);
      expect(stdout).toContain('friendlyName: exported');
      expect(scanPemOrDerBundle(new TextEncoder().encode(stdout)).map((s) => s.sha256)).toEqual([sha256Of(leafDer), sha256Of(caDer)]);
      expect(createPrivateKey(stdout).equals(key)).toBe(true);
    });
  }

  it('keytool lists the legacy PFX with its chain', async () => {
    const key = createPrivateKey(await readFile(join(dir, 'leaf.key'), 'utf8'));
    const path = join(dir, 'for-keytool.p12');
    await writeFile(path, await writePfx({ certificates: [leafDer, caDer], privateKey: key, password: 'changeit', profile: 'legacy', friendlyName: 'web' }));
    const { stdout } = await tool('keytool', ['-list', '-v', '-keystore', path, '-storetype', 'PKCS12', '-storepass', 'changeit']);
    expect(stdout).toMatch(/Alias name: web/);
    expect(stdout).toMatch(/Certificate chain length: 2/);
    expect(stdout.toLowerCase().replace(/:/g, '')).toContain(sha256Of(leafDer));
  });

  it('refuses a key that does not match the leaf', async () => {
    const other = createPrivateKey(await readFile(join(dir, 'ca.key'), 'utf8'));
    expect(await errorCodeOfAsync(() => writePfx({ certificates: [leafDer], privateKey: other, password: 'x', profile: 'modern' }))).toBe('key-mismatch');
  });
});
