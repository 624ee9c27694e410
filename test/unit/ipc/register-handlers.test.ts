import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { isTrustedSender } from '../../../electron/ipc/dispatch.js';
import { registerHandlers, type InvokeEvent, type IpcMainLike } from '../../../electron/ipc/register-handlers.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { CHANNELS } from '../../../shared/ipc/channels.js';
import { LIMITS } from '../../../shared/ipc/limits.js';
import { contract } from '../../../shared/ipc/contract.js';

/** A plain in-memory stand-in for ipcMain: records handlers, lets the test play any sender. */
class FakeIpcMain implements IpcMainLike {
  /** One window: path grants are kept per sender. */
  readonly sender = { send: () => undefined };
  readonly listeners = new Map<string, (event: InvokeEvent, request: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<unknown>): void {
    this.listeners.set(channel, listener);
  }
  call(channel: string, request: unknown, frame: InvokeEvent['senderFrame'] = appFrame) {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frame, sender: this.sender }, request);
  }
}

const appFrame = { url: 'certbench://app/index.html', parent: null };
const missing = '/nonexistent/certbench/file.pem';
const dialogs = { openFiles: async () => ({ paths: [missing] }), saveFile: async () => ({ path: null }), confirm: async () => false };

const services = await createServices(defaultServiceEnv({ dataDir: '/nonexistent-certbench-test' }));

function setup() {
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, createHandlers(services, { version: '1.2.3', platform: 'linux' }, dialogs), isTrustedSender);
  return ipc;
}

describe('registerHandlers', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup().listeners.keys()].sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers a valid request from the app frame', async () => {
    await expect(setup().call('app.info', {})).resolves.toEqual({ ok: true, value: { version: '1.2.3', platform: 'linux' } });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['an iframe of the app', { url: 'certbench://app/index.html', parent: {} }],
    ['a file:// page', { url: 'file:///tmp/x.html', parent: null }],
    ['no frame at all', null],
    ['a garbage URL', { url: 'not a url', parent: null }],
  ])('refuses %s', async (_name, frame) => {
    await expect(setup().call('app.info', {}, frame)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it.each([
    ['an extra key', 'app.info', { extra: 1 }],
    ['a wrong type', 'inspect.open', { path: 42 }],
    ['a missing field', 'inspect.open', {}],
    ['an empty path', 'inspect.open', { path: '' }],
    ['an oversized path', 'inspect.open', { path: 'a'.repeat(LIMITS.maxPathChars + 1) }],
    ['an oversized base64 payload', 'inspect.bytes', { name: 'x', base64: 'A'.repeat(LIMITS.maxBase64Chars + 4) }],
    ['an oversized password', 'inspect.open', { path: '/x', password: 'p'.repeat(LIMITS.maxPasswordChars + 1) }],
    ['null', 'inspect.text', null],
    ['an array', 'inspect.text', ['text']],
    ['a prototype-polluting key', 'app.info', JSON.parse('{"__proto__": {"polluted": true}}')],
  ])('rejects a payload with %s with invalid-request, never a crash', async (_name, channel, payload) => {
    const result = await setup().call(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns a service failure into an error code with a message', async () => {
    const ipc = setup();
    await ipc.call('dialog.openFiles', {});
    await expect(ipc.call('inspect.open', { path: missing })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining(missing) },
    });
  });
});

describe('channel list', () => {
  it('equals the contract keys, with no duplicates', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('names every channel domain.verb', () => {
    for (const name of CHANNELS) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});
