/**
 * `jdks` / `nssdbs` expand to the stores found on this machine. A machine without a JDK, or with an
 * NSS database that cannot be read, leaves those out and says so (one informational line each);
 * the other clients' verdicts still come, in the service, in the built CLI and (e2e) in the app.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainService } from '../../../electron/services/chain/chain-service.js';
import { pemSource } from '../../../electron/services/chain/trust-sources/file-sources.js';
import type { LocalStores } from '../../../electron/services/chain/trust-sources/local-stores.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { runBuilt } from '../../helpers/built-cli.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { makeHierarchy, type Hierarchy } from '../../helpers/chain-pki.js';

/** An NSS database directory whose cert9.db is not a database: certutil answers SEC_ERROR_BAD_DATABASE. */
async function damagedNssDb(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'cert9.db'), Buffer.alloc(4096, 0x5a));
  return dir;
}

describe('discovered trust stores that are absent or unreadable are skipped, not fatal', () => {
  let t: ChainTestEnv;
  let h: Hierarchy;
  let home: string;
  let damaged: string;
  let chainFiles: string[];
  let rootTrust: string;

  const serviceFor = (local: LocalStores) =>
    new ChainService(defaultServiceEnv({ dataDir: t.dir, homeDir: home }), new ObjectStore(), {
      publicRoots: pemSource(join(t.dir, 'public-roots.pem')),
      trustPaths: { mozillaDir: join(t.dir, 'no-mozilla'), systemBundles: [join(t.dir, 'no-system.pem')] },
      localStores: local,
    });

  beforeAll(async () => {
    t = await makeChainTestEnv();
    h = await makeHierarchy({ prefix: 'Skipped Trust' });
    home = join(t.dir, 'home');
    damaged = await damagedNssDb(join(home, '.pki', 'nssdb'));
    chainFiles = [await t.writePem('leaf.pem', [h.leaf]), await t.writePem('intermediate.pem', [h.intermediate])];
    rootTrust = `pem:${await t.writePem('root.pem', [h.root])}`;
  }, 60_000);
  afterAll(() => t.cleanup());

  it('a machine with no JDK and a damaged NSS db: both skipped with a reason, the PEM verdicts stand', async () => {
    const service = serviceFor({ jdkCacerts: async () => [], nssDbs: async () => [{ dir: damaged, detail: 'test profile' }] });
    const r = await service.verifyFiles(chainFiles, { hostname: 'localhost', trust: [rootTrust, 'jdks', 'nssdbs'], clients: ['openssl'] });
    expect(r.trusted).toBe(true);
    expect(r.clients.find((c) => c.client === 'openssl')).toMatchObject({ trusted: true });
    expect(r.skippedTrust).toEqual([
      { source: 'jdks', reason: 'no JDK found on this machine' },
      { source: `nss:${damaged}`, reason: expect.stringMatching(/^not an NSS database: .*SEC_ERROR_BAD_DATABASE/) },
    ]);
    expect(r.trustSources).toEqual([`PEM ${rootTrust.slice(4)}`]);
    expect(r.diagnoses.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a machine with neither: both discoveries said to have found nothing', async () => {
    const service = serviceFor({ jdkCacerts: async () => [], nssDbs: async () => [] });
    const r = await service.verifyFiles(chainFiles, { hostname: 'localhost', trust: [rootTrust, 'jdks', 'nssdbs'] });
    expect(r.skippedTrust).toEqual([
      { source: 'jdks', reason: 'no JDK found on this machine' },
      { source: 'nssdbs', reason: 'no NSS database found on this machine' },
    ]);
    expect(r.clients.length).toBeGreaterThan(0);
  });

  it('a discovery that fails is skipped too, with why', async () => {
    const service = serviceFor({ jdkCacerts: () => Promise.reject(new Error('update-alternatives crashed')), nssDbs: async () => [] });
    const r = await service.verifyFiles(chainFiles, { hostname: 'localhost', trust: [rootTrust, 'jdks'] });
    expect(r.skippedTrust).toEqual([{ source: 'jdks', reason: 'looking for them failed: update-alternatives crashed' }]);
    expect(r.trusted).toBe(true);
  });

  it('with only discovered sources and none usable, it is an input error naming what to give', async () => {
    const service = serviceFor({ jdkCacerts: async () => [], nssDbs: async () => [] });
    await expect(service.verifyFiles(chainFiles, { trust: ['jdks'] })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/jdks: no JDK found on this machine.*--trust/),
    });
  });

  it('a store the user named is not skipped: an unreadable nss:DIR still fails the run', async () => {
    const service = serviceFor({ jdkCacerts: async () => [], nssDbs: async () => [] });
    await expect(service.verifyFiles(chainFiles, { trust: [rootTrust, `nss:${damaged}`] })).rejects.toThrow();
  });

  it('the built CLI: `--trust nssdbs` with a damaged db in HOME prints the skip and keeps the verdict (exit 0)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache') };
    for (const k of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE']) delete env[k];
    const args = ['chain', 'verify', ...chainFiles, '--host', 'localhost', '--trust', rootTrust, '--trust', 'nssdbs', '--client', 'openssl'];
    const json = await runBuilt([...args, '--json'], env);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { skippedTrust: { source: string; reason: string }[]; trusted: boolean };
    expect(report.skippedTrust).toEqual([{ source: `nss:${damaged}`, reason: expect.stringMatching(/^not an NSS database: .*SEC_ERROR_BAD_DATABASE/) }]);
    const text = await runBuilt(args, env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`[info] skipped nss:${damaged}: `);
    expect(text.stdout).toMatch(/^Trusted: yes/m);
    const only = await runBuilt(['chain', 'verify', ...chainFiles, '--trust', 'nssdbs', '--json'], env);
    expect(only.code).toBe(2);
    expect(JSON.parse(only.stderr || only.stdout)).toMatchObject({ error: { code: 'not-found' } });
  });
});
