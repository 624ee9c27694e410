import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { TrustService } from '../../../electron/services/trust-stores/trust-service.js';
import { makeSelfSignedWithOpenssl, type MadeCertificate } from '../../helpers/openssl-cert.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';

const run = promisify(execFile);
const keytoolList = async (path: string) => {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C' };
  delete env.JAVA_TOOL_OPTIONS;
  return (await run('keytool', ['-list', '-v', '-keystore', path, '-storepass', 'changeit', '-J-Duser.language=en'], { env, maxBuffer: 16 << 20 })).stdout;
};
const colon = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

/** The trust map's Java column changes a cacerts copy through the keystore service, with the real keytool. */
describe('java cacerts in the trust map', () => {
  let world: TrustWorld;
  let dir: string;
  let cacerts: string;
  let root: MadeCertificate;
  let trust: TrustService;
  let keystores: KeystoreService;

  beforeAll(async () => {
    // The world's Linux store and home are temp trees, so the "all missing" sweep below touches
    // nothing of the host's; the host's own JDK cacerts is found too, and must be skipped.
    world = makeTrustWorld();
    dir = await mkdtemp(join(tmpdir(), 'certbench-trust-java-'));
    cacerts = join(dir, 'cacerts');
    await copyFile('/etc/ssl/certs/java/cacerts', cacerts);
    root = await makeSelfSignedWithOpenssl(dir, 'java-map-root.example', 'DNS:java-map-root.example', 365);
    keystores = new KeystoreService(world.env);
    trust = new TrustService(world.env, keystores, world.elevator);
  });
  afterAll(async () => {
    world.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('previews the keytool run, then adds the root with a backup, as keytool sees it', async () => {
    const store = await trust.store(`java:${cacerts}`);
    const plan = await store.planAdd(root.der, { label: 'Corp Proxy Root' });
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ kind: 'run', file: 'keytool', args: expect.arrayContaining(['-importcert', '-alias', 'Corp Proxy Root']) });
    await store.add(root.der, { label: 'Corp Proxy Root' });
    const listing = await keytoolList(cacerts);
    expect(listing).toContain('Alias name: corp proxy root');
    expect(listing).toContain(colon(createHash('sha256').update(root.der).digest('hex')));
    expect(await keystores.listBackups({ path: cacerts })).toHaveLength(1);
    await expect(store.planAdd(root.der)).resolves.toMatchObject({ alreadyDone: true, steps: [] });
  });

  it('is never swept along by "add to all missing"', async () => {
    const { plans, skipped } = await trust.planAddToAllMissing(root.der, [`java:${cacerts}`]);
    expect(skipped.find((s) => s.store.id === `java:${cacerts}`)?.reason).toMatch(/one at a time|already holds it/);
    expect(plans.filter((p) => p.storeId.startsWith('java:'))).toEqual([]);
    await Promise.all(plans.map((p) => trust.discard(p.planId)));
  });

  it('removes it again through keytool -delete', async () => {
    const store = await trust.store(`java:${cacerts}`);
    const sha256 = createHash('sha256').update(root.der).digest('hex');
    await store.remove(sha256);
    expect(await store.contains(sha256)).toBe(false);
    expect(await keytoolList(cacerts)).not.toContain('corp proxy root');
  });
});
