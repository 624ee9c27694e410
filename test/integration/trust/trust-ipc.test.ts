import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createTrustHandlers } from '../../../electron/ipc/handlers/trust-handlers.js';
import type { HandlerContext, Handlers } from '../../../electron/ipc/handler-types.js';
import { grantedContext } from '../../helpers/granted-context.js';
import type { Services } from '../../../electron/services/services.js';
import { TrustService } from '../../../electron/services/trust-stores/trust-service.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { TRUST_CHANNELS } from '../../../shared/ipc/channels/trust.js';
import { trustContracts } from '../../../shared/ipc/contracts/trust.js';
import type { IssuedPlan } from '../../../shared/model/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';
import type { Confirmation, NativeDialogs } from '../../../electron/ipc/native-dialogs.js';

guardHostStores();

describe('trust IPC channels through the real dispatcher', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  let dispatch: ReturnType<typeof createDispatch>;
  let objectId: string;
  let ctx: HandlerContext;
  /** Main's own dialogs: only confirm is asked here, answered from `answers` (empty: Cancel). */
  const answers: boolean[] = [];
  const dialogs: NativeDialogs = {
    openFiles: async () => ({ paths: [] }),
    saveFile: async () => ({ path: null }),
    confirm: async (_question: Confirmation) => answers.shift() ?? false,
  };

  /** certutil's argv as the wrapper on PATH logged it, the listing calls (-L) left out. */
  let argvLog: string;
  const executedChanges = () =>
    readFileSync(argvLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\0').slice(0, -1))
      .filter((args) => args[0] !== '-L');

  beforeAll(() => {
    world = makeTrustWorld();
    // A certutil wrapper first on PATH records the argv it really receives, then runs the real one.
    const bin = join(world.root, 'bin');
    argvLog = join(world.root, 'certutil-argv.log');
    mkdirSync(bin);
    writeFileSync(join(bin, 'certutil'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> "${argvLog}"\necho >> "${argvLog}"\nexec /usr/bin/certutil "$@"\n`, { mode: 0o755 });
    world.env.env.PATH = `${bin}:${world.env.env.PATH ?? '/usr/bin:/bin'}`;
    pki = makeTrustPki();
    const store = new ObjectStore();
    objectId = store.put({ kind: 'certificate', der: pki.rootDer, source: 'root.pem' });
    const services = { trust: new TrustService(world.env, new KeystoreService(world.env), world.elevator), store } as unknown as Services;
    dispatch = createDispatch(createTrustHandlers(services, dialogs) as unknown as Handlers);
    const opened = ['ipc-db', 'changing-db', 'input.pem', 'bundle.pem', 'declined-a.pem', 'declined-b.pem', 'confirmed-a.pem', 'confirmed-b.pem', 'single.pem'];
    ctx = grantedContext({ opened: [pki.rootPath, pki.intermediatePath, ...opened.map((name) => join(world.root, name)), '/x'], saved: [join(world.root, 'root.mobileconfig')] });
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
  });

  it('declares exactly the channels it lists', () => {
    expect([...TRUST_CHANNELS].sort()).toEqual(Object.keys(trustContracts).sort());
  });

  it('plans, runs by id, lists and removes in an NSS db: the argv certutil actually received is the plan shown', async () => {
    const storeId = `nss:${join(world.root, 'ipc-db')}`;
    const plan = await dispatch('trust.planAdd', { storeId, source: { kind: 'object', id: objectId }, label: 'IPC Root' }, ctx);
    expect(plan).toMatchObject({ ok: true, value: { action: 'add', needsElevation: false, alreadyDone: false, platform: expect.any(String), runnableHere: true } });
    expect(existsSync(join(world.root, 'ipc-db'))).toBe(false);
    const shown = (plan as { value: IssuedPlan }).value;
    writeFileSync(argvLog, '');
    expect(await dispatch('trust.run', { planId: shown.planId }, ctx)).toMatchObject({ ok: true, value: { action: 'add' } });
    expect(executedChanges()).toEqual(shown.steps.flatMap((s) => (s.kind === 'run' ? [s.args] : [])));
    expect(await dispatch('trust.run', { planId: shown.planId }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const listed = await dispatch('trust.list', { storeId }, ctx);
    expect(listed).toMatchObject({ ok: true, value: { certificates: [{ sha256: sha256Hex(pki.rootDer), label: 'IPC Root', trustText: 'C,,', removable: true }] } });
    const where = await dispatch('trust.where', { source: { kind: 'path', path: pki.rootPath }, extraStores: [storeId] }, ctx);
    expect(where).toMatchObject({ ok: true, value: { role: 'root', rows: expect.arrayContaining([expect.objectContaining({ state: 'present' })]) } });
    const removal = await dispatch('trust.planRemove', { storeId, sha256: sha256Hex(pki.rootDer) }, ctx);
    writeFileSync(argvLog, '');
    expect(await dispatch('trust.run', { planId: (removal as { value: IssuedPlan }).value.planId }, ctx)).toMatchObject({ ok: true, value: { action: 'remove' } });
    expect(executedChanges()).toEqual([['-D', '-d', `sql:${join(world.root, 'ipc-db')}`, '-n', 'IPC Root']]);
  });

  it('refuses a plan whose store changed before the run, and one whose input file changed', async () => {
    const dir = join(world.root, 'changing-db');
    const storeId = `nss:${dir}`;
    const first = await dispatch('trust.planAdd', { storeId, source: { kind: 'path', path: pki.rootPath } }, ctx);
    mkdirSync(dir);
    spawnSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`], { env: cleanEnv() });
    spawnSync('certutil', ['-A', '-d', `sql:${dir}`, '-t', ',,', '-n', 'someone else', '-i', pki.intermediatePath], { env: cleanEnv() });
    // The plan was made for a missing database; the store now exists and holds something else.
    const refused = await dispatch('trust.run', { planId: (first as { value: IssuedPlan }).value.planId }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('the store changed since the plan') } });
    const second = await dispatch('trust.planAdd', { storeId, source: { kind: 'path', path: pki.rootPath } }, ctx);
    spawnSync('certutil', ['-M', '-d', `sql:${dir}`, '-n', 'someone else', '-t', 'C,,'], { env: cleanEnv() });
    expect(await dispatch('trust.run', { planId: (second as { value: IssuedPlan }).value.planId }, ctx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const input = join(world.root, 'input.pem');
    writeFileSync(input, readFileSync(pki.rootPath));
    const third = await dispatch('trust.planAdd', { storeId, source: { kind: 'path', path: input } }, ctx);
    writeFileSync(input, readFileSync(pki.intermediatePath));
    expect(await dispatch('trust.run', { planId: (third as { value: IssuedPlan }).value.planId }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('the input changed since the plan') },
    });
    const listing = spawnSync('certutil', ['-L', '-d', `sql:${dir}`], { env: cleanEnv(), encoding: 'utf8' }).stdout;
    expect(listing).not.toContain('Certbench Test Root');
  });

  it('add to all missing is a set of plans, nothing written until each runs; an intermediate gets none for anchor stores', async () => {
    const bundle = join(world.root, 'bundle.pem');
    writeFileSync(bundle, '');
    const storeId = `pem:${bundle}`;
    const planned = await dispatch('trust.planAddToAllMissing', { source: { kind: 'path', path: pki.rootPath }, extraStores: [storeId] }, ctx);
    const value = (planned as { value: { plans: IssuedPlan[]; skipped: unknown[] } }).value;
    expect(value.plans.map((p) => p.storeId)).toContain(storeId);
    expect(readFileSync(bundle, 'utf8')).toBe('');
    for (const plan of value.plans) expect(await dispatch('trust.discard', { planId: plan.planId }, ctx)).toMatchObject({ ok: true });
    const forIntermediate = await dispatch('trust.planAddToAllMissing', { source: { kind: 'path', path: pki.intermediatePath }, extraStores: [storeId] }, ctx);
    expect(forIntermediate).toMatchObject({ ok: true, value: { plans: [] } });
  });

  it('add to all missing runs nothing until main itself confirms the batch, then asks no more for it', async () => {
    const bundles = ['declined-a.pem', 'declined-b.pem', 'confirmed-a.pem', 'confirmed-b.pem'].map((name) => join(world.root, name));
    for (const bundle of bundles) writeFileSync(bundle, '');
    const plan = async (stores: string[]) => {
      const planned = await dispatch('trust.planAddToAllMissing', { source: { kind: 'path', path: pki.rootPath }, extraStores: stores.map((s) => `pem:${s}`) }, ctx);
      const ids = (planned as { value: { plans: IssuedPlan[] } }).value.plans.filter((p) => stores.some((s) => p.storeId === `pem:${s}`));
      expect(ids).toHaveLength(2);
      return ids.map((p) => p.planId);
    };
    const confirm = vi.spyOn(dialogs, 'confirm');

    answers.push(false);
    const declined = await plan(bundles.slice(0, 2));
    expect(await dispatch('trust.run', { planId: declined[0]! }, ctx)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await dispatch('trust.run', { planId: declined[1]! }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0]![0]).toMatchObject({ title: 'Add to all missing', detail: expect.stringContaining(`pem:${bundles[0]}`) });
    for (const bundle of bundles.slice(0, 2)) expect(readFileSync(bundle, 'utf8')).toBe('');

    answers.push(true);
    const confirmed = await plan(bundles.slice(2));
    for (const planId of confirmed) expect(await dispatch('trust.run', { planId }, ctx)).toMatchObject({ ok: true });
    expect(confirm).toHaveBeenCalledTimes(2);
    for (const bundle of bundles.slice(2)) expect(readFileSync(bundle, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    confirm.mockRestore();
  });

  it('a single store plan runs without main asking', async () => {
    const bundle = join(world.root, 'single.pem');
    writeFileSync(bundle, '');
    const planned = await dispatch('trust.planAdd', { storeId: `pem:${bundle}`, source: { kind: 'path', path: pki.rootPath } }, ctx);
    const confirm = vi.spyOn(dialogs, 'confirm');
    expect(await dispatch('trust.run', { planId: (planned as { value: IssuedPlan }).value.planId }, ctx)).toMatchObject({ ok: true });
    expect(confirm).not.toHaveBeenCalled();
    confirm.mockRestore();
  });

  it('exports for a fleet and saves where asked', async () => {
    const savePath = join(world.root, 'root.mobileconfig');
    const res = await dispatch('trust.export', { source: { kind: 'path', path: pki.rootPath }, format: 'mobileconfig', nssDbs: [], javaCacerts: [], savePath }, ctx);
    expect(res).toMatchObject({ ok: true, value: { savedTo: savePath } });
    expect(readFileSync(savePath, 'utf8')).toContain('com.apple.security.root');
  });

  it('malformed requests and bad input are error codes, never crashes', async () => {
    expect(await dispatch('trust.planRemove', { storeId: 'pem:/x', sha256: 'nothex' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('trust.run', { planId: 'not-a-plan' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch('trust.list', { storeId: 'nope' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('trust.planAdd', { storeId: 'pem:/x', source: { kind: 'object', id: 'missing' } }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch('trust.list', { storeId: 'linux', extra: 1 }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
