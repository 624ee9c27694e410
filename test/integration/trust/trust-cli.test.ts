import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { captureIo } from '../../helpers/capture-io.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { makeTrustWorld, pointProcessEnvAt, type TrustWorld } from '../../helpers/trust-env.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('certbench trust (temp stores only)', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  let dist: TrustPki;
  let sha: string;
  const saved = { ...process.env };

  beforeAll(() => {
    dist = makeTrustPki('Distribution Root');
    world = makeTrustWorld({ distributionPem: dist.rootPem });
    pki = makeTrustPki();
    sha = sha256Hex(pki.rootDer);
    for (const key of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'JAVA_HOME']) delete process.env[key];
    pointProcessEnvAt(world);
  });
  afterAll(() => {
    process.env = saved;
    world.cleanup();
    removePki(pki);
    removePki(dist);
  });

  it('add --dry-run prints the exact plan and changes nothing', async () => {
    const db = join(world.root, 'nssdb');
    const r = await cli(['trust', 'add', pki.rootPath, '--store', `nss:${db}`, '--label', 'CLI Root', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Add ${sha} to nss:${db}`);
    expect(r.stdout).toContain(`$ certutil -A -d sql:${db} -t C,, -n 'CLI Root' -i `);
    expect(r.stdout).toContain('dry run: nothing was changed');
    expect(existsSync(db)).toBe(false);
  });

  it('add then list --json on an NSS db', async () => {
    const db = join(world.root, 'nssdb');
    expect((await cli(['trust', 'add', pki.rootPath, '--store', `nss:${db}`, '--label', 'CLI Root'])).code).toBe(0);
    const r = await cli(['trust', 'list', '--store', `nss:${db}`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      store: `nss:${db}`,
      certificates: [{ sha256: sha, subject: 'CN=Certbench Test Root', notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
    });
  });

  it('linux store in the sandbox tree: add, verify, where, remove --sha256', async () => {
    expect((await cli(['trust', 'add', pki.rootPath, '--store', 'linux'])).code).toBe(0);
    const verify = () =>
      spawnSync('openssl', ['verify', '-no-CAfile', '-no-CAstore', '-CApath', join(world.linuxRoot, 'etc/ssl/certs'), pki.leafPath], { env: cleanEnv() }).status;
    expect(verify()).toBe(0);
    const where = await cli(['trust', 'where', pki.rootPath, '--store', `nss:${join(world.root, 'nssdb')}`, '--json']);
    expect(where.code).toBe(0);
    const rows = (JSON.parse(where.stdout) as { rows: { store: { id: string }; state: string }[] }).rows;
    expect(rows.find((r) => r.store.id === 'linux')?.state).toBe('present');
    expect(rows.find((r) => r.store.id === `nss:${join(world.root, 'nssdb')}`)?.state).toBe('present');
    const removed = await cli(['trust', 'remove', '--sha256', sha.toUpperCase().match(/../g)!.join(':'), '--store', 'linux']);
    expect(removed.stdout).toContain('--fresh');
    expect(removed.code).toBe(0);
    expect(verify()).toBe(2);
  });

  it('pem bundle: where --add-missing fills the gaps, then where by --sha256', async () => {
    const bundle = join(world.root, 'ca-bundle.crt');
    writeFileSync(bundle, dist.rootPem);
    const r = await cli(['trust', 'where', pki.rootPath, '--store', `pem:${bundle}`, '--add-missing', '--json']);
    const results = (JSON.parse(r.stdout) as { results: { store: { id: string }; outcome: string }[] }).results;
    expect(results.find((x) => x.store.id === `pem:${bundle}`)?.outcome).toBe('added');
    expect(results.find((x) => x.store.id === 'linux')?.outcome).toBe('added');
    expect(readFileSync(bundle, 'utf8')).toContain(`sha256:${sha}`);
    const bySha = await cli(['trust', 'where', '--sha256', sha, '--store', `pem:${bundle}`]);
    expect(bySha.stdout).toMatch(new RegExp(`present\\s+pem:${bundle.replace(/[/.]/g, '\\$&')}`));
    expect(bySha.code).toBe(0);
  });

  it.each([
    [['trust', 'list', '--store', 'bogus'], /Unknown store "bogus"/],
    [['trust', 'list', '--store', 'windows-machine-root'], /exists only on Windows/],
    [['trust', 'add', '/nonexistent/ca.pem', '--store', 'pem:/tmp/x.pem'], /does not exist/],
    [['trust', 'remove', '--store', 'pem:/tmp/x.pem', '--sha256', 'abc'], /not a SHA-256 fingerprint/],
    [['trust', 'remove', '--store', 'pem:/tmp/x.pem'], /give a certificate FILE or --sha256/],
  ])('bad input %j: exit 2 and one line on stderr', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bundle of several certificates (nothing unexpected gets trusted)', async () => {
    const two = join(world.root, 'two.pem');
    writeFileSync(two, pki.rootPem + dist.rootPem);
    const r = await cli(['trust', 'add', two, '--store', `pem:${join(world.root, 'other.pem')}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds 2 certificates/);
    expect(existsSync(join(world.root, 'other.pem'))).toBe(false);
  });
});

describe('certbench trust stores --remember', () => {
  let world: TrustWorld;
  const saved = { ...process.env };

  beforeAll(() => {
    world = makeTrustWorld();
    pointProcessEnvAt(world);
  });
  afterAll(() => {
    process.env = saved;
    world.cleanup();
  });

  it('keeps a PEM bundle in the store list and the trust map from then on', async () => {
    const bundle = join(world.root, 'appliance-bundle.crt');
    const r = await cli(['trust', 'stores', '--remember', `pem:${bundle}`, '--json']);
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout) as { stores: { id: string }[] }).stores.map((s) => s.id);
    expect(ids).toContain(`pem:${bundle}`);
    expect(ids).toContain('linux');
    expect(JSON.parse(readFileSync(join(world.env.dataDir, 'trust-stores.json'), 'utf8'))).toEqual({ pemBundles: [bundle], nssDatabases: [] });
    const again = await cli(['trust', 'stores', '--remember', 'linux']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/Only nss:DIR and pem:FILE/);
  });
});
