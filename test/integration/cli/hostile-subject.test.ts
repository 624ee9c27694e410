import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINUX_STORE_ROOT_ENV } from '../../../electron/services/trust-stores/linux-layout.js';
import { leafCommands, runBuilt, type Outcome } from '../../helpers/built-cli.js';
import { HOSTILE_TEXT, makeHostilePki, RAW_CONTROL, type HostilePki } from '../../helpers/hostile-subject.js';
import { cleanEnv, keytool } from '../../helpers/keystore-tools.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';

interface World {
  readonly pki: HostilePki;
  readonly port: number;
  file(name: string): string;
  fresh(name: string): string;
  certbench(...args: string[]): Promise<Outcome>;
}

/**
 * Each command that prints text from a certificate, a CSR or a keystore, run through the built CLI
 * on a certificate whose CN and O carry terminal escapes, CR, LF, bidi overrides, C1 and DEL. Each
 * case returns the runs to check; its human output must hold none of them raw and no forged line.
 */
const HOSTILE_CASES: Record<string, (w: World) => Promise<Outcome[]>> = {
  inspect: async (w) => [await w.certbench('inspect', w.file('leaf.pem'), w.file('ca.pem'), w.file('app.csr'))],
  bundle: async (w) => {
    const dir = w.fresh('bundle');
    await mkdir(dir);
    return [await w.certbench('bundle', '--cert', w.file('leaf.pem'), '--key', w.file('leaf.key'), '--chain', w.file('ca.pem'), '--out-dir', dir, '--no-encrypt')];
  },
  'ca sign': async (w) => [await w.certbench('ca', 'sign', '--ca-cert', w.file('ca.pem'), '--ca-key', w.file('ca.key'), '--csr', w.file('app.csr'), '--days', '20', '--out', w.fresh('signed.pem'))],
  'chain verify': async (w) => [await w.certbench('chain', 'verify', w.file('leaf.pem'), '--host', 'localhost', '--trust', `pem:${w.file('ca.pem')}`)],
  'chain fetch': async (w) => [await w.certbench('chain', 'fetch', `127.0.0.1:${w.port}`, '--sni', 'localhost', '--trust', `pem:${w.file('ca.pem')}`)],
  'csr renew': async (w) => [await w.certbench('csr', 'renew', '--from', w.file('leaf.pem'), '--key', w.file('leaf.key'), '--out', w.fresh('renew.csr'))],
  scan: async (w) => [await w.certbench('scan', w.file('leaf.pem'))],
  'keystore import': async (w) => {
    const store = w.fresh('import.p12');
    await copyFile(w.file('empty.p12'), store);
    return [await w.certbench('keystore', 'import', w.file('ca.pem'), '--keystore', store, '--storepass-file', w.file('storepass'))];
  },
  'keystore list': async (w) => [await w.certbench('keystore', 'list', '--keystore', w.file('hostile.p12'), '--storepass-file', w.file('storepass'))],
  'trust list': async (w) => [await w.certbench('trust', 'list', '--store', `pem:${w.file('ca.pem')}`)],
  'trust where': async (w) => [await w.certbench('trust', 'where', w.file('ca.pem'), '--store', `pem:${w.file('ca.pem')}`)],
  'trust add': async (w) => [await w.certbench('trust', 'add', w.file('ca.pem'), '--store', `pem:${w.fresh('bundle.pem')}`, '--label', HOSTILE_TEXT, '--yes')],
  // Generated scripts, written to stdout as they are: the exporter puts the name in comments with its controls replaced.
  'trust export': async (w) => Promise.all(['mobileconfig', 'powershell', 'ansible', 'shell'].map((format) => w.certbench('trust', 'export', w.file('ca.pem'), '--format', format))),
};

/** Cases that rightly refuse the hostile certificate (its O is longer than a CSR may carry): the refusal must be inert too. */
const REFUSED = new Set(['csr renew']);

