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

  it('add without a terminal and without --yes runs nothing and names --yes (exit 2)', async () => {
    const db = join(world.root, 'nssdb');
    const r = await cli(['trust', 'add', pki.rootPath, '--store', `nss:${db}`, '--label', 'CLI Root']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Add ${sha} to nss:${db}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/rerun with --yes/);
    expect(existsSync(db)).toBe(false);
  });

  it('add --yes then list --json on an NSS db shows the nickname and trust flags', async () => {
    const db = join(world.root, 'nssdb');
    const added = await cli(['trust', 'add', pki.rootPath, '--store', `nss:${db}`, '--label', 'CLI Root', '--yes']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`done: added to nss:${db} and confirmed by re-listing`);
    const r = await cli(['trust', 'list', '--store', `nss:${db}`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      store: `nss:${db}`,
      certificates: [
        {
          sha256: sha,
          subject: 'CN=Certbench Test Root',
          subjectRfc4514: 'CN=Certbench Test Root',
          notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          role: 'root',
          trust: 'trusted',
          trustText: 'C,,',
          label: 'CLI Root',
        },
      ],
    });
    const text = await cli(['trust', 'list', '--store', `nss:${db}`]);
    expect(text.stdout).toMatch(/trusted C,,\s+CN=Certbench Test Root  \[CLI Root\]/);
  });

  it('a mistyped NSS path cannot be read and says why (exit 2), no "0 certificate(s)"', async () => {
    const r = await cli(['trust', 'list', '--store', `nss:${join(world.root, 'typo')}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be read: .*no NSS database at/);
  });

  it('linux store in the sandbox tree: add, verify, where, remove --sha256', async () => {
    expect((await cli(['trust', 'add', pki.rootPath, '--store', 'linux', '--yes'])).code).toBe(0);
    const verify = () =>
      spawnSync('openssl', ['verify', '-no-CAfile', '-no-CAstore', '-CApath', join(world.linuxRoot, 'etc/ssl/certs'), pki.leafPath], { env: cleanEnv() }).status;
    expect(verify()).toBe(0);
    const where = await cli(['trust', 'where', pki.rootPath, '--store', `nss:${join(world.root, 'nssdb')}`, '--json']);
    expect(where.code).toBe(0);
    const rows = (JSON.parse(where.stdout) as { rows: { store: { id: string }; state: string }[] }).rows;
    expect(rows.find((r) => r.store.id === 'linux')?.state).toBe('present');
    expect(rows.find((r) => r.store.id === `nss:${join(world.root, 'nssdb')}`)?.state).toBe('present');
    const removed = await cli(['trust', 'remove', '--sha256', sha.toUpperCase().match(/../g)!.join(':'), '--store', 'linux', '--yes']);
    expect(removed.stdout).toContain('--fresh');
    expect(removed.code).toBe(0);
    expect(verify()).toBe(2);
  });

  it('pem bundle: where --add-missing fills the gaps, then where by --sha256', async () => {
    const bundle = join(world.root, 'ca-bundle.crt');
    writeFileSync(bundle, dist.rootPem);
    const unapproved = await cli(['trust', 'where', pki.rootPath, '--store', `pem:${bundle}`, '--add-missing']);
    expect(unapproved.code).toBe(2);
    expect(unapproved.stdout).toContain(`Add ${sha} to pem:${bundle}`);
    expect(readFileSync(bundle, 'utf8')).toBe(dist.rootPem);
    const r = await cli(['trust', 'where', pki.rootPath, '--store', `pem:${bundle}`, '--add-missing', '--yes', '--json']);
    const results = (JSON.parse(r.stdout) as { results: { storeId: string; outcome: string }[] }).results;
    expect(results.find((x) => x.storeId === `pem:${bundle}`)?.outcome).toBe('done');
    expect(results.find((x) => x.storeId === 'linux')?.outcome).toBe('done');
    expect(readFileSync(bundle, 'utf8')).toContain(`sha256:${sha}`);
    const bySha = await cli(['trust', 'where', '--sha256', sha, '--store', `pem:${bundle}`]);
    expect(bySha.stdout).toMatch(new RegExp(`present\\s+pem:${bundle.replace(/[/.]/g, '\\$&')}`));
    expect(bySha.code).toBe(0);
  });

  it.each([
    [['trust', 'list', '--store', 'bogus'], /Unknown store "bogus"/],
    [['trust', 'list', '--store', 'windows-machine-root'], /only its plans can be previewed/],
    [['trust', 'add', '/nonexistent/ca.pem', '--store', 'pem:/tmp/x.pem'], /does not exist/],
    [['trust', 'remove', '--store', 'pem:/tmp/x.pem', '--sha256', 'abc'], /not a SHA-256 fingerprint/],
    [['trust', 'remove', '--store', 'pem:/tmp/x.pem'], /give a certificate FILE or --sha256/],
  ])('bad input %j: exit 2 and one line on stderr', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a file of several certificates plans each one, with the warning', async () => {
    const two = join(world.root, 'two.pem');
    writeFileSync(two, pki.rootPem + dist.rootPem);
    const target = join(world.root, 'other.pem');
    const r = await cli(['trust', 'add', two, '--store', `pem:${target}`, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/holds 2 certificates: each is planned on its own/);
    expect(r.stdout.match(/^done: added to /gm)).toHaveLength(2);
    expect(readFileSync(target, 'utf8')).toContain(`sha256:${sha}`);
  });

  it('a PFX without a password adds its CA certificates, never the server certificate', async () => {
    const pfx = join(world.root, 'server.pfx');
    const made = spawnSync(
      'openssl',
      ['pkcs12', '-export', '-in', pki.leafPath, '-inkey', join(pki.dir, 'leaf.key'), '-certfile', pki.rootPath, '-passout', 'pass:', '-out', pfx],
      { env: cleanEnv() },
    );
    expect(made.status).toBe(0);
    const target = join(world.root, 'from-pfx.pem');
    const r = await cli(['trust', 'add', pfx, '--store', `pem:${target}`, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/PKCS#12 \(PFX\): its 1 CA certificate\(s\) are planned; its 1 server certificate/);
    expect(r.stdout).toContain(`Add ${sha} to pem:${target}`);
    const locked = join(world.root, 'locked.pfx');
    spawnSync('openssl', ['pkcs12', '-export', '-in', pki.rootPath, '-nokeys', '-passout', 'pass:secret', '-out', locked], { env: cleanEnv() });
    const refused = await cli(['trust', 'add', locked, '--store', `pem:${target}`, '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/password-protected PKCS#12 \(PFX\).*certbench convert/);
  });

  it('--dry-run shows Windows and macOS plans on Linux, labelled for their OS', async () => {
    const win = await cli(['trust', 'add', pki.rootPath, '--store', 'windows-machine-root', '--dry-run']);
    expect(win.code).toBe(0);
    expect(win.stdout).toContain('steps for Windows');
    expect(win.stdout).toContain('$ certutil.exe -f -addstore Root certificate.cer');
    const mac = await cli(['trust', 'add', pki.rootPath, '--store', 'macos-system', '--yes']);
    expect(mac.code).toBe(0);
    expect(mac.stdout).toContain('add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain certificate.pem');
    expect(mac.stdout).toContain('a plan for another OS');
    const rhel = await cli(['trust', 'add', pki.rootPath, '--store', 'linux-rhel', '--dry-run']);
    expect(rhel.stdout).toContain('update-ca-trust extract');
    expect(rhel.stdout).toMatch(/also: update-ca-trust extract also rewrites .*java\/cacerts/);
  });

  it('help names every store id from the one list, java: included, and says what happens', async () => {
    const r = await cli(['trust', 'add', '--help']);
    for (const id of ['windows-machine-root', 'linux-debian', 'linux-rhel', 'nss:DIR', 'pem:FILE', 'java:CACERTS']) expect(r.stdout).toContain(id);
    expect(r.stdout).toMatch(/--yes/);
    expect(r.stdout).toMatch(/asks y\/N on a terminal/);
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
