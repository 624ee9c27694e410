import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createTrustHandlers } from '../../../electron/ipc/handlers/trust-handlers.js';
import type { HandlerContext, Handlers } from '../../../electron/ipc/handler-types.js';
import { grantedContext } from '../../helpers/granted-context.js';
import type { Services } from '../../../electron/services/services.js';
import { TrustService } from '../../../electron/services/trust-stores/trust-service.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { TRUST_CHANNELS } from '../../../shared/ipc/channels/trust.js';
import { trustContracts } from '../../../shared/ipc/contracts/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

describe('trust IPC channels through the real dispatcher', () => {
  let world: TrustWorld;
  let pki: TrustPki;
  let dispatch: ReturnType<typeof createDispatch>;
  let objectId: string;
  let ctx: HandlerContext;

  beforeAll(() => {
    world = makeTrustWorld();
    pki = makeTrustPki();
    const store = new ObjectStore();
    objectId = store.put({ kind: 'certificate', der: pki.rootDer, source: 'root.pem' });
    const services = { trust: new TrustService(world.env, new KeystoreService(world.env), world.elevator), store } as unknown as Services;
    dispatch = createDispatch(createTrustHandlers(services) as unknown as Handlers);
    ctx = grantedContext({ opened: [pki.rootPath, join(world.root, 'ipc-db'), '/x'], saved: [join(world.root, 'root.mobileconfig')] });
  });
  afterAll(() => {
    world.cleanup();
    removePki(pki);
  });

  it('declares exactly the channels it lists', () => {
    expect([...TRUST_CHANNELS].sort()).toEqual(Object.keys(trustContracts).sort());
  });

  it('plans, adds from an Inspect object, lists and removes in an NSS db, every answer inside the contract', async () => {
    const storeId = `nss:${join(world.root, 'ipc-db')}`;
    const plan = await dispatch('trust.planAdd', { storeId, source: { kind: 'object', id: objectId } }, ctx);
    expect(plan).toMatchObject({ ok: true, value: { action: 'add', needsElevation: false, alreadyDone: false } });
    expect(existsSync(join(world.root, 'ipc-db'))).toBe(false);
    expect(await dispatch('trust.add', { storeId, source: { kind: 'object', id: objectId }, label: 'IPC Root' }, ctx)).toMatchObject({ ok: true });
    const listed = await dispatch('trust.list', { storeId }, ctx);
    expect(listed).toMatchObject({ ok: true, value: { certificates: [{ sha256: sha256Hex(pki.rootDer), label: 'IPC Root (C,,)', removable: true }] } });
    const where = await dispatch('trust.where', { source: { kind: 'path', path: pki.rootPath }, extraStores: [storeId] }, ctx);
    expect(where).toMatchObject({ ok: true, value: { role: 'root', rows: expect.arrayContaining([expect.objectContaining({ state: 'present' })]) } });
    expect(await dispatch('trust.remove', { storeId, sha256: sha256Hex(pki.rootDer) }, ctx)).toMatchObject({ ok: true, value: { action: 'remove' } });
  });

  it('exports for a fleet and saves where asked', async () => {
    const savePath = join(world.root, 'root.mobileconfig');
    const res = await dispatch('trust.export', { source: { kind: 'path', path: pki.rootPath }, format: 'mobileconfig', nssDbs: [], javaCacerts: [], savePath }, ctx);
    expect(res).toMatchObject({ ok: true, value: { savedTo: savePath } });
    expect(readFileSync(savePath, 'utf8')).toContain('com.apple.security.root');
  });

  it('malformed requests and bad input are error codes, never crashes', async () => {
    expect(await dispatch('trust.remove', { storeId: 'pem:/x', sha256: 'nothex' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('trust.list', { storeId: 'nope' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('trust.planAdd', { storeId: 'pem:/x', source: { kind: 'object', id: 'missing' } }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch('trust.list', { storeId: 'linux', extra: 1 }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
