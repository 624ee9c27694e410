import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readKeystore } from '../../../electron/services/keystore/keystore-reader.js';
import { copyCacerts, entryKeys, keytool, keytoolList, tempDir } from '../../helpers/keystore-tools.js';

/** The native reader against the real keytool on copies of the JDK cacerts, in the three formats JDKs ship. */
describe('native keystore read equals keytool -list -v', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let jks: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    jks = await copyCacerts(dir);
  });
  afterAll(() => cleanup());

  async function expectSameAsKeytool(path: string, password: string | undefined, keytoolPassword = password ?? 'changeit') {
    const native = await readKeystore(path, password);
    const oracle = await keytoolList(path, keytoolPassword);
    expect(native.type).toBe(oracle.type);
    expect(entryKeys(native.entries.map((e) => ({ ...e, sha256s: e.certificates.map((c) => c.sha256) })))).toEqual(entryKeys(oracle.entries));
    return native;
  }

  it('reads the JKS cacerts copy and verifies its keyed SHA-1 with changeit', async () => {
    const store = await expectSameAsKeytool(jks, 'changeit');
    expect(store.integrity).toBe('verified');
    expect(store.entries.length).toBeGreaterThan(100);
    await expect(readKeystore(jks, 'wrong-password')).rejects.toMatchObject({ code: 'wrong-password' });
  });

  it('reads a PKCS#12 made by keytool and checks its MAC', async () => {
    const p12 = join(dir, 'cacerts.p12');
    const made = await keytool(['-importkeystore', '-noprompt', '-srckeystore', jks, '-srcstorepass:env', 'KS_PW', '-destkeystore', p12,
      '-deststoretype', 'PKCS12', '-deststorepass:env', 'KS_PW']);
    expect(made.code).toBe(0);
    const store = await expectSameAsKeytool(p12, 'changeit');
    expect(store.integrity).toBe('verified');
    await expect(readKeystore(p12, 'wrong-password')).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(readKeystore(p12)).rejects.toMatchObject({ code: 'password-required' });
  });

  it('reads a password-less PKCS#12 (JDK 18+ cacerts style) with any password', async () => {
    const p12 = join(dir, 'nomac.p12');
    const made = await keytool(['-J-Dkeystore.pkcs12.macAlgorithm=NONE', '-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE', '-importkeystore',
      '-noprompt', '-srckeystore', jks, '-srcstorepass:env', 'KS_PW', '-destkeystore', p12, '-deststoretype', 'PKCS12', '-deststorepass:env', 'KS_PW']);
    expect(made.code).toBe(0);
    const store = await expectSameAsKeytool(p12, 'anything', 'whatever');
    expect(store.integrity).toBe('no-mac');
    expect((await readKeystore(p12)).entries.length).toBe(store.entries.length);
  });
});
