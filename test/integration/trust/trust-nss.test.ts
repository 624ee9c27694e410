import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NssStore } from '../../../electron/services/trust-stores/nss-store.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

/** `certutil -V … -u L`: NSS itself says whether it now trusts the root as an SSL CA. */
function certutilValid(db: string, nickname: string): { status: number; out: string } {
  const r = spawnSync('certutil', ['-V', '-d', db, '-n', nickname, '-u', 'L'], { env: cleanEnv(), encoding: 'utf8' });
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}

describe.each(['sql', 'dbm'] as const)('nss store (%s), real certutil on temp databases', (type) => {
  let world: TrustWorld;
  let pki: TrustPki;
  let dir: string;
  let store: NssStore;

  beforeAll(() => {
    world = makeTrustWorld();
    pki = makeTrustPki();
    dir = join(world.root, `db-${type}`);
    store = new NssStore(world.env, world.elevator, `${type}:${dir}`);
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
  });

  it('plans database creation when the directory is missing, without touching it', async () => {
    const plan = await store.planAdd(pki.rootDer, { label: 'Test Root' });
    expect(plan.steps.map((s) => s.kind)).toEqual(['make-dir', 'run', 'write-file', 'run']);
    expect(plan.steps[1]).toMatchObject({ kind: 'run', file: 'certutil', args: ['-N', '--empty-password', '-d', `${type}:${dir}`] });
    const add = plan.steps[3]!;
    expect(add.kind === 'run' && add.args.slice(0, 7)).toEqual(['-A', '-d', `${type}:${dir}`, '-t', 'C,,', '-n', 'Test Root']);
    expect(existsSync(dir)).toBe(false);
  });

  it('creates the database, adds the root with C,, and certutil -V agrees', async () => {
    await store.add(pki.rootDer, { label: 'Test Root' });
    expect(existsSync(join(dir, type === 'sql' ? 'cert9.db' : 'cert8.db'))).toBe(true);
    const v = certutilValid(`${type}:${dir}`, 'Test Root');
    expect(v.out).toContain('certificate is valid');
    expect(v.status).toBe(0);
    const listed = await store.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ sha256: sha256Hex(pki.rootDer), subject: 'CN=Certbench Test Root', label: 'Test Root', trust: 'trusted', trustText: 'C,,', role: 'root' });
  });

  it('a second add on the existing database is a no-op (never certutil -N again: it hangs)', async () => {
    const plan = await store.planAdd(pki.rootDer);
    expect(plan.alreadyDone).toBe(true);
  });

  it('warns before adding an intermediate as an anchor', async () => {
    const plan = await store.planAdd(pki.intermediateDer);
    expect(plan.warnings.join(' ')).toMatch(/intermediate CA, not a root/);
  });

  it('removes by SHA-256 and certutil -V no longer finds it', async () => {
    await store.remove(sha256Hex(pki.rootDer));
    expect(certutilValid(`${type}:${dir}`, 'Test Root').status).not.toBe(0);
    expect(await store.list()).toEqual([]);
  });
});

