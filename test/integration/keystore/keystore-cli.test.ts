import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/program.js';
import { nodeHashHex } from '../../../electron/services/inspect/native-hash.js';
import { captureIo } from '../../helpers/capture-io.js';
import { cleanEnv, copyCacerts, keytoolList, opensslCa, tempDir } from '../../helpers/keystore-tools.js';

/** `certbench keystore …` in-process: exit codes, one-line errors, secrets from env/file, JSON shapes. */
describe('certbench keystore CLI', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: string;
  let pem: string;
  const savedDataDir = process.env.CERTBENCH_DATA_DIR;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await copyCacerts(dir, 'truststore.jks');
    pem = await opensslCa(dir, 'cli-root');
    process.env.CERTBENCH_DATA_DIR = join(dir, 'data');
  });
  afterAll(async () => {
    if (savedDataDir === undefined) delete process.env.CERTBENCH_DATA_DIR;
    else process.env.CERTBENCH_DATA_DIR = savedDataDir;
    await cleanup();
  });

  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const io = captureIo(cleanEnv(env));
    const code = await runCli(['keystore', ...args], io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  };

  it('imports with the password from an env var, then refuses a duplicate alias with exit 2 and one line', async () => {
    const ok = await cli(['import', pem, '--keystore', store, '--storepass-env', 'KS', '--alias', 'CLI Root', '--json'], { KS: 'changeit' });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ path: store, messages: [expect.stringContaining('Added "cli root"')] });
    const before = nodeHashHex('sha256', await readFile(store));
    const dup = await cli(['import', pem, '--keystore', store, '--storepass-env', 'KS', '--alias', 'cli root'], { KS: 'changeit' });
    expect(dup.code).toBe(2);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toContain('Already in the store under alias "cli root"');
    expect(nodeHashHex('sha256', await readFile(store))).toBe(before);
  });

  it('reads passwords from files, renames, and reports usage errors on stderr with exit 2', async () => {
    await writeFile(join(dir, 'pw.txt'), 'changeit\n');
    const renamed = await cli(['rename', '--keystore', store, '--storepass-file', join(dir, 'pw.txt'), '--alias', 'cli root', '--new-alias', 'cli-renamed']);
    expect(renamed.code).toBe(0);
    expect((await keytoolList(store)).entries.some((e) => e.alias === 'cli-renamed')).toBe(true);
    const noStore = await cli(['list']);
    expect(noStore).toMatchObject({ code: 2, stderr: 'certbench: Give exactly one of --keystore PATH or --jdk HOME\n' });
    const wrong = await cli(['delete', '--keystore', store, '--storepass-env', 'KS', '--alias', 'cli-renamed'], { KS: 'wrong-password' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/password was incorrect/);
  });

  it('addresses a JDK by --jdk HOME: its cacerts, default password changeit, its own keytool', async () => {
    const home = join(dir, 'jdk-17-fake');
    await mkdir(join(home, 'lib', 'security'), { recursive: true });
    await mkdir(join(home, 'bin'));
    await symlink('/usr/bin/keytool', join(home, 'bin', 'keytool'));
    const cacerts = await copyCacerts(join(home, 'lib', 'security'));
    const imported = await cli(['import', pem, '--jdk', home, '--alias', 'jdk-root']);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const listed = JSON.parse((await cli(['list', '--jdk', home, '--json'])).stdout) as { type: string; entries: Record<string, unknown>[] };
    expect(listed.type).toBe('JKS');
    const entry = listed.entries.find((e) => e.alias === 'jdk-root');
    expect(Object.keys(entry!).sort()).toEqual(['alias', 'daysLeft', 'entryType', 'expiry', 'notAfter', 'notBefore', 'sha256', 'subject', 'subjectRfc4514']);
    expect(entry).toMatchObject({ entryType: 'trustedCert', subject: 'CN=cli-root, O=Certbench Keystore Test', subjectRfc4514: 'O=Certbench Keystore Test,CN=cli-root', notAfter: expect.stringMatching(/^20\d\d-/) });
    expect(entry!.daysLeft).toBe(Math.floor((Date.parse(entry!.notAfter as string) - Date.now()) / 86_400_000));
    expect(entry!.expiry).toBe((entry!.daysLeft as number) < 60 ? 'soon' : 'ok');
    expect((await keytoolList(cacerts)).entries.some((e) => e.alias === 'jdk-root')).toBe(true);
  });

  it('lists backups and prints jdks as JSON', async () => {
    const backups = await cli(['backups', '--keystore', store, '--json']);
    expect(JSON.parse(backups.stdout).backups.map((b: { operation: string }) => b.operation)).toEqual(['rename cli root to cli-renamed', 'import CLI Root']);
    const jdks = await cli(['jdks', '--json']);
    expect(jdks.code).toBe(0);
    expect(JSON.parse(jdks.stdout).cacerts.length).toBeGreaterThan(0);
  });
});
