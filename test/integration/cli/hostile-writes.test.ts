import { execFile, execFileSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { captureIo } from '../../helpers/capture-io.js';
import { makeHierarchy, type Hierarchy } from '../../helpers/chain-pki.js';
import { cleanEnv, copyCacerts, keytoolList, opensslCa } from '../../helpers/keystore-tools.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
const NOBODY = 65534;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Every writer of the built CLI, run as root against planted symlinks, a nobody-owned 0600 file
 * and outputs that fail half-way (issue 16.2), and the failure sentences of 16.5. Only temp dirs.
 */
describe.runIf(process.getuid?.() === 0)('built CLI writers as root: no redirection, modes and owners kept, nothing half-written', () => {
  let dir: string;
  let pki: Hierarchy;
  const p = (...names: string[]) => join(dir, ...names);
  const certbench = async (...args: string[]): Promise<Outcome> => {
    const env = cleanEnv({ CERTBENCH_DATA_DIR: p('data'), CERTBENCH_CODE_CACHE_DIR: p('code-cache'), HOME: p('home'), KS: 'changeit', PASS: 'secret-pass' });
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  /** A file owned by nobody, mode 0600, as an admin's private material would be. */
  const nobodyFile = async (path: string, content: string | Uint8Array) => {
    await writeFile(path, content);
    await chmod(path, 0o600);
    await chown(path, NOBODY, NOBODY);
  };
  const owner = async (path: string) => {
    const s = await stat(path);
    return { mode: (s.mode & 0o777).toString(8), uid: s.uid, gid: s.gid };
  };
  const oneLine = (o: Outcome) => ({ code: o.code, lines: o.stderr.trim().split('\n').length, internal: /internal error/i.test(o.stderr) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-hostile-writes-'));
    await mkdir(p('home'));
    pki = await makeHierarchy({ prefix: 'Hostile Writes' });
    for (const [name, cert] of Object.entries(pki)) {
      await writeFile(p(`${name}.pem`), cert.pem);
      await writeFile(p(`${name}.key`), cert.keyPem);
    }
    execFileSync('openssl', ['pkcs12', '-export', '-in', p('leaf.pem'), '-inkey', p('leaf.key'), '-certfile', p('intermediate.pem'), '-out', p('site.pfx'), '-passout', 'pass:changeit'], {
      env: cleanEnv(),
    });
    await writeFile(p('victim'), 'unrelated secret');
    await chmod(p('victim'), 0o600);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('convert PFX → PEM: an existing .key stops it before the .pem is written', async () => {
    await writeFile(p('out1.key'), 'already here');
    const r = await certbench('convert', p('site.pfx'), '--to', 'pem', '--out', p('out1.pem'), '--password-env', 'KS', '--unencrypted-key');
    expect(oneLine(r)).toEqual({ code: 2, lines: 1, internal: false });
    expect(r.stderr).toContain(`${p('out1.key')} already exists`);
    await expect(lstat(p('out1.pem'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(p('out1.key'), 'utf8')).toBe('already here');
  });

  it('convert: a symlink at --out is refused and the file it points to is untouched', async () => {
    await symlink(p('victim'), p('link.der'));
    const r = await certbench('convert', p('leaf.pem'), '--to', 'der', '--out', p('link.der'), '--overwrite');
    expect(oneLine(r)).toEqual({ code: 2, lines: 1, internal: false });
    expect(r.stderr).toContain('is a symbolic link');
    expect(await readFile(p('victim'), 'utf8')).toBe('unrelated secret');
  });

  it('convert over a nobody-owned 0600 file keeps its mode and owner', async () => {
    await nobodyFile(p('theirs.pem'), 'old');
    expect((await certbench('convert', p('leaf.pem'), '--to', 'pem', '--out', p('theirs.pem'), '--overwrite')).code).toBe(0);
    expect(await owner(p('theirs.pem'))).toEqual({ mode: '600', uid: NOBODY, gid: NOBODY });
    expect(await readFile(p('theirs.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('failure sentences: 300-character --out, missing directory, FIFO and device inputs', async () => {
    const long = await certbench('convert', p('leaf.pem'), '--to', 'der', '--out', p('x'.repeat(300)));
    expect(oneLine(long)).toEqual({ code: 2, lines: 1, internal: false });
    expect(long.stderr).toContain('300 bytes long');
    const missing = await certbench('convert', p('leaf.pem'), '--to', 'der', '--out', p('no-such-dir', 'leaf.der'));
    expect(missing.stderr).toContain(`directory ${p('no-such-dir')} does not exist: create it, or give --out a path in an existing directory`);
    execFileSync('mkfifo', [p('pipe.pem')]);
    const fifo = await certbench('inspect', p('pipe.pem'));
    expect(oneLine(fifo)).toEqual({ code: 2, lines: 1, internal: false });
    expect(fifo.stderr).toContain(`${p('pipe.pem')} is a FIFO (named pipe), not a file`);
    const device = await certbench('inspect', '/dev/zero');
    expect(device.stderr).toContain('/dev/zero is a device, not a file');
    const bundleFifo = await certbench('trust', 'list', '--store', `pem:${p('pipe.pem')}`);
    expect(bundleFifo.stderr).toContain(`${p('pipe.pem')} is a FIFO (named pipe), not a PEM bundle file`);
    const keystoreFifo = await certbench('keystore', 'list', '--keystore', p('pipe.pem'), '--storepass-env', 'KS');
    expect(keystoreFifo.stderr).toContain('is a FIFO (named pipe), not a file');
  });

  it('a DER CRL where a certificate is expected: "a CRL, not a certificate", as openssl tells it', async () => {
    await mkdir(p('crl-ca'));
    await writeFile(p('crl-ca', 'index.txt'), '');
    await writeFile(p('crl-ca', 'crlnumber'), '01\n');
    const conf = ['[ca]', 'default_ca = d', '[d]', `database = ${p('crl-ca', 'index.txt')}`, `crlnumber = ${p('crl-ca', 'crlnumber')}`, 'default_md = sha256', 'default_crl_days = 3', ''];
    await writeFile(p('crl-ca', 'ca.cnf'), conf.join('\n'));
    execFileSync('openssl', ['ca', '-gencrl', '-config', p('crl-ca', 'ca.cnf'), '-keyfile', p('root.key'), '-cert', p('root.pem'), '-out', p('crl.pem')], { env: cleanEnv(), stdio: 'ignore' });
    execFileSync('openssl', ['crl', '-in', p('crl.pem'), '-outform', 'DER', '-out', p('revoked.der')], { env: cleanEnv() });
    // The oracle: openssl reads it as a CRL and refuses it as a certificate.
    expect(() => execFileSync('openssl', ['crl', '-in', p('revoked.der'), '-inform', 'DER', '-noout'], { env: cleanEnv(), stdio: 'ignore' })).not.toThrow();
    expect(() => execFileSync('openssl', ['x509', '-in', p('revoked.der'), '-inform', 'DER', '-noout'], { env: cleanEnv(), stdio: 'ignore' })).toThrow();
    for (const args of [['inspect', p('revoked.der')], ['convert', p('revoked.der'), '--to', 'pem'], ['chain', 'verify', p('revoked.der')]]) {
      const r = await certbench(...args);
      expect(oneLine(r), args.join(' ')).toEqual({ code: 2, lines: 1, internal: false });
      expect(r.stderr).toContain('revoked.der is a CRL (certificate revocation list), not a certificate');
    }
  });

  it('bundle --out-dir: an existing key.pem stops it before fullchain/chain/cert are written', async () => {
    await mkdir(p('bundle-out'));
    await writeFile(p('bundle-out', 'key.pem'), 'already here');
    const r = await certbench('bundle', '--cert', p('leaf.pem'), '--key', p('leaf.key'), '--chain', p('intermediate.pem'), '--out-dir', p('bundle-out'), '--passphrase-env', 'PASS');
    expect(oneLine(r)).toEqual({ code: 2, lines: 1, internal: false });
    expect(await readdir(p('bundle-out'))).toEqual(['key.pem']);
    expect((await certbench('bundle', '--cert', p('leaf.pem'), '--key', p('leaf.key'), '--chain', p('intermediate.pem'), '--out-dir', p('bundle-out'), '--passphrase-env', 'PASS', '--overwrite')).code).toBe(0);
    expect((await readdir(p('bundle-out'))).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'key.pem']);
    expect((await stat(p('bundle-out', 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('trust add --store pem:FILE keeps the bundle nobody-owned 0600 and writes nothing through planted links', async () => {
    await mkdir(p('shared'));
    const bundle = p('shared', 'bundle.pem');
    await nobodyFile(bundle, pki.root.pem);
    // Every temp name a writer could guess, planted as a link to an unrelated 0600 file.
    for (let pid = process.pid; pid < process.pid + 2000; pid++) await symlink(p('victim'), `${bundle}.certbench-${pid}.tmp`);
    const r = await certbench('trust', 'add', p('intermediate.pem'), '--store', `pem:${bundle}`, '--yes');
    expect(r).toMatchObject({ code: 0 });
    expect(await readFile(p('victim'), 'utf8')).toBe('unrelated secret');
    expect(await owner(bundle)).toEqual({ mode: '600', uid: NOBODY, gid: NOBODY });
    expect(await readFile(bundle, 'utf8')).toContain(pki.intermediate.pem.trim());
    await symlink(p('victim'), p('shared', 'link.pem'));
    const link = await certbench('trust', 'add', p('intermediate.pem'), '--store', `pem:${p('shared', 'link.pem')}`, '--yes');
    expect(oneLine(link)).toEqual({ code: 2, lines: 1, internal: false });
    expect(await readFile(p('victim'), 'utf8')).toBe('unrelated secret');
  });

  // In-process: the built CLI's `trust export` stops before writing on a bundling fault (tsyringe
  // loaded before its reflect polyfill), which is outside this test's subject.
  it('trust export --out refuses a planted link and keeps a replaced file’s mode and owner', async () => {
    const inProcess = async (...args: string[]) => {
      const io = captureIo({});
      const code = await runCli(args, io);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    };
    await symlink(p('victim'), p('export-link.sh'));
    const r = await inProcess('trust', 'export', p('root.pem'), '--format', 'shell', '--out', p('export-link.sh'));
    expect(oneLine(r)).toEqual({ code: 2, lines: 1, internal: false });
    expect(await readFile(p('victim'), 'utf8')).toBe('unrelated secret');
    await nobodyFile(p('export.sh'), 'old');
    expect((await inProcess('trust', 'export', p('root.pem'), '--format', 'shell', '--out', p('export.sh'))).code).toBe(0);
    expect(await owner(p('export.sh'))).toEqual({ mode: '600', uid: NOBODY, gid: NOBODY });
    expect(await readFile(p('export.sh'), 'utf8')).not.toBe('old');
  });

  it('keystore convert keeps a nobody-owned 0600 key store so, in place and with --out', async () => {
    await nobodyFile(p('keys.p12'), await readFile(p('site.pfx')));
    const inPlace = await certbench('keystore', 'convert', '--keystore', p('keys.p12'), '--storepass-env', 'KS', '--to', 'JKS', '--out', p('keys.p12'));
    expect(inPlace).toMatchObject({ code: 0 });
    expect((await keytoolList(p('keys.p12'))).type).toBe('JKS');
    expect(await owner(p('keys.p12'))).toEqual({ mode: '600', uid: NOBODY, gid: NOBODY });
    expect((await certbench('keystore', 'convert', '--keystore', p('keys.p12'), '--storepass-env', 'KS', '--to', 'PKCS12', '--out', p('copy.p12'))).code).toBe(0);
    expect((await owner(p('copy.p12'))).mode).toBe('600');
    const exists = await certbench('keystore', 'convert', '--keystore', p('keys.p12'), '--storepass-env', 'KS', '--to', 'PKCS12', '--out', p('copy.p12'));
    expect(oneLine(exists)).toEqual({ code: 2, lines: 1, internal: false });
    expect(await (await readdir(dir)).filter((n) => n.startsWith('.certbench-'))).toEqual([]);
  });

  it('keystore edits keep mode and owner of the store', async () => {
    const store = await copyCacerts(dir, 'edit-cacerts');
    await chmod(store, 0o640);
    await chown(store, NOBODY, NOBODY);
    const ca = await opensslCa(dir, 'hostile-edit');
    expect((await certbench('keystore', 'import', ca, '--keystore', store, '--storepass-env', 'KS', '--alias', 'hostile-edit')).code).toBe(0);
    expect((await keytoolList(store)).entries.some((e) => e.alias === 'hostile-edit')).toBe(true);
    expect(await owner(store)).toEqual({ mode: '640', uid: NOBODY, gid: NOBODY });
  });

  it('key and CSR outputs: no write through a link, a replaced key keeps its owner, a CSR pair is all or nothing', async () => {
    await symlink(p('victim'), p('key-link.pem'));
    const linked = await certbench('key', 'new', '--out', p('key-link.pem'), '--overwrite', '--passphrase-env', 'PASS');
    expect(oneLine(linked)).toEqual({ code: 2, lines: 1, internal: false });
    expect(await readFile(p('victim'), 'utf8')).toBe('unrelated secret');
    await nobodyFile(p('their.key'), 'old key');
    expect((await certbench('key', 'new', '--out', p('their.key'), '--overwrite', '--passphrase-env', 'PASS')).code).toBe(0);
    expect(await owner(p('their.key'))).toEqual({ mode: '600', uid: NOBODY, gid: NOBODY });
    await writeFile(p('req.csr'), 'already here');
    const csr = await certbench('csr', 'new', '--subject', 'CN=hostile.example', '--type', 'ec-p256', '--out-key', p('req.key'), '--out', p('req.csr'), '--passphrase-env', 'PASS');
    expect(oneLine(csr)).toEqual({ code: 2, lines: 1, internal: false });
    await expect(lstat(p('req.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
