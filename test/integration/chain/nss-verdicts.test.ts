/**
 * One NSS verdict per NSS database (`--trust nss:DIR`, `--trust nssdbs`), each agreeing with the real
 * NSS: `vfychain -u 1` against the same temp database. A root held with TLS CA trust (`C,,`)
 * anchors; the same root held without trust (`,,`) does not.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainService } from '../../../electron/services/chain/chain-service.js';
import { pemSource } from '../../../electron/services/chain/trust-sources/file-sources.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { runBuilt } from '../../helpers/built-cli.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { makeHierarchy, type Hierarchy } from '../../helpers/chain-pki.js';
import { run } from '../../oracle/process.js';

const exec = promisify(execFile);

/** A temp NSS db holding `root` with the given trust flags. */
async function nssDbWith(dir: string, rootPem: string, trust: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await exec('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  const file = join(dir, 'root.pem');
  await writeFile(file, rootPem);
  await exec('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'Test Root', '-t', trust, '-a', '-i', file]);
  return dir;
}

/** The real NSS answer: `vfychain` as a TLS server (usage 1) against the database. */
async function vfychainTrusts(dir: string, chainFiles: readonly string[]): Promise<boolean> {
  const r = await run('vfychain', ['-d', `sql:${dir}`, '-pp', '-u', '1', '-a', ...chainFiles]);
  return /Chain is good/.test(r.stdout + r.stderr);
}

describe('per-NSS-database verdicts agree with vfychain', () => {
  let t: ChainTestEnv;
  let h: Hierarchy;
  let trusting: string;
  let holding: string;
  let chainFiles: string[];

  beforeAll(async () => {
    t = await makeChainTestEnv();
    h = await makeHierarchy({ prefix: 'NSS Db' });
    trusting = await nssDbWith(join(t.dir, 'home', '.pki', 'nssdb'), h.root.pem, 'C,,');
    holding = await nssDbWith(join(t.dir, 'holding'), h.root.pem, ',,');
    chainFiles = [await t.writePem('leaf.pem', [h.leaf]), await t.writePem('intermediate.pem', [h.intermediate])];
  }, 60_000);
  afterAll(() => t.cleanup());

  it('gives one NSS row per database, named by it, each as vfychain answers', async () => {
    const r = await t.service.verifyFiles(chainFiles, {
      hostname: 'localhost',
      trust: [`pem:${await t.writePem('root.pem', [h.root])}`, `nss:${trusting}`, `nss:${holding}`],
      clients: ['nss'],
    });
    const rows = r.clients.filter((c) => c.client === 'nss').map((c) => [c.anchors[0], c.trusted]);
    expect(rows).toEqual([
      [`NSS ${trusting}`, await vfychainTrusts(trusting, chainFiles)],
      [`NSS ${holding}`, await vfychainTrusts(holding, chainFiles)],
    ]);
    expect(rows.map(([, trusted]) => trusted)).toEqual([true, false]);
    // The NSS databases judge NSS only: OpenSSL still verifies against the PEM root.
    expect(r.clients.find((c) => c.client === 'openssl')?.trusted).toBe(true);
    expect(r.trusted).toBe(false);
  });

  it('`nssdbs` takes every database the trust map finds (here ~/.pki/nssdb of a temp home)', async () => {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    delete env.SSL_CERT_FILE;
    const service = new ChainService(defaultServiceEnv({ env, dataDir: t.dir, homeDir: join(t.dir, 'home') }), new ObjectStore(), {
      publicRoots: pemSource(await t.writePem('no-public.pem', [])),
      trustPaths: { mozillaDir: join(t.dir, 'no-mozilla'), systemBundles: [join(t.dir, 'no-system.pem')] },
    });
    const r = await service.verifyFiles(chainFiles, { hostname: 'localhost', trust: ['nssdbs'], clients: ['nss'] });
    const nss = r.clients.filter((c) => c.client === 'nss');
    expect(nss).toHaveLength(1);
    expect(nss[0]!.anchors[0]).toMatch(new RegExp(`^NSS ${trusting} \\(Chrome`));
    expect(nss[0]!.trusted).toBe(await vfychainTrusts(trusting, chainFiles));
    expect(r.trusted).toBe(true);
  });

  it('the built CLI takes `--trust nss:DIR`: exit 0 where vfychain trusts, 1 where it does not', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache') };
    for (const k of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE']) delete env[k];
    for (const [db, code] of [[trusting, 0], [holding, 1]] as const) {
      const r = await runBuilt(['chain', 'verify', ...chainFiles, '--trust', `nss:${db}`, '--client', 'nss', '--json'], env);
      expect(r.code).toBe(code);
      expect(JSON.parse(r.stdout).clients.find((c: { client: string }) => c.client === 'nss').anchors).toEqual([`NSS ${db}`]);
      expect(code === 0).toBe(await vfychainTrusts(db, chainFiles));
    }
  });
});
