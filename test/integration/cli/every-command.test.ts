import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { leafCommands, runBuilt, type Outcome } from '../../helpers/built-cli.js';
import { makeHierarchy, type Hierarchy } from '../../helpers/chain-pki.js';
import { cleanEnv, keytool, keytoolList } from '../../helpers/keystore-tools.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { LINUX_STORE_ROOT_ENV } from '../../../electron/services/trust-stores/linux-layout.js';

const execFileAsync = promisify(execFile);

/** What a case gets: the built CLI in this test's temp world, and that world's files. */
interface World {
  readonly dir: string;
  readonly pki: Hierarchy;
  readonly port: number;
  /** root.pem, intermediate.pem, leaf.pem, leaf.key, root.key, app.csr; storepass and newpass (password files). */
  file(name: string): string;
  /** A fresh keystore (PKCS#12 unless asked for JKS; password in `storepass`) holding the test root as alias "root". */
  keystore(type?: 'PKCS12' | 'JKS'): Promise<string>;
  certbench(...args: string[]): Promise<Outcome>;
}

const ok = (o: Outcome): Outcome => {
  expect(o.stderr.replace(/^certbench: warning: .*\n/gm, ''), o.stderr).toBe('');
  expect(o.code).toBe(0);
  return o;
};
const json = (o: Outcome) => JSON.parse(ok(o).stdout);
let fresh = 0;
const out = (w: World, name: string) => join(w.dir, `${fresh++}-${name}`);

/**
 * One entry per leaf command of the CLI (`certbench <words>`): adding a command to the program
 * without an entry here fails the first test. A case runs its command through bin/certbench.cjs
 * with realistic input and checks the answer, where it can, against a real tool.
 */
