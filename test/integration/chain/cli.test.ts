import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import type { CliIo } from '../../../electron/cli/cli-io.js';
import { basicHierarchy, issue, type TestCert } from '../../helpers/chain-certs.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { startChainServer, startFileServer, type ChainServer } from '../../helpers/chain-servers.js';
import { issueCert } from '../../helpers/chain-pki.js';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';

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

  it('fetch --out saves what the server sent, in its order; JSON carries PEM, SHA-1 and SHA-256 per certificate; https:// URLs are targets', async () => {
    const io = capture();
    const out = join(t.dir, 'presented.pem');
    const code = await runCli(['chain', 'fetch', `https://${good.target}/some/path?q=1`, '--sni', 'localhost', '--trust', `pem:${rootFile}`, '--out', out, '--json'], io);
    expect(code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(certs.leaf.pem + certs.inter.pem);
    const json = JSON.parse(io.stdout);
    expect(json.presented[0]).toMatchObject({ pem: certs.leaf.pem, sha1: expect.stringMatching(/^[0-9a-f]{40}$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(json.headline).toEqual(['openssl']);
    expect(json.clients.map((c: { client: string }) => c.client)).toEqual(['openssl', 'gnutls', 'java', 'nss', 'chromium', 'windows', 'macos']);
  });

  it('--client picks whose verdict makes the headline and exit code (expired trusted root: Java accepts, OpenSSL refuses)', async () => {
    const root = await issueCert({ name: 'CLI Expired Root', notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const inter = await issueCert({ name: 'CLI Intermediate', issuer: root, ca: true });
    const leaf = await issueCert({ name: 'localhost', issuer: inter, dns: ['localhost'] });
    const server = await startChainServer(leaf, [inter]);
    const trust = `pem:${await t.writePem('expired-root.pem', [root])}`;
    try {
      const openssl = capture();
      expect(await runCli(['chain', 'fetch', server.target, '--sni', 'localhost', '--trust', trust], openssl)).toBe(1);
      expect(openssl.stdout).toMatch(/Trusted: no \(OpenSSL default verification\)/);
      const java = capture();
      expect(await runCli(['chain', 'fetch', server.target, '--sni', 'localhost', '--trust', trust, '--client', 'java', '--json'], java)).toBe(0);
      expect(JSON.parse(java.stdout)).toMatchObject({ trusted: true, headline: ['java'] });
      const bad = capture();
      expect(await runCli(['chain', 'fetch', server.target, '--client', 'netscape'], bad)).toBe(2);
      expect(bad.stderr).toMatch(/--client "netscape" is not a client family/);
    } finally {
      await server.close();
    }
  });

  it('verify --aia and fetch give the same verdict and exit code for an AIA-only intermediate', async () => {
    const files = await startFileServer({ '/inter.cer': certs.inter.der });
    const leaf = await issue({ name: 'localhost', issuer: certs.inter, dns: ['localhost'], aiaCaIssuers: `${files.base}/inter.cer` });
    const server = await startChainServer(leaf, []);
    const leafFile = await t.writePem('aia-leaf.pem', [leaf]);
    try {
      const fetched = capture();
      const verified = capture();
      const fetchCode = await runCli(['chain', 'fetch', server.target, '--sni', 'localhost', '--trust', `pem:${rootFile}`, '--aia', '--json'], fetched);
      const verifyCode = await runCli(['chain', 'verify', leafFile, '--host', 'localhost', '--trust', `pem:${rootFile}`, '--aia', '--json'], verified);
      expect([fetchCode, verifyCode]).toEqual([1, 1]);
      const verdicts = (io: { stdout: string }) => JSON.parse(io.stdout).clients.map((c: { client: string; trusted: boolean }) => `${c.client}:${c.trusted}`);
      expect(verdicts(verified)).toEqual(verdicts(fetched));
      expect(JSON.parse(verified.stdout).diagnoses[0]).toMatchObject({ code: 'missing-intermediate', severity: 'error' });
      expect(await runCli(['chain', 'verify', leafFile, '--host', 'localhost', '--trust', `pem:${rootFile}`, '--aia', '--client', 'chromium'], capture())).toBe(0);
    } finally {
      await server.close();
      await files.close();
    }
  });

  it('a port that speaks plain HTTP gets its own sentence, not OpenSSL\'s "wrong version number"', async () => {
    const http = createServer((_req, res) => res.end('hello'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      const io = capture();
      expect(await runCli(['chain', 'fetch', `127.0.0.1:${(http.address() as AddressInfo).port}`, '--trust', `pem:${rootFile}`], io)).toBe(2);
      expect(io.stderr).toMatch(/does not speak TLS: it answered in plain HTTP/);
      expect(io.stderr).not.toMatch(/wrong version number/);
    } finally {
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    }
  });

  it('a server that never answers the handshake times out in its own sentence', async () => {
    // It reads nothing, so it never sees the client's FIN: its sockets are destroyed by hand.
    const accepted: Socket[] = [];
    const silent = createNetServer((socket) => void accepted.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const io = capture();
      expect(await runCli(['chain', 'fetch', `127.0.0.1:${(silent.address() as AddressInfo).port}`, '--timeout', '300', '--trust', `pem:${rootFile}`], io)).toBe(2);
      expect(io.stderr).toMatch(/Timed out: no answer within 300 ms during TLS handshake/);
    } finally {
      accepted.forEach((socket) => socket.destroy());
      await new Promise((r) => silent.close(r));
    }
  });
});
