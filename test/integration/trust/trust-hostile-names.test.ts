import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLinuxLayout } from '../../../electron/services/trust-stores/linux-layout.js';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { LinuxStore } from '../../../electron/services/trust-stores/linux-store.js';
import { listableNickname } from '../../../electron/services/trust-stores/nss-listing.js';
import { NssStore } from '../../../electron/services/trust-stores/nss-store.js';
import { PemBundleStore } from '../../../electron/services/trust-stores/pem-bundle-store.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { hostileNames, selfSignedWithCn } from '../../helpers/trust-hostile.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { cleanEnv } from '../../helpers/trust-pki.js';

guardHostStores();

describe('200 hostile names as NSS nicknames, file names and subjects', () => {
  let world: TrustWorld;
  let canary: string;
  let names: string[];
  let certs: Uint8Array[];

  beforeAll(async () => {
    world = makeTrustWorld();
    canary = join(world.root, 'CANARY');
    names = hostileNames(canary);
    certs = [];
    for (const [i, name] of names.entries()) certs.push(await selfSignedWithCn(name, i + 1));
  });
  afterAll(() => {
    expect(existsSync(canary)).toBe(false);
    world.cleanup();
  });

  it('has 200 distinct names', () => {
    expect(new Set(names).size).toBe(200);
  });

  it('NSS: each stored under its literal nickname (control characters as spaces), listed back', async () => {
    // Four databases of 50 names, filled in parallel: certutil costs one process per call.
    const dirs = [0, 1, 2, 3].map((k) => join(world.root, `nss-${k}`));
    await Promise.all(
      dirs.map(async (dir, k) => {
        const store = new NssStore(world.env, world.elevator, dir);
        for (let i = k; i < names.length; i += 4) await store.add(certs[i]!, { label: names[i]! });
      }),
    );
    for (const [k, dir] of dirs.entries()) {
      const listed = await new NssStore(world.env, world.elevator, dir).list();
      expect(listed).toHaveLength(50);
      for (let i = k; i < names.length; i += 4) {
        const entry = listed.find((c) => c.sha256 === sha256Hex(certs[i]!))!;
        // Names equal once control characters are spaces get the fingerprint suffix, not a clash.
        expect(entry.label).toMatch(new RegExp(`^${escapeRegExp(listableNickname(names[i]!))}( #[0-9a-f]{8})?$`));
      }
    }
    const sample = listableNickname(names[41]!);
    const v = spawnSync('certutil', ['-V', '-d', `sql:${dirs[1]}`, '-n', sample, '-u', 'L'], { env: cleanEnv(), encoding: 'utf8' });
    expect(v.stdout).toContain('certificate is valid');
    expect(existsSync(canary)).toBe(false);
  }, 300_000);

  it('PEM bundles: 200 files named literally, each holding its certificate', async () => {
    const dir = join(world.root, 'bundles');
    for (const [i, name] of names.entries()) {
      const file = join(dir, `${name.replace(/\//g, '_')}.pem`);
      const store = new PemBundleStore(world.env, world.elevator, file);
      await store.add(certs[i]!);
      expect(readFileSync(file, 'utf8')).toContain(`sha256:${sha256Hex(certs[i]!)}`);
    }
    expect(readdirSync(dir).sort()).toEqual(names.map((n) => `${n.replace(/\//g, '_')}.pem`).sort());
    expect(existsSync(canary)).toBe(false);
  });

  it('Linux: hostile subjects never reach a file name or argv; a few added for real', async () => {
    const store = new LinuxStore(world.env, world.elevator, (await detectLinuxLayout(world.env.env))!, new KeystoreService(world.env, world.elevator));
    for (const der of certs) {
      const plan = await store.planAdd(der);
      for (const step of plan.steps) {
        const text = step.kind === 'run' ? [step.file, ...step.args].join(' ') : step.path;
        expect(text).toMatch(/^[A-Za-z0-9._/= -]+$/);
      }
    }
    for (const der of certs.slice(0, 4)) await store.add(der);
    const subjects = (await store.list()).map((c) => c.subject);
    expect(subjects).toHaveLength(4);
    expect(existsSync(canary)).toBe(false);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