const CASES: Record<string, (w: World) => Promise<void>> = {
  inspect: async (w) => {
    const { objects } = json(await w.certbench('inspect', w.file('leaf.pem'), w.file('leaf.key'), '--json'));
    expect(objects.map((o: { kind: string }) => o.kind)).toEqual(['certificate', 'private-key']);
  },
  convert: async (w) => {
    const der = out(w, 'leaf.der');
    ok(await w.certbench('convert', w.file('leaf.pem'), '--to', 'der', '--out', der));
    const { stdout } = await execFileAsync('openssl', ['x509', '-inform', 'DER', '-in', der, '-noout', '-subject']);
    expect(stdout).toContain('CN = localhost');
  },
  'key new': async (w) => {
    const key = out(w, 'new.key');
    ok(await w.certbench('key', 'new', '--type', 'rsa-2048', '--out', key, '--passphrase-file', w.file('storepass')));
    await execFileAsync('openssl', ['pkey', '-in', key, '-passin', `file:${w.file('storepass')}`, '-noout']);
  },
  'csr new': async (w) => {
    const csr = out(w, 'app.csr');
    ok(await w.certbench('csr', 'new', '--subject', 'CN=app.example', '--san', 'dns:app.example', '--type', 'ec-p256', '--out-key', out(w, 'app.key'), '--no-encrypt', '--out', csr));
    const { stdout, stderr } = await execFileAsync('openssl', ['req', '-in', csr, '-noout', '-verify', '-text']);
    expect(`${stdout}${stderr}`).toMatch(/verify OK/i);
  },
  'csr renew': async (w) => {
    const csr = out(w, 'renew.csr');
    // --key reuses the leaf's key: the renewal keeps subject and SANs and asks for no passphrase.
    ok(await w.certbench('csr', 'renew', '--from', w.file('leaf.pem'), '--key', w.file('leaf.key'), '--out', csr));
    const { stdout, stderr } = await execFileAsync('openssl', ['req', '-in', csr, '-noout', '-verify', '-subject']);
    expect(`${stdout}${stderr}`).toMatch(/verify OK/i);
    const { stdout: leafSubject } = await execFileAsync('openssl', ['x509', '-in', w.file('leaf.pem'), '-noout', '-subject']);
    expect(stdout.trim()).toBe(leafSubject.trim());
  },
  scan: async (w) => {
    const { findings } = json(await w.certbench('scan', w.file('leaf.pem'), '--expiring-within', '1h', '--json'));
    expect(findings.map((f: { sha256: string }) => f.sha256)).toEqual([sha256Hex(w.pki.leaf.der)]);
  },
  'csr java': async (w) => {
    const store = out(w, 'java.p12');
    const csr = out(w, 'java.csr');
    ok(await w.certbench('csr', 'java', '--keystore', store, '--alias', 'web', '--storepass-file', w.file('storepass'), '--subject', 'CN=java.example', '--san', 'dns:java.example', '--out', csr, '--yes'));
    expect((await keytoolList(store, 'storepass1')).entries.map((e) => e.alias)).toEqual(['web']);
    await execFileAsync('openssl', ['req', '-in', csr, '-noout', '-verify']);
  },
  'cert self-signed': async (w) => {
    const cert = out(w, 'self.pem');
    ok(await w.certbench('cert', 'self-signed', '--subject', 'CN=self.example', '--type', 'ec-p256', '--out-key', out(w, 'self.key'), '--no-encrypt', '--out', cert));
    const { stdout } = await execFileAsync('openssl', ['verify', '-CAfile', cert, cert]);
    expect(stdout).toContain('OK');
  },
  'ca new': async (w) => {
    const ca = out(w, 'ca.pem');
    const { subject } = json(await w.certbench('ca', 'new', '--subject', 'CN=Lab CA,O=Example', '--type', 'ec-p256', '--out-key', out(w, 'ca.key'), '--no-encrypt', '--out', ca, '--json'));
    expect(subject).toContain('CN=Lab CA');
    const { stdout } = await execFileAsync('openssl', ['x509', '-in', ca, '-noout', '-ext', 'basicConstraints']);
    expect(stdout).toContain('CA:TRUE');
  },
  'ca sign': async (w) => {
    const cert = out(w, 'signed.pem');
    ok(await w.certbench('ca', 'sign', '--ca-cert', w.file('root.pem'), '--ca-key', w.file('root.key'), '--csr', w.file('app.csr'), '--days', '90', '--out', cert));
    const { stdout } = await execFileAsync('openssl', ['verify', '-CAfile', w.file('root.pem'), cert]);
    expect(stdout).toContain('OK');
  },
  bundle: async (w) => {
    const dir = out(w, 'bundle');
    await mkdir(dir);
    ok(await w.certbench('bundle', '--cert', w.file('leaf.pem'), '--key', w.file('leaf.key'), '--chain', w.file('intermediate.pem'), '--out-dir', dir, '--no-encrypt'));
    const { stdout } = await execFileAsync('openssl', ['verify', '-CAfile', w.file('root.pem'), '-untrusted', join(dir, 'chain.pem'), join(dir, 'cert.pem')]);
    expect(stdout).toContain('OK');
  },
  'chain fetch': async (w) => {
    const report = json(await w.certbench('chain', 'fetch', `127.0.0.1:${w.port}`, '--sni', 'localhost', '--trust', `pem:${w.file('root.pem')}`, '--json'));
    expect(report).toMatchObject({ trusted: true, presented: [{}, {}] });
  },
  'chain verify': async (w) => {
    const report = json(await w.certbench('chain', 'verify', w.file('leaf.pem'), w.file('intermediate.pem'), '--host', 'localhost', '--trust', `pem:${w.file('root.pem')}`, '--json'));
    expect(report.trusted).toBe(true);
  },
  'keystore jdks': async (w) => {
    const found = json(await w.certbench('keystore', 'jdks', '--json'));
    expect(found.jdks.length).toBeGreaterThan(0);
  },
  'keystore list': async (w) => {
    const listing = json(await w.certbench('keystore', 'list', '--keystore', await w.keystore(), '--storepass-file', w.file('storepass'), '--json'));
    expect(listing.entries).toMatchObject([{ alias: 'root', subject: 'CN=Every Command Root' }]);
  },
  'keystore import': async (w) => {
    const store = await w.keystore();
    ok(await w.certbench('keystore', 'import', w.file('intermediate.pem'), '--alias', 'inter', '--keystore', store, '--storepass-file', w.file('storepass')));
    expect((await keytoolList(store, 'storepass1')).entries.map((e) => e.alias).sort()).toEqual(['inter', 'root']);
  },
  'keystore delete': async (w) => {
    const store = await w.keystore();
    ok(await w.certbench('keystore', 'delete', '--alias', 'root', '--keystore', store, '--storepass-file', w.file('storepass')));
    expect((await keytoolList(store, 'storepass1')).entries).toEqual([]);
  },
  'keystore rename': async (w) => {
    const store = await w.keystore();
    ok(await w.certbench('keystore', 'rename', '--alias', 'root', '--new-alias', 'lab-root', '--keystore', store, '--storepass-file', w.file('storepass')));
    expect((await keytoolList(store, 'storepass1')).entries.map((e) => e.alias)).toEqual(['lab-root']);
  },
  'keystore passwd': async (w) => {
    const store = await w.keystore();
    ok(await w.certbench('keystore', 'passwd', '--keystore', store, '--storepass-file', w.file('storepass'), '--new-pass-file', w.file('newpass')));
    expect((await keytoolList(store, 'newpass22')).entries.map((e) => e.alias)).toEqual(['root']);
  },
  'keystore convert': async (w) => {
    const jks = out(w, 'converted.jks');
    ok(await w.certbench('keystore', 'convert', '--to', 'JKS', '--out', jks, '--keystore', await w.keystore(), '--storepass-file', w.file('storepass')));
    expect(await keytoolList(jks, 'storepass1')).toMatchObject({ type: 'JKS', entries: [{ alias: 'root' }] });
  },
  'keystore backups': async (w) => {
    const store = await w.keystore();
    ok(await w.certbench('keystore', 'delete', '--alias', 'root', '--keystore', store, '--storepass-file', w.file('storepass')));
    const { backups } = json(await w.certbench('keystore', 'backups', '--keystore', store, '--json'));
    expect(backups).toMatchObject([{ operation: expect.stringContaining('delete') }]);
  },
  // keytool's PKCS#12 encrypts its certificates: the restore verifies the backup with its password.
  'keystore restore': async (w) => {
    const store = await w.keystore('PKCS12');
    ok(await w.certbench('keystore', 'delete', '--alias', 'root', '--keystore', store, '--storepass-file', w.file('storepass')));
    const [backup] = json(await w.certbench('keystore', 'backups', '--keystore', store, '--json')).backups;
    const unnamed = await w.certbench('keystore', 'restore', backup.id);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/--storepass-file/);
    expect((await keytoolList(store, 'storepass1')).entries).toEqual([]);
    ok(await w.certbench('keystore', 'restore', backup.id, '--storepass-file', w.file('storepass')));
    expect((await keytoolList(store, 'storepass1')).entries.map((e) => e.alias)).toEqual(['root']);
  },
  'trust stores': async (w) => {
    const { stores } = json(await w.certbench('trust', 'stores', '--json'));
    expect(stores.length).toBeGreaterThan(0);
  },
  'trust list': async (w) => {
    const { certificates } = json(await w.certbench('trust', 'list', '--store', `pem:${w.file('root.pem')}`, '--json'));
    expect(certificates).toMatchObject([{ subject: 'CN=Every Command Root', sha256: sha256Hex(w.pki.root.der) }]);
  },
  'trust add': async (w) => {
    const bundle = out(w, 'added.pem');
    ok(await w.certbench('trust', 'add', w.file('root.pem'), '--store', `pem:${bundle}`, '--yes'));
    const { stdout } = await execFileAsync('openssl', ['x509', '-in', bundle, '-noout', '-fingerprint', '-sha256']);
    expect(stdout.replace(/:/g, '').toLowerCase()).toContain(sha256Hex(w.pki.root.der));
  },
  'trust remove': async (w) => {
    const bundle = out(w, 'removed.pem');
    await writeFile(bundle, w.pki.root.pem + w.pki.intermediate.pem);
    ok(await w.certbench('trust', 'remove', '--sha256', sha256Hex(w.pki.root.der), '--store', `pem:${bundle}`, '--yes'));
    expect(await readFile(bundle, 'utf8')).toBe(w.pki.intermediate.pem);
  },
  'trust export': async (w) => {
    const expected = { mobileconfig: '<plist', powershell: 'Import-Certificate', ansible: 'hosts:', shell: '#!/bin/sh' };
    for (const [format, marker] of Object.entries(expected)) {
      expect(ok(await w.certbench('trust', 'export', w.file('root.pem'), '--format', format)).stdout).toContain(marker);
    }
  },
  'trust where': async (w) => {
    const map = json(await w.certbench('trust', 'where', w.file('root.pem'), '--store', `pem:${w.file('root.pem')}`, '--json'));
    expect(map.rows).toContainEqual(expect.objectContaining({ state: 'present', store: expect.objectContaining({ id: `pem:${w.file('root.pem')}` }) }));
  },
};

