import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { registerHandlers, type InvokeEvent, type IpcMainLike } from '../../../electron/ipc/register-handlers.js';
import { offThreadPfxReader } from '../../../electron/services/pkcs12/pfx-off-thread.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { slowBomb } from '../../helpers/pfx-bombs.js';
import { buildPfxWorker } from '../../helpers/bundled-script.js';

const appFrame = { url: 'certbench://app/index.html', parent: null };
const dialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), confirm: async () => false };

let worker: { script: string; dir: string };
let call: (channel: string, request: unknown) => Promise<unknown>;
beforeAll(async () => {
  worker = await buildPfxWorker();
  const services = await createServices(defaultServiceEnv({ dataDir: '/nonexistent-certbench-test', pfxReader: offThreadPfxReader(worker.script) }));
  const listeners = new Map<string, (event: InvokeEvent, request: unknown) => Promise<unknown>>();
  const ipc: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener) };
  registerHandlers(ipc, createHandlers(services, { version: 'test', platform: 'linux' }, dialogs), isTrustedSender);
  call = (channel, request) => listeners.get(channel)!({ senderFrame: appFrame, sender: { send: () => undefined } }, request);
}, 60_000);
afterAll(() => rm(worker.dir, { recursive: true, force: true }));

describe('task.cancel', () => {
  it('stops a PFX bomb being opened, while main keeps answering', async () => {
    const bomb = slowBomb();
    const opening = call('inspect.bytes', { name: 'bomb.p12', base64: Buffer.from(bomb).toString('base64'), taskId: 'open-1' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    expect(await call('app.info', {})).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(50);
    expect(await call('task.cancel', { taskId: 'open-1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await opening).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('task.cancel', { taskId: 'open-1' })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('refuses a second task under a running id', async () => {
    const bomb = slowBomb();
    const base64 = Buffer.from(bomb).toString('base64');
    const first = call('inspect.bytes', { name: 'a.p12', base64, taskId: 'same' });
    expect(await call('inspect.bytes', { name: 'b.p12', base64, taskId: 'same' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call('task.cancel', { taskId: 'same' });
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
