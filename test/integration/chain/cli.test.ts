import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import type { CliIo } from '../../../electron/cli/cli-io.js';
import { basicHierarchy, issue, type TestCert } from '../../helpers/chain-certs.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { startChainServer, type ChainServer } from '../../helpers/chain-servers.js';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s),
    err: (s: string) => void (io.stderr += s),
    stderrIsTty: false,
    stdinIsTty: false,
    env: {},
  };
  return io;
}

describe('certbench chain (CLI twin, real loopback server)', () => {
  let t: ChainTestEnv;
  let certs: { root: TestCert; inter: TestCert; leaf: TestCert };
  let good: ChainServer;
  let rootFile: string;

  beforeAll(async () => {
    t = await makeChainTestEnv();
    certs = await basicHierarchy();
    rootFile = await t.writePem('root.pem', [certs.root]);
    good = await startChainServer(certs.leaf, [certs.inter]);
  });
  afterAll(async () => {
    await good.close();
    await t.cleanup();
  });

  it('fetch --json prints presented, paths, trusted, diagnoses and exits 0 when trusted', async () => {
    const io = capture();
    const code = await runCli(['chain', 'fetch', good.target, '--sni', 'localhost', '--trust', `pem:${rootFile}`, '--json'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out.trusted).toBe(true);
    expect(out.presented.map((c: { subject: string }) => c.subject)).toEqual(['CN=localhost', 'CN=Certbench Test Intermediate']);
    expect(out.paths[0].certificates).toHaveLength(3);
    expect(out.diagnoses).toEqual([]);
  });

  it('fetch exits 1 with a diagnosis and its fix when the name does not match', async () => {
    const io = capture();
    const code = await runCli(['chain', 'fetch', good.target, '--sni', 'wrong.example', '--trust', `pem:${rootFile}`, '--json'], io);
    expect(code).toBe(1);
    const d = JSON.parse(io.stdout).diagnoses.find((x: { code: string }) => x.code === 'hostname-mismatch');
    expect(d).toMatchObject({ severity: 'error' });
    expect(typeof d.fix).toBe('string');
  });

  it('verify takes files in any order, checks --host and prints a readable tree', async () => {
    const files = [await t.writePem('inter.pem', [certs.inter]), await t.writePem('leaf.pem', [certs.leaf])];
    const io = capture();
    const code = await runCli(['chain', 'verify', ...files, '--host', 'localhost', '--trust', `pem:${rootFile}`], io);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/Path 1: trusted/);
    expect(io.stdout).toMatch(/CN=Certbench Test Root\n\s+└─ CN=Certbench Test Intermediate\n\s+└─ CN=localhost/);
  });

  it('verify --at in the past finds the certificates not yet valid', async () => {
    const io = capture();
    const code = await runCli(['chain', 'verify', await t.writePem('c.pem', [certs.leaf, certs.inter]), '--trust', `pem:${rootFile}`, '--at', '2001-01-01T00:00:00Z', '--json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.stdout).diagnoses.map((d: { code: string }) => d.code)).toContain('not-yet-valid');
  });

  it('input and connection errors exit 2 with one line and no stack', async () => {
    for (const argv of [
      ['chain', 'fetch', 'bad host!', '--trust', `pem:${rootFile}`],
      ['chain', 'fetch', '127.0.0.1:1', '--trust', `pem:${rootFile}`],
      ['chain', 'fetch', good.target, '--trust', `pem:${rootFile}`, '--at', 'yesterday'],
      ['chain', 'verify', `${t.dir}/missing.pem`, '--trust', `pem:${rootFile}`],
      ['chain', 'verify', rootFile, '--trust', `pem:${t.dir}/nothing-here`],
    ]) {
      const io = capture();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
      expect(io.stderr).toMatch(/^certbench: /);
      expect(io.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a self-signed server through the CLI is explained in plain words', async () => {
    const self = await issue({ name: 'localhost', ca: false, dns: ['localhost'] });
    const s = await startChainServer(self, []);
    const io = capture();
    expect(await runCli(['chain', 'fetch', s.target, '--sni', 'localhost', '--trust', `pem:${rootFile}`], io)).toBe(1);
    expect(io.stdout).toMatch(/\[error\] self-signed-leaf: "localhost" is self-signed/);
    await s.close();
  });
});
