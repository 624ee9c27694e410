import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PemBundleStore } from '../../../electron/services/trust-stores/pem-bundle-store.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

describe('pem-bundle store, for real on temp files', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  let other: TrustPki;
  let path: string;
  let store: PemBundleStore;
  const original = () => `# appliance bundle\r\n${toPem('CERTIFICATE', other.rootDer)}trailing words, no newline`;

  beforeAll(() => {
    world = makeTrustWorld();
    pki = makeTrustPki();
    other = makeTrustPki('Other Root');
    path = join(world.root, 'ca-bundle.crt');
    writeFileSync(path, original());
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
    removePki(other);
  });

  it('appends once, after backing the old file up', async () => {
    await store0().add(pki.rootDer);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(original())).toBe(true);
    expect(text).toContain(`# Certbench added sha256:${sha256Hex(pki.rootDer)}\n-----BEGIN CERTIFICATE-----`);
    const backups = readdirSync(join(world.env.dataDir, 'backups', 'trust'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(world.env.dataDir, 'backups', 'trust', backups[0]!), 'utf8')).toBe(original());
    expect((await store.planAdd(pki.rootDer)).alreadyDone).toBe(true);
    expect((await store.list()).map((c) => c.subject)).toEqual(['CN=Other Root', 'CN=Certbench Test Root']);
  });

  it('removes by fingerprint, leaving every other byte as it was', async () => {
    await store.remove(sha256Hex(pki.rootDer));
    expect(readFileSync(path, 'utf8')).toBe(`${original()}\n`);
  });

  it('creates a missing bundle without a backup', async () => {
    const fresh = new PemBundleStore(world.env, world.elevator, join(world.root, 'new.pem'));
    const plan = await fresh.add(pki.rootDer);
    expect(plan.steps.map((s) => s.kind)).toEqual(['write-file']);
    expect(existsSync(join(world.root, 'new.pem'))).toBe(true);
  });

  it('a corrupt block is a specific error and the file is untouched', async () => {
    const bad = join(world.root, 'bad.pem');
    const text = '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n';
    writeFileSync(bad, text);
    const store2 = new PemBundleStore(world.env, world.elevator, bad);
    await expect(store2.add(pki.rootDer)).rejects.toMatchObject({ code: 'bad-base64' });
    expect(readFileSync(bad, 'utf8')).toBe(text);
  });

  function store0(): PemBundleStore {
    store = new PemBundleStore(world.env, world.elevator, path);
    return store;
  }
});
