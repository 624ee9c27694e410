import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { PASSWORD_VARS } from '../../../electron/services/keystore/keytool-runner.js';
import { NodeProcessRunner, type ProcessRequest, type ProcessRunner } from '../../../electron/services/process/process-runner.js';
import { detectLinuxLayout } from '../../../electron/services/trust-stores/linux-layout.js';
import { LinuxStore } from '../../../electron/services/trust-stores/linux-store.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

/** `openssl verify` against the sandbox's hash directory only (no default file or store). */
function verify(world: TrustWorld, leaf: string): { status: number; out: string } {
  const r = spawnSync('openssl', ['verify', '-no-CAfile', '-no-CAstore', '-CApath', join(world.linuxRoot, 'etc/ssl/certs'), leaf], {
    env: cleanEnv(),
    encoding: 'utf8',
  });
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('linux-debian store, real update-ca-certificates with directory flags', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  let store: LinuxStore;
  let distribution: TrustPki;

  beforeAll(async () => {
    distribution = makeTrustPki('Distribution Root');
    world = makeTrustWorld({ distributionPem: distribution.rootPem });
    pki = makeTrustPki();
    const layout = await detectLinuxLayout(world.env.env);
    expect(layout?.family).toBe('debian');
    store = new LinuxStore(world.env, world.elevator, layout!, new KeystoreService(world.env, world.elevator));
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
    removePki(distribution);
  });

  it('plans a PEM .crt plus update-ca-certificates with --hooksdir, changing nothing', async () => {
    const plan = await store.planAdd(pki.rootDer);
    expect(plan.steps.map((s) => s.kind)).toEqual(['write-file', 'run']);
    const run = plan.steps[1]!;
    expect(run.kind === 'run' && run.args).toContain('--hooksdir');
    expect(run.kind === 'run' && run.args[run.args.indexOf('--hooksdir') + 1]).toBe(join(world.linuxRoot, 'etc/ca-certificates/update.d'));
    expect(readdirSync(join(world.linuxRoot, 'usr/local/share/ca-certificates'))).toEqual([]);
    expect(verify(world, pki.leafPath).status).not.toBe(0);
  });

  it('adds the root for real: openssl verify -CApath accepts a leaf it issued', async () => {
    await store.add(pki.rootDer);
    const files = readdirSync(join(world.linuxRoot, 'usr/local/share/ca-certificates'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(world.linuxRoot, 'usr/local/share/ca-certificates', files[0]!), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const v = verify(world, pki.leafPath);
    expect(v.out).toContain(': OK');
    expect(v.status).toBe(0);
    const listed = await store.list();
    expect(listed.map((c) => c.sha256)).toContain((await store.planAdd(pki.rootDer)).sha256);
    expect(listed.find((c) => c.removable)?.label).toBe(files[0]);
  });

  it('adding again plans nothing', async () => {
    const plan = await store.planAdd(pki.rootDer);
    expect(plan.alreadyDone).toBe(true);
    expect(plan.steps).toEqual([]);
  });

  it('removes with --fresh: no dangling hash links, verification fails again', async () => {
    const sha = (await store.planAdd(pki.rootDer)).sha256;
    const plan = await store.remove(sha);
    const run = plan.steps.find((s) => s.kind === 'run');
    expect(run?.kind === 'run' && run.args[0]).toBe('--fresh');
    const v = verify(world, pki.leafPath);
    expect(v.status).toBe(2);
    expect(v.out).toContain('unable to get local issuer certificate');
    const certsDir = join(world.linuxRoot, 'etc/ssl/certs');
    const dangling = readdirSync(certsDir).filter((n) => !existsSync(join(certsDir, n)));
    expect(dangling).toEqual([]);
    expect(await store.contains(sha)).toBe(false);
  });

  it('a failing refresh removes the anchor it just wrote: nothing half-done', async () => {
    const certsDir = join(world.linuxRoot, 'etc/ssl/certs');
    renameSync(certsDir, `${certsDir}.away`);
    try {
      await expect(store.add(pki.rootDer)).rejects.toMatchObject({ code: 'tool-failed' });
      expect(readdirSync(join(world.linuxRoot, 'usr/local/share/ca-certificates'))).toEqual([]);
    } finally {
      renameSync(`${certsDir}.away`, certsDir);
    }
  });

  it('a removal deletes the alias ca-certificates-java left in Java cacerts, as root and as a desktop user (elevated copy)', async () => {
    const hooks = join(world.linuxRoot, 'etc/ca-certificates/update.d');
    const cacerts = join(world.linuxRoot, 'etc/ssl/certs/java/cacerts');
    const anchors = join(world.linuxRoot, 'usr/local/share/ca-certificates');
    const sha = sha256Hex(pki.rootDer);
    const alias = `debian:certbench-${sha.slice(0, 16)}.pem`;
    mkdirSync(join(world.linuxRoot, 'etc/ssl/certs/java'));
    const keytool = ['-J-Duser.language=en', '-keystore', cacerts, '-storepass', 'changeit'];
    // What the real hook does on the add's `+` line; the stand-in hook only has to exist.
    const hookAdds = () =>
      expect(spawnSync('keytool', ['-importcert', '-noprompt', '-alias', alias, '-file', pki.rootPath, '-storetype', 'JKS', ...keytool], { env: cleanEnv() }).status).toBe(0);
    const aliasListed = () => spawnSync('keytool', ['-list', '-alias', alias, ...keytool], { env: cleanEnv() }).status === 0;
    writeFileSync(join(hooks, 'jks-keystore'), '#!/bin/sh\ncat > /dev/null\n', { mode: 0o755 });
    try {
      await store.add(pki.rootDer);
      hookAdds();
      const plan = await store.remove(sha);
      expect(plan.steps.at(-1)).toMatchObject({ kind: 'run', file: 'keytool', elevated: false, args: ['-delete', '-alias', alias, '-keystore', `${cacerts} (a backed-up temp copy)`, '-storepass:env', PASSWORD_VARS.store] });
      expect(aliasListed()).toBe(false);

      // A desktop user: pkexec is simulated by running its `sh -c` line directly (this test runs as root).
      await store.add(pki.rootDer);
      hookAdds();
      const anchor = join(anchors, readdirSync(anchors)[0]!);
      const real = new NodeProcessRunner();
      const calls: ProcessRequest[] = [];
      const runner: ProcessRunner = {
        run: (request) => {
          calls.push(request);
          return request.file === '/usr/bin/pkexec' ? real.run({ ...request, file: request.args[0]!, args: request.args.slice(1) }) : real.run(request);
        },
      };
      const userEnv = { ...world.env, runner };
      const userElevator = new Elevator(userEnv, false);
      const asUser = new LinuxStore(userEnv, userElevator, (await detectLinuxLayout(userEnv.env))!, new KeystoreService(userEnv, userElevator, async () => 'needs-elevation'));
      const userPlan = await asUser.remove(sha);
      expect(userPlan.warnings).toEqual([]);
      expect(userPlan.steps.map((s) => (s.kind === 'run' ? `${s.elevated ? '[admin] ' : ''}${s.file}` : s.kind))).toEqual(['[admin] /bin/rm', '[admin] /usr/sbin/update-ca-certificates', '[admin] keytool']);
      expect(userPlan.steps.at(-1)).toMatchObject({ args: ['-delete', '-alias', alias, '-keystore', `${cacerts} (a backed-up temp copy)`, '-storepass:env', PASSWORD_VARS.store] });
      const refresh = userPlan.steps[1]!;
      const elevated = calls.filter((c) => c.file === '/usr/bin/pkexec').map((c) => c.args);
      expect(elevated).toHaveLength(2);
      expect(elevated[0]).toEqual(['/bin/sh', '-c', `/bin/rm -f -- ${anchor} && ${refresh.kind === 'run' && [refresh.file, ...refresh.args].join(' ')}`]);
      const javaDir = join(world.linuxRoot, 'etc/ssl/certs/java');
      const copyIn = new RegExp(
        // The copy is checked against the verified bytes' SHA-256 (fed on stdin) before it is moved into place.
        `^\\(/usr/bin/install -m 0644 (/tmp/certbench-\\w+/keystore) (${javaDir}/\\.cacerts\\.certbench-[0-9a-f]+\\.tmp) && /usr/bin/sha256sum --check --status --strict - && /bin/mv -f \\2 ${cacerts}\\) \\|\\| \\(/bin/rm -f \\2; exit 1\\)$`,
      );
      expect(elevated[1]!.slice(0, 2)).toEqual(['/bin/sh', '-c']);
      const staged = copyIn.exec(elevated[1]![2]!)?.[1];
      expect(staged).toBeDefined();
      const edit = calls.find((c) => c.args.includes('-delete'));
      expect(edit?.args).toEqual(expect.arrayContaining(['-delete', '-alias', alias, '-keystore', staged]));
      expect(aliasListed()).toBe(false);
      expect(readdirSync(anchors)).toEqual([]);
      expect(await asUser.contains(sha)).toBe(false);
    } finally {
      rmSync(join(hooks, 'jks-keystore'));
    }
  });

  it('refuses to remove a certificate that came with the distribution set', async () => {
    const dist = (await store.list()).find((c) => c.subject === 'CN=Distribution Root');
    expect(dist?.removable).toBe(false);
    await expect(store.planRemove(dist!.sha256)).rejects.toMatchObject({ code: 'unsupported' });
  });
});
