import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeystore } from '../../../electron/services/keystore/keystore-reader.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/keystore');
const TYPES: Record<string, string> = { trustedCertEntry: 'trustedCert', PrivateKeyEntry: 'privateKey', SecretKeyEntry: 'secretKey' };

interface Fixture {
  file: string;
  store_password: string | null;
  keytool: { ok: boolean; entries?: { alias: string; type: string; certs_sha256: string[] }[] };
}
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { keystores: Fixture[] };
const bytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));

describe('readKeystore on pyjks stores (keytool -list -v as oracle)', () => {
  for (const store of manifest.keystores.filter((s) => s.keytool.ok)) {
    it(`${store.file} equals keytool's view`, async () => {
      const got = await readKeystore(bytes(store.file), store.store_password ?? undefined);
      const want = (store.keytool.entries ?? []).map((e) => `${e.alias}|${TYPES[e.type]}|${e.certs_sha256.join(',')}`).sort();
      expect(got.entries.map((e) => `${e.alias}|${e.entryType}|${e.certificates.map((c) => c.sha256).join(',')}`)).toEqual(want);
      expect(got.integrity).toBe(store.store_password === null ? 'unverified' : 'verified');
    });
  }

  it('keeps the last entry of a duplicated alias, like keytool, and warns', async () => {
    const got = await readKeystore(bytes('duplicate_aliases.jks'), '12345678');
    expect(got.entries).toHaveLength(1);
    expect(got.warnings.join()).toMatch(/appears more than once/);
  });

  it('hashes a non-ASCII store password as UTF-16BE', async () => {
    await expect(readKeystore(bytes('non_ascii_password.jks'), 'ლ(ಠ益ಠლ)')).resolves.toMatchObject({ integrity: 'verified' });
    await expect(readKeystore(bytes('non_ascii_password.jks'), 'wrong')).rejects.toMatchObject({ code: 'wrong-password' });
  });

  it('rejects a JCEKS secret key that is not a sealed key, as keytool does', async () => {
    await expect(readKeystore(bytes('unknown_type_of_sealed_object.jceks'), '12345678')).rejects.toMatchObject({ code: 'parse' });
  });
});

describe('readKeystore on malformed input', () => {
  const jks = bytes('3certs.jks');

  it('gives a specific error for each kind of damage', async () => {
    await expect(readKeystore(new Uint8Array(0))).rejects.toMatchObject({ code: 'empty-input' });
    await expect(readKeystore(new TextEncoder().encode('hello, not a keystore'))).rejects.toMatchObject({ code: 'unrecognized-format' });
    await expect(readKeystore(jks.subarray(0, 500))).rejects.toMatchObject({ code: 'truncated' });
    await expect(readKeystore(jks.subarray(0, 10))).rejects.toMatchObject({ code: 'truncated' });
    const flipped = jks.slice();
    flipped[200] = flipped[200]! ^ 0xff;
    await expect(readKeystore(flipped, '12345678')).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(readKeystore(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]))).rejects.toMatchObject({ code: 'unsupported' });
    await expect(readKeystore(new Uint8Array([0x30, 0x82, 0xff]))).rejects.toMatchObject({ code: 'truncated' });
  });

  it('never throws anything but a CertbenchError on random corruption', async () => {
    for (let i = 0; i < 300; i++) {
      const damaged = jks.slice(0, 12 + ((i * 37) % (jks.length - 12)));
      damaged[(i * 101) % damaged.length] = (i * 7) & 0xff;
      await readKeystore(damaged).then(
        () => undefined,
        (err: { name?: string }) => expect(err.name).toBe('CertbenchError'),
      );
    }
  });
});
