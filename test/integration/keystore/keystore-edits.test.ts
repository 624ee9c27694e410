import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { nodeHashHex } from '../../../electron/services/inspect/native-hash.js';
import { keystoreService } from '../../helpers/keystore-service-env.js';
import { copyCacerts, entryKeys, keytool, keytoolList, opensslCa, tempDir } from '../../helpers/keystore-tools.js';

const sha = async (path: string) => nodeHashHex('sha256', await readFile(path));

/** Every edit on a JKS cacerts copy, checked afterwards with the real keytool. */
describe('keystore edits through keytool (JKS cacerts copy)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: string;
  let service: KeystoreService;
  let rootPem: string;
  let rootSha: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await copyCacerts(dir);
    service = keystoreService(dir);
    rootPem = await opensslCa(dir, 'root-engine', '/CN=Engine Root CA/O=Certbench Test');
    rootSha = (await service.planImport({ path: store }, await readFile(rootPem), {})).items[0]!.certificate.sha256;
  });
  afterAll(() => cleanup());

  it('imports a root with an alias (cacerts defaults to changeit), lower-cased as keytool stores it', async () => {
    const result = await service.importCertificates({ path: store }, await readFile(rootPem), { alias: 'Root_Engine' });
    expect(result.messages.join()).toContain('Added "root_engine"');
    const oracle = await keytoolList(store);
    expect(oracle.entries.find((e) => e.alias === 'root_engine')?.sha256s).toEqual([rootSha]);
    expect(entryKeys(oracle.entries)).toEqual(entryKeys(result.listing.entries.map((e) => ({ ...e, sha256s: e.certificates.map((c) => c.sha256) }))));
  });

  it('refuses a duplicate alias and a certificate already present, leaving the file byte-identical', async () => {
    const other = await opensslCa(dir, 'other');
    const before = await sha(store);
    await expect(service.importCertificates({ path: store }, await readFile(other), { alias: 'ROOT_ENGINE' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Alias "root_engine" already exists'),
    });
    await expect(service.importCertificates({ path: store }, await readFile(rootPem), { alias: 'another' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('under alias "root_engine"'),
    });
    await expect(service.delete({ path: store, password: 'not-the-password' }, 'root_engine')).rejects.toMatchObject({ code: 'wrong-password' });
    expect(await sha(store)).toBe(before);
  });

  it('replaces on request, then renames and deletes', async () => {
    const other = await opensslCa(dir, 'replacement');
    await service.importCertificates({ path: store }, await readFile(other), { alias: 'root_engine', replace: true });
    await service.rename({ path: store }, 'root_engine', 'engine-renamed');
    let oracle = await keytoolList(store);
    expect(oracle.entries.some((e) => e.alias === 'root_engine')).toBe(false);
    expect(oracle.entries.find((e) => e.alias === 'engine-renamed')?.sha256s).toHaveLength(1);
    await service.delete({ path: store }, 'Engine-Renamed');
    oracle = await keytoolList(store);
    expect(oracle.entries.some((e) => e.alias === 'engine-renamed')).toBe(false);
  });

  it('imports every certificate of a bundle, not just the first', async () => {
    const a = await readFile(await opensslCa(dir, 'bundle-a'), 'utf8');
    const b = await readFile(await opensslCa(dir, 'bundle-b'), 'utf8');
    const result = await service.importCertificates({ path: store }, new TextEncoder().encode(`intro text\n${a}\n${b}`), { alias: 'corp' });
    const aliases = (await keytoolList(store)).entries.map((e) => e.alias);
    expect(aliases).toEqual(expect.arrayContaining(['corp', 'corp-2']));
    expect(result.messages.filter((m) => m.startsWith('Added'))).toHaveLength(2);
  });

  it('stores hostile aliases literally and lower-cased; nothing is executed', async () => {
    const aliases = ['My CA; $(touch PWNED) "x"', "-leading dash `id`", 'ünïcødé Wurzel', "it's & | > out"];
    for (const [i, alias] of aliases.entries()) {
      await service.importCertificates({ path: store }, await readFile(await opensslCa(dir, `hostile-${i}`)), { alias });
    }
    const stored = (await keytoolList(store)).entries.map((e) => e.alias);
    for (const alias of aliases) expect(stored).toContain(alias.toLowerCase());
    expect((await readdir(dir)).some((n) => n.includes('PWNED') || n === 'out')).toBe(false);
    expect((await readdir(process.cwd())).some((n) => n.includes('PWNED'))).toBe(false);
  });

  it('refuses a read-only store with permission-denied naming the path, byte-identical', async () => {
    const before = await sha(store);
    await chmod(store, 0o444);
    try {
      await expect(service.delete({ path: store }, 'corp')).rejects.toMatchObject({ code: 'permission-denied', message: expect.stringContaining(store) });
    } finally {
      await chmod(store, 0o644);
    }
    expect(await sha(store)).toBe(before);
  });

  it('changes the store password, then restores the first backup byte for byte', async () => {
    await service.changePassword({ path: store }, 'n3w-secret');
    expect((await keytoolList(store, 'n3w-secret')).entries.length).toBeGreaterThan(100);
    const backups = await service.listBackups({ path: store, password: 'n3w-secret' });
    const first = backups.at(-1)!;
    expect(first.operation).toBe('import Root_Engine');
    await service.restore(first.id);
    expect(await sha(store)).toBe(first.sha256);
    expect((await keytoolList(store, 'changeit')).entries.some((e) => e.alias === 'root_engine')).toBe(false);
    expect((await service.listBackups()).length).toBe(backups.length + 1);
  });
});

/** keytool's PKCS#12 encrypts its certificates: a restore verifies the backup with the password it was taken under. */
describe('keystore restore of a keytool PKCS#12', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(() => cleanup());

  it('refuses without the store password, leaving the file as it was, and restores with it', async () => {
    const store = join(dir, 'store.p12');
    const made = await keytool(['-importcert', '-noprompt', '-alias', 'p12root', '-file', await opensslCa(dir, 'p12-root'), '-keystore', store, '-storetype', 'PKCS12', '-storepass:env', 'KS_PW'], 'storepass1');
    expect(made.code, made.stderr).toBe(0);
    const service = keystoreService(dir);
    await service.delete({ path: store, password: 'storepass1' }, 'p12root');
    const [backup] = await service.listBackups({ path: store });
    const emptied = await sha(store);
    await expect(service.restore(backup!.id)).rejects.toMatchObject({ code: 'password-required' });
    expect(await sha(store)).toBe(emptied);
    await service.restore(backup!.id, 'storepass1');
    expect(await sha(store)).toBe(backup!.sha256);
    expect((await keytoolList(store, 'storepass1')).entries.map((e) => e.alias)).toEqual(['p12root']);
  });
});
