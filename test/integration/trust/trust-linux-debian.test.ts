import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElevatedBatch } from '../../../electron/services/elevation/elevated-batch.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { PASSWORD_VARS } from '../../../electron/services/keystore/keytool-runner.js';
import { NodeProcessRunner, type ProcessRequest, type ProcessRunner } from '../../../electron/services/process/process-runner.js';
import { detectLinuxLayout } from '../../../electron/services/trust-stores/linux-layout.js';
import { LinuxStore } from '../../../electron/services/trust-stores/linux-store.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { buildElevatedRunner } from '../../helpers/bundled-script.js';
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

/** The batch a pkexec call hands the elevated runner (its last argv item). */
function elevatedBatch(request: ProcessRequest): ElevatedBatch {
  return JSON.parse(request.args.at(-1)!) as ElevatedBatch;
}

describe('linux-debian store, real update-ca-certificates with directory flags', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  let store: LinuxStore;
  let distribution: TrustPki;
  let runner: { script: string; dir: string };

  /**
   * The store as a desktop user sees it: pkexec is simulated by a plain exec of its argv (this test
   * runs as root), which runs the real elevated runner; `beforePrompt` acts while the prompt is open.
   */
  const userStore = async (beforePrompt?: (batch: ElevatedBatch) => void) => {
    const real = new NodeProcessRunner();
    const calls: ProcessRequest[] = [];
    const processes: ProcessRunner = {
      run: (request) => {
        calls.push(request);
        if (request.file !== '/usr/bin/pkexec') return real.run(request);
        beforePrompt?.(elevatedBatch(request));
        return real.run({ ...request, file: request.args[0]!, args: request.args.slice(1) });
      },
    };
    const userEnv = { ...world.env, runner: processes, elevatedRunner: runner.script };
    const userElevator = new Elevator(userEnv, false);
    const layout = (await detectLinuxLayout(userEnv.env))!;
    return { store: new LinuxStore(userEnv, userElevator, layout, new KeystoreService(userEnv, userElevator, async () => 'needs-elevation')), calls };
  };

  beforeAll(async () => {
    runner = await buildElevatedRunner();
    distribution = makeTrustPki('Distribution Root');
    world = makeTrustWorld({ distributionPem: distribution.rootPem });
    pki = makeTrustPki();
    const layout = await detectLinuxLayout(world.env.env);
    expect(layout?.family).toBe('debian');
    store = new LinuxStore(world.env, world.elevator, layout!, new KeystoreService(world.env, world.elevator));
  });
  afterAll(() => {
    rmSync(runner.dir, { recursive: true, force: true });
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

      // A desktop user: pkexec is simulated by a plain exec of its argv (this test runs as root), which runs the real runner.
      await store.add(pki.rootDer);
      hookAdds();
      const anchor = join(anchors, readdirSync(anchors)[0]!);
      const { store: asUser, calls } = await userStore();
      const userPlan = await asUser.remove(sha);
      expect(userPlan.warnings).toEqual([]);
      expect(userPlan.steps.map((s) => (s.kind === 'run' ? `${s.elevated ? '[admin] ' : ''}${s.file}` : s.kind))).toEqual(['[admin] /bin/rm', '[admin] /usr/sbin/update-ca-certificates', '[admin] keytool']);
      expect(userPlan.steps.at(-1)).toMatchObject({ args: ['-delete', '-alias', alias, '-keystore', `${cacerts} (a backed-up temp copy)`, '-storepass:env', PASSWORD_VARS.store] });
      const refresh = userPlan.steps[1]!;
      const elevated = calls.filter((c) => c.file === '/usr/bin/pkexec').map((c) => elevatedBatch(c));
      expect(elevated).toHaveLength(2);
      expect(elevated[0]).toEqual({ commands: [{ file: '/bin/rm', args: ['-f', '--', anchor] }, refresh.kind === 'run' && { file: refresh.file, args: refresh.args }], rollback: [] });
      const javaDir = join(world.linuxRoot, 'etc/ssl/certs/java');
      // The copy is checked against the verified bytes' SHA-256 (in the batch, piped to sha256sum) before it is moved into place.
      const [install, check, move] = elevated[1]!.commands;
      expect([install?.file, check?.file, move?.file]).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv']);
      const temp = install!.args[3]!;
      expect(temp).toMatch(new RegExp(`^${javaDir}/\\.cacerts\\.certbench-[0-9a-f]+\\.tmp$`));
      expect(check!.stdin).toMatch(new RegExp(`^[0-9a-f]{64}  ${temp}\\n$`));
      expect(move!.args).toEqual(['-f', temp, cacerts]);
      expect(elevated[1]!.rollback).toEqual([{ file: '/bin/rm', args: ['-f', temp] }]);
      const staged = install!.args[2];
      expect(staged).toMatch(/^\/tmp\/certbench-\w+\/keystore$/);
      const edit = calls.find((c) => c.args.includes('-delete'));
      expect(edit?.args).toEqual(expect.arrayContaining(['-delete', '-alias', alias, '-keystore', staged]));
      expect(aliasListed()).toBe(false);
      expect(readdirSync(anchors)).toEqual([]);
      expect(await asUser.contains(sha)).toBe(false);
    } finally {
      rmSync(join(hooks, 'jks-keystore'));
    }
  });

  it('a desktop user adds through the runner: the staged anchor is checked root-side before it moves in, as the plan lists', async () => {
    const anchors = join(world.linuxRoot, 'usr/local/share/ca-certificates');
    const { store: asUser, calls } = await userStore();
    const plan = await asUser.planAdd(pki.rootDer);
    expect(plan.steps.map((s) => (s.kind === 'run' ? `${s.elevated ? '[admin] ' : ''}${s.file}` : s.kind))).toEqual([
      'write-file',
      '[admin] /usr/bin/install',
      '[admin] /usr/bin/sha256sum',
      '[admin] /bin/mv',
      '[admin] /usr/sbin/update-ca-certificates',
    ]);
    expect(plan.elevatedVia).toBe(`/usr/bin/pkexec /usr/bin/env ELECTRON_RUN_AS_NODE=1 ${process.execPath} ${runner.script} <the [admin] steps as JSON>`);
    expect(plan.onFailure?.map((s) => s.kind === 'run' && s.file)).toEqual(['/bin/rm', '/bin/rm']);
    const added = await asUser.add(pki.rootDer);
    const ran = calls.filter((c) => c.file === '/usr/bin/pkexec').map((c) => elevatedBatch(c));
    expect(ran).toHaveLength(1);
    // Exactly the [admin] steps of the plan the user saw (argv and stdin), and its elevated undo as the rollback.
    const shown = (steps: typeof added.steps) => steps.flatMap((s) => (s.kind === 'run' && s.elevated ? [{ file: s.file, args: s.args, ...(s.stdin ? { stdin: s.stdin } : {}) }] : []));
    expect(ran[0]!.commands).toEqual(shown(added.steps));
    expect(ran[0]!.rollback).toEqual(shown(added.onFailure ?? []));
    const [install, check] = ran[0]!.commands;
    expect(check!.stdin).toBe(`${sha256Hex(new TextEncoder().encode(pki.rootPem))}  ${install!.args[3]}\n`);
    expect(readdirSync(anchors)).toEqual([`certbench-${sha256Hex(pki.rootDer).slice(0, 16)}.crt`]);
    expect(verify(world, pki.leafPath).status).toBe(0);
    await store.remove(sha256Hex(pki.rootDer));
    expect(readdirSync(anchors)).toEqual([]);
  });

  it('a staged anchor swapped between staging and the elevated step: nothing lands, the store is unchanged, a clear error', async () => {
    const anchors = join(world.linuxRoot, 'usr/local/share/ca-certificates');
    const certsDir = join(world.linuxRoot, 'etc/ssl/certs');
    const bundle = () => (existsSync(join(certsDir, 'ca-certificates.crt')) ? readFileSync(join(certsDir, 'ca-certificates.crt')) : undefined);
    const before = { anchors: readdirSync(anchors), certs: readdirSync(certsDir).sort(), bundle: bundle() };
    const evil = makeTrustPki('Swapped In Root');
    try {
      const { store: asUser, calls } = await userStore((batch) => writeFileSync(batch.commands[0]!.args[2]!, evil.rootPem));
      await expect(asUser.add(pki.rootDer)).rejects.toMatchObject({
        code: 'verification-failed',
        message: expect.stringMatching(/^\S+certbench-[0-9a-f]{16}\.crt was left as it was: the staged file changed before the elevated copy/),
      });
      expect(calls.filter((c) => c.file === '/usr/bin/pkexec')).toHaveLength(1);
      expect(readdirSync(anchors)).toEqual(before.anchors);
      expect(readdirSync(certsDir).sort()).toEqual(before.certs);
      expect(bundle()).toEqual(before.bundle);
      expect(verify(world, evil.leafPath).status).not.toBe(0);
    } finally {
      removePki(evil);
    }
  });

  it('refuses to remove a certificate that came with the distribution set', async () => {
    const dist = (await store.list()).find((c) => c.subject === 'CN=Distribution Root');
    expect(dist?.removable).toBe(false);
    await expect(store.planRemove(dist!.sha256)).rejects.toMatchObject({ code: 'unsupported' });
  });
});
