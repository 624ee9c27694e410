import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createChainHandlers } from '../../../electron/ipc/handlers/chain-handlers.js';
import { createAppHandlers } from '../../../electron/ipc/handlers/app-handlers.js';
import type { DispatchContext, HandlerContext, Handlers } from '../../../electron/ipc/handler-types.js';
import { RunningTasks } from '../../../electron/ipc/running-tasks.js';
import type { TaskOutcome } from '../../../shared/ipc/events.js';
import { grantedContext } from '../../helpers/granted-context.js';
import type { Services } from '../../../electron/services/services.js';
import { readFile } from 'node:fs/promises';
import { basicHierarchy, type TestCert } from '../../helpers/chain-certs.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { startChainServer, type ChainServer } from '../../helpers/chain-servers.js';

describe('chain IPC channels through the real dispatcher', () => {
  let t: ChainTestEnv;
  let certs: { root: TestCert; inter: TestCert; leaf: TestCert };
  let server: ChainServer;
  let trust: string;
  let dispatch: ReturnType<typeof createDispatch>;
  const progress: string[] = [];
  let ctx: HandlerContext;

  beforeAll(async () => {
    t = await makeChainTestEnv();
    certs = await basicHierarchy();
    trust = `pem:${await t.writePem('root.pem', [certs.root])}`;
    server = await startChainServer(certs.leaf, [certs.inter]);
    const services = { chain: t.service, store: t.store } as unknown as Services;
    const tasks = new RunningTasks();
    const dialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), confirm: async () => false };
    dispatch = createDispatch({ ...createAppHandlers({ version: 'test', platform: 'linux' }, dialogs, tasks), ...createChainHandlers(services, tasks) } as unknown as Handlers);
    ctx = grantedContext({ opened: [trust.slice('pem:'.length)], saved: [`${t.dir}/fullchain.pem`] }, (label) => void progress.push(label));
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it('chain.fetch answers a report inside its contract and reports progress', async () => {
    const res = await dispatch('chain.fetch', { target: server.target, servername: 'localhost', trust: [trust] }, ctx);
    expect(res).toMatchObject({ ok: true, value: { trusted: true } });
    expect(progress.some((p) => p.startsWith('TLS handshake'))).toBe(true);
  });

  it('chain.verifyText and chain.exportBundle write the corrected bundle in order', async () => {
    const res = await dispatch('chain.verifyText', { text: certs.inter.pem + certs.leaf.pem, hostname: 'localhost', trust: [trust] }, ctx);
    if (!res.ok) throw new Error(res.error.message);
    const report = res.value as { bundle: { chain: string[] }; certificates: { sha256: string; id: string }[]; diagnoses: { code: string }[] };
    // Text and files may come in any order: no order warning, the bundle is ordered anyway.
    expect(report.diagnoses.map((d) => d.code)).toEqual([]);
    const ids = report.bundle.chain.map((sha) => report.certificates.find((c) => c.sha256 === sha)!.id);
    const out = `${t.dir}/fullchain.pem`;
    expect(await dispatch('chain.exportBundle', { path: out, certificateIds: ids }, ctx)).toMatchObject({ ok: true, value: { certificates: 2 } });
    expect(await readFile(out, 'utf8')).toBe(certs.leaf.pem + certs.inter.pem);
  });

  it('the shared task.cancel stops a fetch stuck in the handshake, which ends as cancelled', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const target = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const ends: TaskOutcome[] = [];
    const fetchCtx: DispatchContext = { ...ctx, end: (_label, outcome) => void ends.push(outcome) };
    const pending = dispatch('chain.fetch', { target, trust: [trust], taskId: 'task-1' }, fetchCtx);
    await new Promise((r) => setTimeout(r, 100));
    expect(await dispatch('task.cancel', { taskId: 'task-1' }, ctx)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(ends).toEqual(['cancelled']);
    expect(await dispatch('chain.cancel', { taskId: 'task-1' }, ctx)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    silent.close();
  });

  it('rejects malformed requests with invalid-request', async () => {
    expect(await dispatch('chain.fetch', { target: '', trust: [trust] }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('chain.fetch', { target: 'x', extra: 1 }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('chain.fetch', { target: 'x', at: 'yesterday' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
