import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuilt, type Outcome } from '../../helpers/built-cli.js';
import { cleanEnv, keytool, keytoolList, opensslCa, tempDir } from '../../helpers/keystore-tools.js';

const execFileAsync = promisify(execFile);
const PASSWORD = 'storepass1';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * `certbench csr java` through the built CLI with real keytool: keytool's two runs are one keystore
 * edit, so the store changes only as planned and approved, and a refusal or a failure between the
 * runs leaves it byte-identical, with no CSR written and no temp file left beside it.
 */
describe('csr java: a keystore edit with a plan, a backup and nothing lost on failure', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  /** Stores and CSRs live here, so a listing of it shows any file an edit left or wrote. */
  let stores: string;
  let n = 0;
  const fresh = (name: string) => join(stores, `${n++}-${name}`);
  const certbench = (args: string[], extra: NodeJS.ProcessEnv = {}) => runBuilt(args, { ...env, ...extra });
  const csrJava = (store: string, alias: string, out: string, ...more: string[]) =>
    certbench(['csr', 'java', '--keystore', store, '--alias', alias, '--storepass-env', 'STORE_PW', '--subject', 'CN=java.example', '--san', 'dns:www.java.example', '--out', out, ...more]);
  const backups = async (store: string) => JSON.parse((await certbench(['keystore', 'backups', '--keystore', store, '--json'])).stdout).backups as { operation: string; sha256: string }[];

  /** A PKCS#12 store holding one trusted certificate, mode 0640. */
  const storeWithRoot = async () => {
    const store = fresh('app.p12');
    const root = await opensslCa(dir, `root-${n}`);
    expect((await keytool(['-importcert', '-noprompt', '-alias', 'root', '-file', root, '-keystore', store, '-storetype', 'PKCS12', '-storepass:env', 'KS_PW'], PASSWORD)).code).toBe(0);
    await chmod(store, 0o640);
    return store;
  };
  /** The store's bytes and mode, and what else is in its folder: what a failed edit must leave as it was. */
  const snapshot = async (store: string) => ({ bytes: await readFile(store), mode: (await stat(store)).mode, folder: (await readdir(stores)).sort() });
  const refused = (o: Outcome, message: RegExp) => {
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(message);
    expect(o.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  };

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    stores = join(dir, 'stores');
    await mkdir(stores);
    env = cleanEnv({ CERTBENCH_DATA_DIR: join(dir, 'data'), HOME: join(dir, 'home'), STORE_PW: PASSWORD });
  });
  afterAll(() => cleanup());

  it('--yes: the plan names the backup and keytool argv; keytool then lists the new key entry, the CSR carries its key, the old entry stays', async () => {
    const store = await storeWithRoot();
    const before = await readFile(store);
    const out = fresh('web.csr');
    const r = await csrJava(store, 'Web', out, '--yes');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Plan: new key pair "web" in ${store} (PKCS12)`);
    expect(r.stdout).toMatch(/Backup: a copy of .* is saved in .* first \("before: new key pair web"/);
    expect(r.stdout).toMatch(/keytool -genkeypair -keystore <store-copy> .*-storepass:env CERTBENCH_KS_STOREPASS -alias web /);
    expect(r.stdout).not.toContain(PASSWORD);
    expect((await keytoolList(store, PASSWORD)).entries.map((e) => [e.alias, e.entryType])).toEqual([
      ['root', 'trustedCert'],
      ['web', 'privateKey'],
    ]);
    expect((await stat(store)).mode & 0o777).toBe(0o640);
    // The CSR's key is the entry's: openssl's view of both public keys.
    const exported = fresh('web.pem');
    expect((await keytool(['-exportcert', '-rfc', '-alias', 'web', '-file', exported, '-keystore', store, '-storepass:env', 'KS_PW'], PASSWORD)).code).toBe(0);
    const csrKey = (await execFileAsync('openssl', ['req', '-in', out, '-noout', '-verify', '-pubkey'])).stdout;
    const certKey = (await execFileAsync('openssl', ['x509', '-in', exported, '-noout', '-pubkey'])).stdout;
    expect(csrKey).toContain('-----BEGIN PUBLIC KEY-----');
    expect(csrKey.slice(csrKey.indexOf('-----BEGIN'))).toBe(certKey);
    // The backup holds the store as it was.
    expect(await backups(store)).toMatchObject([{ operation: 'new key pair web', sha256: sha256(before) }]);
  });

  it('--dry-run prints the plan and writes nothing: no store change, no CSR, no backup, no new store', async () => {
    const store = await storeWithRoot();
    const was = await snapshot(store);
    const dry = await csrJava(store, 'web', fresh('dry.csr'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('keytool -certreq -keystore <store-copy>');
    expect(dry.stdout).toContain('dry run: nothing was changed');
    expect(await snapshot(store)).toEqual(was);
    expect(await backups(store)).toEqual([]);
    const absent = fresh('new.p12');
    const dryNew = await csrJava(absent, 'web', fresh('dry-new.csr'), '--dry-run', '--json');
    expect(dryNew.code).toBe(0);
    expect(JSON.parse(dryNew.stdout)).toMatchObject({ done: false, plan: { path: absent, storeSha256: null, backup: null } });
    expect((await readdir(stores)).sort()).toEqual(was.folder);
  });

  it('without --yes and without a terminal nothing runs, and the error names --yes', async () => {
    const store = await storeWithRoot();
    const was = await snapshot(store);
    refused(await csrJava(store, 'web', fresh('no.csr')), /^certbench: csr java changes a keystore: .*rerun with --yes/);
    expect(await snapshot(store)).toEqual(was);
  });

  it('a taken alias or a wrong store password is refused before anything is written', async () => {
    const store = await storeWithRoot();
    const was = await snapshot(store);
    refused(await csrJava(store, 'ROOT', fresh('taken.csr'), '--yes'), /^certbench: Alias "root" already exists in .*; choose another alias\n$/);
    const wrong = await certbench(['csr', 'java', '--keystore', store, '--alias', 'web', '--storepass-env', 'BAD', '--subject', 'CN=x.example', '--out', fresh('bad.csr'), '--yes'], { BAD: 'not-the-password' });
    refused(wrong, /^certbench: keystore password was incorrect; check the password given with --storepass-env\n$/);
    expect(await snapshot(store)).toEqual(was);
    expect(await backups(store)).toEqual([]);
  });

  it('a keytool failure after -genkeypair changed the copy leaves the store byte-identical, with no CSR and no temp file', async () => {
    // A JDK whose keytool runs the real one but fails -certreq, as a full disk or a killed JVM would.
    const jdk = join(dir, 'jdk');
    await mkdir(join(jdk, 'bin'), { recursive: true });
    const log = join(dir, 'keytool.log');
    const wrapper = [
      `#!${process.execPath}`,
      "const { spawnSync } = require('node:child_process');",
      "const { appendFileSync } = require('node:fs');",
      'const args = process.argv.slice(2);',
      "if (args.includes('-certreq')) { process.stdout.write('keytool error: java.io.IOException: No space left on device\\n'); process.exit(1); }",
      "const r = spawnSync('keytool', args, { stdio: 'inherit' });",
      `appendFileSync(${JSON.stringify(log)}, args[0] + ' ' + r.status + '\\n');`,
      'process.exit(r.status ?? 1);',
      '',
    ].join('\n');
    await writeFile(join(jdk, 'bin', 'keytool'), wrapper, { mode: 0o755 });
    const store = await storeWithRoot();
    const was = await snapshot(store);
    const failed = await certbench(['csr', 'java', '--keystore', store, '--alias', 'web', '--storepass-env', 'STORE_PW', '--subject', 'CN=java.example', '--out', fresh('failed.csr'), '--yes'], { JAVA_HOME: jdk });
    expect(await readFile(log, 'utf8')).toBe('-genkeypair 0\n');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('certbench: keytool: No space left on device\n');
    expect(await snapshot(store)).toEqual(was);
    // The backup was taken first, as for every edit; the store never needed it.
    expect(await backups(store)).toMatchObject([{ operation: 'new key pair web', sha256: sha256(was.bytes) }]);
    expect((await keytoolList(store, PASSWORD)).entries.map((e) => e.alias)).toEqual(['root']);
  });
});
