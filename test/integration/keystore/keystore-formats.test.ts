import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { readKeystore } from '../../../electron/services/keystore/keystore-reader.js';
import { keystoreService } from '../../helpers/keystore-service-env.js';
import { cleanEnv, entryKeys, keytool, keytoolList, opensslCa, tempDir } from '../../helpers/keystore-tools.js';

const run = promisify(execFile);

/** PKCS#12 and password-less PKCS#12 stores made by keytool; PFX key pairs; JKS ↔ PKCS12 conversion. */
describe('keystore formats round-trip with keytool', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let service: KeystoreService;
  let ca: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    service = keystoreService(dir);
    ca = await opensslCa(dir, 'format-ca');
  });
  afterAll(() => cleanup());

  async function storeWithOneCert(name: string, props: string[] = []): Promise<string> {
    const path = join(dir, name);
    const made = await keytool([...props, '-importcert', '-noprompt', '-alias', 'first', '-file', ca, '-keystore', path, '-storetype', 'PKCS12',
      '-storepass:env', 'KS_PW'], 'secret123');
    expect(made.code).toBe(0);
    return path;
  }

  it('imports into and deletes from a PKCS#12 store (MAC kept)', async () => {
    const path = await storeWithOneCert('trust.p12');
    const other = await opensslCa(dir, 'p12-second');
    await service.importCertificates({ path, password: 'secret123' }, await readFile(other), { alias: 'Second' });
    let oracle = await keytoolList(path, 'secret123');
    expect(oracle.entries.map((e) => e.alias).sort()).toEqual(['first', 'second']);
    await service.delete({ path, password: 'secret123' }, 'first');
    oracle = await keytoolList(path, 'secret123');
    expect(oracle.entries.map((e) => e.alias)).toEqual(['second']);
    expect((await readKeystore(path, 'secret123')).integrity).toBe('verified');
  });

  it('edits a password-less PKCS#12 with any password; it stays MAC-less and has no password to change', async () => {
    const path = await storeWithOneCert('nomac.p12', ['-J-Dkeystore.pkcs12.macAlgorithm=NONE', '-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE']);
    expect((await readKeystore(path)).integrity).toBe('no-mac');
    await service.importCertificates({ path, password: 'any-password' }, await readFile(await opensslCa(dir, 'nomac-second')), { alias: 'second' });
    expect((await readKeystore(path)).integrity).toBe('no-mac');
    expect(entryKeys((await keytoolList(path, 'other-password')).entries)).toHaveLength(2);
    await expect(service.changePassword({ path, password: 'x' }, 'newpassword')).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('imports a key pair from an OpenSSL PFX into a JKS store and converts the store to PKCS12', async () => {
    const jks = join(dir, 'keys.jks');
    expect((await keytool(['-importcert', '-noprompt', '-alias', 'ca', '-file', ca, '-keystore', jks, '-storetype', 'JKS', '-storepass:env', 'KS_PW'], 'storepass1')).code).toBe(0);
    const pfx = join(dir, 'server.pfx');
    await run('openssl', ['pkcs12', '-export', '-in', ca, '-inkey', join(dir, 'format-ca.key'), '-name', 'Server Key', '-out', pfx, '-passout', 'pass:pfxpass1'], { env: cleanEnv() });
    await service.importKeyPair({ path: jks, password: 'storepass1' }, await readFile(pfx), { pfxPassword: 'pfxpass1', alias: 'tls-server' });
    const oracle = await keytoolList(jks, 'storepass1');
    expect(oracle.entries.find((e) => e.alias === 'tls-server')?.entryType).toBe('privateKey');
    await expect(service.importKeyPair({ path: jks, password: 'storepass1' }, await readFile(pfx), { pfxPassword: 'wrong-pass' })).rejects.toMatchObject({ code: 'wrong-password' });

    const p12 = join(dir, 'keys.p12');
    const converted = await service.convert({ path: jks, password: 'storepass1' }, { type: 'PKCS12', destination: p12 });
    expect(converted.listing.type).toBe('PKCS12');
    const after = await keytoolList(p12, 'storepass1');
    expect(after.type).toBe('PKCS12');
    expect(entryKeys(after.entries)).toEqual(entryKeys(oracle.entries));
    await expect(service.convert({ path: jks, password: 'storepass1' }, { type: 'PKCS12', destination: p12 })).rejects.toMatchObject({ code: 'conflict' });

    const inPlace = await service.convert({ path: p12, password: 'storepass1' }, { type: 'JKS', destination: p12 });
    expect(inPlace.backupId).toBeDefined();
    const back = await keytoolList(p12, 'storepass1');
    expect(back.type).toBe('JKS');
    expect(entryKeys(back.entries)).toEqual(entryKeys(oracle.entries));
  });
});