describe('the built CLI: every leaf command through bin/certbench.cjs', () => {
  let world: World;
  let trustWorld: TrustWorld;
  let server: Server;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-every-'));
    trustWorld = makeTrustWorld();
    const pki = await makeHierarchy({ prefix: 'Every Command' });
    const files: Record<string, string> = {
      'root.pem': pki.root.pem,
      'root.key': pki.root.keyPem,
      'intermediate.pem': pki.intermediate.pem,
      'leaf.pem': pki.leaf.pem,
      'leaf.key': pki.leaf.keyPem,
      storepass: 'storepass1\n',
      newpass: 'newpass22\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, { mode: 0o600 });
    await execFileAsync('openssl', ['req', '-new', '-key', join(dir, 'leaf.key'), '-subj', '/CN=app.example', '-addext', 'subjectAltName=DNS:app.example', '-out', join(dir, 'app.csr')]);
    const templates = { PKCS12: join(dir, 'template.p12'), JKS: join(dir, 'template.jks') };
    for (const [type, template] of Object.entries(templates)) {
      const made = await keytool(['-importcert', '-noprompt', '-alias', 'root', '-file', join(dir, 'root.pem'), '-keystore', template, '-storetype', type, '-storepass:env', 'KS_PW'], 'storepass1');
      expect(made.code, made.stderr).toBe(0);
    }
    server = createServer({ key: pki.leaf.keyPem, cert: pki.leaf.pem + pki.intermediate.pem }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    // Home, data folder and Linux store tree in temp dirs: no command reaches the host's stores.
    const env = cleanEnv({
      HOME: trustWorld.home,
      CERTBENCH_DATA_DIR: trustWorld.env.dataDir,
      [LINUX_STORE_ROOT_ENV]: trustWorld.linuxRoot,
      CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache'),
    });
    world = {
      dir,
      pki,
      port,
      file: (name) => join(dir, name),
      keystore: async (type = 'PKCS12') => {
        const copy = out(world, `store.${type.toLowerCase()}`);
        await copyFile(templates[type], copy);
        return copy;
      },
      certbench: (...args) => runBuilt(args, env),
    };
  });
  afterAll(async () => {
    server?.close();
    trustWorld?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('has a case for every leaf command of the program, and none for a command it lacks', () => {
    const leaves = leafCommands();
    expect(leaves.filter((c) => !(c in CASES)), 'commands without a case in CASES').toEqual([]);
    expect(Object.keys(CASES).filter((c) => !leaves.includes(c)), 'cases for no command').toEqual([]);
  });

  it.each(Object.keys(CASES))('certbench %s', async (command) => {
    await CASES[command]!(world);
  });
});
