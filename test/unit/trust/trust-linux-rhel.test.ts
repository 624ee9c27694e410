import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLinuxLayout } from '../../../electron/services/trust-stores/linux-layout.js';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { LinuxStore } from '../../../electron/services/trust-stores/linux-store.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';
import { RecordingRunner } from '../../helpers/trust-recording-runner.js';

// No RHEL machine here: update-ca-trust is recorded, its argv asserted; the anchor file is real.
describe('linux-rhel store', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  const runner = new RecordingRunner(() => ({}));

  beforeAll(() => {
    world = makeTrustWorld({ runner });
    mkdirSync(join(world.linuxRoot, 'etc/pki/ca-trust/source/anchors'), { recursive: true });
    pki = makeTrustPki();
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
  });

  it('is detected before Debian when its anchors directory exists', async () => {
    expect((await detectLinuxLayout(world.env.env))?.family).toBe('rhel');
  });

  it('writes a PEM .pem anchor and runs update-ca-trust extract', async () => {
    const store = new LinuxStore(world.env, world.elevator, (await detectLinuxLayout(world.env.env))!, new KeystoreService(world.env, world.elevator));
    await expect(store.add(pki.rootDer)).rejects.toMatchObject({ code: 'verification-failed' });
    const anchors = join(world.linuxRoot, 'etc/pki/ca-trust/source/anchors');
    const [file] = readdirSync(anchors);
    expect(file).toMatch(/^certbench-[0-9a-f]{16}\.pem$/);
    expect(readFileSync(join(anchors, file!), 'utf8')).toBe(pki.rootPem.replace(/\r\n/g, '\n'));
    expect(runner.calls.map((c) => [c.file, ...c.args])).toEqual([
      ['/usr/bin/update-ca-trust', 'extract', `--output=${join(world.linuxRoot, 'etc/pki/ca-trust/extracted')}`],
    ]);
  });

  it('elevates only the checked copy and the refresh when not root', async () => {
    const elevated = makeTrustWorld({ runner, privileged: false });
    try {
      mkdirSync(join(elevated.linuxRoot, 'etc/pki/ca-trust/source/anchors'), { recursive: true });
      const store = new LinuxStore(elevated.env, elevated.elevator, (await detectLinuxLayout(elevated.env.env))!, new KeystoreService(elevated.env, elevated.elevator));
      const plan = await store.planAdd(pki.rootDer);
      expect(plan.steps.map((s) => [s.kind, s.elevated, s.kind === 'run' ? s.file : undefined])).toEqual([
        ['write-file', false, undefined],
        ['run', true, '/usr/bin/install'],
        ['run', true, '/usr/bin/sha256sum'],
        ['run', true, '/bin/mv'],
        ['run', true, '/usr/bin/update-ca-trust'],
      ]);
      const target = expect.stringMatching(/anchors\/certbench-[0-9a-f]{16}\.pem$/);
      const temp = expect.stringMatching(/anchors\/\.certbench-[0-9a-f]{16}\.pem\.certbench-[0-9a-f]{12}\.tmp$/);
      expect(plan.steps[1]).toMatchObject({ file: '/usr/bin/install', args: ['-m', '0644', expect.stringMatching(/^\/tmp\/certbench-/), temp] });
      expect(plan.steps[3]).toMatchObject({ file: '/bin/mv', args: ['-f', temp, target] });
    } finally {
      elevated.cleanup();
    }
  });
});
