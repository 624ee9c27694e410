import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHierarchy, type Hierarchy } from '../../helpers/chain-pki.js';
import { cleanEnv, copyCacerts, keytoolList } from '../../helpers/keystore-tools.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built CLI, as `npm test` builds it (split, minified CommonJS chunks run through the launcher's
 * code cache, here in a temp dir): the in-process CLI tests cover the commands' logic, these cover what bundling can
 * break — module order (the reflect-metadata polyfill before tsyringe), lazily loaded services, TLS
 * and crypto in a chunk, minified names — on each command family, run twice so the second run
 * goes through the cache the first one wrote.
 */
describe('bundled CLI, one command per family', () => {
  let dir: string;
  let pki: Hierarchy;
  let server: Server;
  let port: number;
  const env = () => cleanEnv({ CERTBENCH_DATA_DIR: join(dir, 'data'), CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') });
  const certbench = async (...args: string[]): Promise<Outcome> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: env() });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  // The second run must print what the first did; only the time of a verification may differ.
  const timeless = (o: Outcome) => ({ ...o, stdout: o.stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME') });
  const twice = async (...args: string[]): Promise<Outcome> => {
    const first = await certbench(...args);
    const second = await certbench(...args);
    expect(timeless(second)).toEqual(timeless(first));
    return second;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-bundle-'));
    pki = await makeHierarchy({ prefix: 'Bundle Test' });
    for (const [name, cert] of Object.entries(pki)) await writeFile(join(dir, `${name}.pem`), cert.pem);
    server = createServer({ key: pki.leaf.keyPem, cert: pki.leaf.pem + pki.intermediate.pem }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  });
  afterAll(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('inspect: a certificate as JSON', async () => {
    const { code, stdout } = await twice('inspect', join(dir, 'leaf.pem'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).objects[0]).toMatchObject({ kind: 'certificate', subject: 'CN=localhost' });
  });

  it('chain verify: trusted with the intermediate, exit 1 and the missing intermediate named without it', async () => {
    const trust = `pem:${join(dir, 'root.pem')}`;
    const ok = await twice('chain', 'verify', join(dir, 'leaf.pem'), join(dir, 'intermediate.pem'), '--host', 'localhost', '--trust', trust, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).trusted).toBe(true);
    const missing = await certbench('chain', 'verify', join(dir, 'leaf.pem'), '--trust', trust);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Bundle Test Intermediate');
  });

  it('chain fetch: the chain a loopback server sends, verified', async () => {
    const { code, stdout } = await twice('chain', 'fetch', `127.0.0.1:${port}`, '--sni', 'localhost', '--trust', `pem:${join(dir, 'root.pem')}`, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.trusted).toBe(true);
    expect(report.presented).toHaveLength(2);
  });

  it('csr new: a key and a CSR that openssl verifies', async () => {
    const out = join(dir, 'app.csr');
    const args = ['csr', 'new', '--subject', 'CN=app.example', '--san', 'dns:app.example', '--san', 'ip:10.0.0.5', '--type', 'ec-p256'];
    const { code } = await certbench(...args, '--out-key', join(dir, 'app.key'), '--no-encrypt', '--out', out);
    expect(code).toBe(0);
    expect((await certbench(...args, '--out-key', join(dir, 'app2.key'), '--no-encrypt', '--out', join(dir, 'app2.csr'))).code).toBe(0);
    const { stdout, stderr } = await run('openssl', ['req', '-in', out, '-noout', '-verify', '-text'], { env: env() });
    expect(`${stdout}${stderr}`).toMatch(/verify OK/i);
    expect(stdout).toContain('IP Address:10.0.0.5');
  });

  it('keystore list: the same aliases keytool lists', async () => {
    const store = await copyCacerts(dir);
    const { code, stdout } = await twice('keystore', 'list', '--keystore', store, '--json');
    expect(code).toBe(0);
    const listing = JSON.parse(stdout);
    const fromKeytool = await keytoolList(store);
    expect(listing.entries.map((e: { alias: string }) => e.alias).sort()).toEqual(fromKeytool.entries.map((e) => e.alias).sort());
  });

  it('trust list: a PEM bundle store', async () => {
    const { code, stdout } = await twice('trust', 'list', '--store', `pem:${join(dir, 'root.pem')}`, '--json');
    expect(code).toBe(0);
    expect(JSON.stringify(JSON.parse(stdout))).toContain('Bundle Test Root');
  });

  it('usage errors: one line on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await certbench('chain', 'fetch');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('keeps a code cache per build and per command family', async () => {
    const builds = await readdir(join(dir, 'code-cache'));
    expect(builds).toHaveLength(1);
    expect((await readdir(join(dir, 'code-cache', builds[0]!))).sort()).toEqual(['chain', 'csr', 'inspect', 'keystore', 'trust']);
  });

  it('every chunk loads on its own in a fresh process: no chunk relies on another having set up globals first', async () => {
    const dir = new URL('../../../dist/cli/', import.meta.url).pathname;
    // The entry runs the CLI and the launcher runs the entry; every other chunk is a module.
    const chunks = (await readdir(dir)).filter((f) => f.endsWith('.cjs') && f !== 'certbench.cjs' && f !== 'launch.cjs');
    expect(chunks.length).toBeGreaterThan(10);
    const failed: string[] = [];
    for (const chunk of chunks) {
      await run(process.execPath, ['-e', `require(${JSON.stringify(join(dir, chunk))})`], { env: cleanEnv({}) }).catch((err: { stderr: string }) =>
        failed.push(`${chunk}: ${err.stderr.split('\n').find((l) => /Error/.test(l)) ?? err.stderr}`),
      );
    }
    expect(failed).toEqual([]);
  });
});
