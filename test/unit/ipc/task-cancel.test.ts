import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { registerHandlers, type InvokeEvent, type IpcMainLike } from '../../../electron/ipc/register-handlers.js';
import { taskProgress } from '../../../electron/ipc/task-progress.js';
import { offThreadPfxReader } from '../../../electron/services/pkcs12/pfx-off-thread.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import type { EventPayload } from '../../../shared/ipc/events.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { slowBomb } from '../../helpers/pfx-bombs.js';
import { buildPfxWorker } from '../../helpers/pfx-worker-script.js';

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

describe('task progress', () => {
  const record = () => {
    const sent: EventPayload<'progress'>[] = [];
    return { sent, task: taskProgress('t#1', (p) => sent.push(p)) };
  };

  it('ends a task that reported progress, however it ended', () => {
    for (const [result, outcome] of [
      [ok(1), 'done'],
      [fail({ code: 'parse', message: 'x' }), 'failed'],
      [fail({ code: 'cancelled', message: 'x' }), 'cancelled'],
    ] as const) {
      const { sent, task } = record();
      task.progress('Working', 0.5);
      task.finish(result);
      expect(sent.at(-1)).toEqual({ taskId: 't#1', label: 'Working', done: true, outcome });
    }
  });

  it('sends nothing more for a task that finished itself or never reported', () => {
    const quiet = record();
    quiet.task.finish(ok(1));
    expect(quiet.sent).toEqual([]);
    const finished = record();
    finished.task.progress('Done', 1);
    finished.task.finish(fail({ code: 'internal', message: 'late' }));
    expect(finished.sent).toEqual([{ taskId: 't#1', label: 'Done', fraction: 1, done: true, outcome: 'done' }]);
  });
});