/** Cases whose output names the certificate by a derived alias, its fingerprint or a sanitized copy of its subject. */
const SUBJECT_NOT_IN_TEXT = new Set(['keystore import', 'trust add', 'trust export']);

/** Commands that print no text taken from a certificate, CSR or keystore entry (paths, key types, counts). */
const PRINT_NO_CERTIFICATE_TEXT = new Set([
  'convert',
  'key new',
  'csr new',
  'csr java',
  'cert self-signed',
  'ca new',
  'keystore jdks',
  'keystore delete',
  'keystore rename',
  'keystore passwd',
  'keystore convert',
  'keystore backups',
  'keystore restore',
  'trust stores',
  'trust remove',
]);

describe('hostile certificate text in the built CLI', () => {
  let dir: string;
  let trustWorld: TrustWorld;
  let server: Server;
  let world: World;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-hostile-'));
    trustWorld = makeTrustWorld();
    const pki = await makeHostilePki();
    const files = { 'ca.pem': pki.caPem, 'ca.key': pki.caKeyPem, 'leaf.pem': pki.leafPem, 'leaf.key': pki.leafKeyPem, 'app.csr': pki.csrPem, storepass: 'storepass1\n' };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, { mode: 0o600 });
    const imported = await keytool(['-importcert', '-noprompt', '-alias', 'evil', '-file', join(dir, 'ca.pem'), '-keystore', join(dir, 'hostile.p12'), '-storetype', 'PKCS12', '-storepass:env', 'KS_PW'], 'storepass1');
    expect(imported.code, imported.stderr).toBe(0);
    // An empty PKCS#12 store: keytool makes one by deleting the only entry of a new one.
    await copyFile(join(dir, 'hostile.p12'), join(dir, 'empty.p12'));
    expect((await keytool(['-delete', '-alias', 'evil', '-keystore', join(dir, 'empty.p12'), '-storepass:env', 'KS_PW'], 'storepass1')).code).toBe(0);
    server = createServer({ key: pki.leafKeyPem, cert: pki.leafPem }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    const env = cleanEnv({ HOME: trustWorld.home, CERTBENCH_DATA_DIR: trustWorld.env.dataDir, [LINUX_STORE_ROOT_ENV]: trustWorld.linuxRoot, CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') });
    let n = 0;
    world = { pki, port, file: (name) => join(dir, name), fresh: (name) => join(dir, `${n++}-${name}`), certbench: (...args) => runBuilt(args, env) };
  });
  afterAll(async () => {
    server?.close();
    trustWorld?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('covers every leaf command: each prints hostile text safely or prints none', () => {
    const leaves = leafCommands();
    expect(leaves.filter((c) => !(c in HOSTILE_CASES) && !PRINT_NO_CERTIFICATE_TEXT.has(c))).toEqual([]);
  });

  it.each(Object.keys(HOSTILE_CASES))('certbench %s: the hostile subject shown escaped, with and without --json', async (command) => {
    for (const json of [false, true]) {
      const runs = await HOSTILE_CASES[command]!({ ...world, certbench: (...args) => world.certbench(...args, ...(json ? ['--json'] : [])) });
      for (const run of runs) {
        expect(run.stderr, 'stderr').not.toMatch(RAW_CONTROL);
        expect(run.stdout, 'stdout').not.toMatch(RAW_CONTROL);
        expect(run.stdout).not.toMatch(/^Forged/m);
        if (REFUSED.has(command)) expect(run.code, run.stderr).toBe(2);
        else expect(run.code, run.stderr).toBeLessThan(2);
        // Escaped, not dropped: the text form shows the escape, the JSON form decodes to the raw name.
        if (SUBJECT_NOT_IN_TEXT.has(command) || REFUSED.has(command)) continue;
        if (json) expect(JSON.stringify(JSON.parse(run.stdout))).toContain('\\u001b[31mRED');
        else expect(run.stdout).toContain('Evil\\x1b[31mRED');
      }
    }
  });
});