describe('nss store on an existing database', () => {
  let world: TrustWorld;
  let pki: TrustPki;

  beforeAll(() => {
    world = makeTrustWorld();
    pki = makeTrustPki();
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
  });

  it('sets C,, on a certificate present without trust instead of adding a second nickname', async () => {
    const dir = join(world.root, 'existing');
    mkdirSync(dir);
    expect(spawnSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`], { env: cleanEnv() }).status).toBe(0);
    expect(spawnSync('certutil', ['-A', '-d', `sql:${dir}`, '-t', ',,', '-n', 'untrusted', '-i', pki.rootPath], { env: cleanEnv() }).status).toBe(0);
    const store = new NssStore(world.env, world.elevator, dir);
    expect(await store.contains(sha256Hex(pki.rootDer))).toBe(false);
    const plan = await store.add(pki.rootDer, { label: 'other name' });
    expect(plan.steps).toEqual([{ kind: 'run', file: 'certutil', args: ['-M', '-d', `sql:${dir}`, '-n', 'untrusted', '-t', 'C,,'], elevated: false }]);
    expect(certutilValid(`sql:${dir}`, 'untrusted').status).toBe(0);
  });

  it('shows an explicit distrust (p,p,p) and changes it only when the user chooses to', async () => {
    const dir = join(world.root, 'distrusted');
    mkdirSync(dir);
    expect(spawnSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`], { env: cleanEnv() }).status).toBe(0);
    expect(spawnSync('certutil', ['-A', '-d', `sql:${dir}`, '-t', 'p,p,p', '-n', 'blocked', '-i', pki.rootPath], { env: cleanEnv() }).status).toBe(0);
    const store = new NssStore(world.env, world.elevator, dir);
    expect(await store.holding(sha256Hex(pki.rootDer))).toBe('distrusted');
    expect((await store.list())[0]).toMatchObject({ label: 'blocked', trust: 'distrusted', trustText: 'p,p,p' });
    await expect(store.planAdd(pki.rootDer)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/p,p,p/) });
    const listing = spawnSync('certutil', ['-L', '-d', `sql:${dir}`], { env: cleanEnv(), encoding: 'utf8' }).stdout;
    expect(listing).toMatch(/blocked\s+p,p,p/);
    const plan = await store.add(pki.rootDer, { overrideDistrust: true });
    expect(plan.steps).toMatchObject([{ kind: 'run', args: ['-M', '-d', `sql:${dir}`, '-n', 'blocked', '-t', 'C,,'] }]);
    expect(certutilValid(`sql:${dir}`, 'blocked').status).toBe(0);
  });

  it('lists every DER from one read of cert9.db: one certutil run, the same bytes certutil -r exports', async () => {
    const dir = join(world.root, 'one-pass');
    const writer = new NssStore(world.env, world.elevator, dir);
    const extra = makeTrustPki('One Pass Root');
    try {
      await writer.add(pki.rootDer, { label: 'first' });
      await writer.add(extra.rootDer, { label: 'second' });
      const calls: string[][] = [];
      const runner = world.env.runner;
      const counting = { ...world.env, runner: { run: (r: Parameters<typeof runner.run>[0]) => (calls.push([...r.args]), runner.run(r)) } };
      const listed = await new NssStore(counting, world.elevator, dir).list();
      expect(calls).toEqual([['-L', '-d', `sql:${dir}`]]);
      for (const nickname of ['first', 'second']) {
        const der = spawnSync('certutil', ['-L', '-d', `sql:${dir}`, '-n', nickname, '-r'], { env: cleanEnv() }).stdout;
        expect(listed.find((c) => c.label === nickname)?.der).toEqual(new Uint8Array(der));
      }
    } finally {
      removePki(extra);
    }
  });

  it('a mistyped path is unreadable with its reason, not an empty store', async () => {
    const store = new NssStore(world.env, world.elevator, join(world.root, 'no-such-profile'));
    expect((await store.describe()).unreadable).toMatch(/no NSS database at .*no-such-profile/);
  });

  it('creating a database for a service user plans the chown step', async () => {
    const dir = join(world.root, 'agent-db');
    const store = new NssStore(world.env, world.elevator, dir);
    const plan = await store.planAdd(pki.rootDer, { owner: 'nobody:nogroup' });
    expect(plan.steps.at(-1)).toMatchObject({ kind: 'run', file: 'chown', args: ['-R', '--', 'nobody:nogroup', dir] });
    expect(plan.sideEffects.join(' ')).toMatch(/given to nobody:nogroup/);
    await store.add(pki.rootDer, { owner: 'nobody:nogroup' });
    const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim();
    expect(nobody).toMatch(/^[1-9]\d*$/);
    expect(String(statSync(join(dir, 'cert9.db')).uid)).toBe(nobody);
    const other = new NssStore(world.env, world.elevator, join(world.root, 'agent-db-2'));
    await expect(other.planAdd(pki.rootDer, { owner: 'x; rm -rf /' })).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('a file where the database should be is a clear error', async () => {
    const file = join(world.root, 'not-a-dir');
    writeFileSync(file, 'x');
    const store = new NssStore(world.env, world.elevator, file);
    await expect(store.planAdd(pki.rootDer)).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
