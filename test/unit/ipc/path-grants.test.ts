import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { askThroughDialog } from '../../../electron/ipc/path-grants.js';
import { registerHandlers, type InvokeEvent, type IpcMainLike } from '../../../electron/ipc/register-handlers.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import type { Confirmation, NativeDialogs } from '../../../electron/ipc/native-dialogs.js';
import { makeHierarchy } from '../../helpers/chain-pki.js';

/** The user's answers to main's dialogs, queued by the test; an empty queue is Cancel. */
class AnsweringDialogs implements NativeDialogs {
  readonly #opens: string[][] = [];
  readonly #saves: string[] = [];
  readonly #answers: boolean[] = [];
  willOpen(...paths: string[]) {
    this.#opens.push(paths);
  }
  willSave(path: string) {
    this.#saves.push(path);
  }
  willConfirm(answer: boolean) {
    this.#answers.push(answer);
  }
  async openFiles() {
    return { paths: this.#opens.shift() ?? [] };
  }
  async saveFile() {
    return { path: this.#saves.shift() ?? null };
  }
  readonly asked: string[] = [];
  async confirm(question: Confirmation) {
    this.asked.push(question.message);
    return this.#answers.shift() ?? false;
  }
}

/** ipcMain stand-in; each `window()` is a sender of its own, as two BrowserWindows would be. */
class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, (event: InvokeEvent, request: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<unknown>): void {
    this.listeners.set(channel, listener);
  }
  window() {
    const event: InvokeEvent = { senderFrame: { url: 'certbench://app/index.html', parent: null }, sender: { send: () => undefined } };
    return (channel: string, request: unknown) => this.listeners.get(channel)!(event, request) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  }
}

/** Main trusts no path from the page: only what its own dialogs answered (issue 16.4). */
describe('IPC path capabilities', () => {
  let dir: string;
  let cert: string;
  let ipc: FakeIpcMain;
  let dialogs: AnsweringDialogs;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-grants-'));
    cert = join(dir, 'leaf.pem');
    await writeFile(cert, (await makeHierarchy({ prefix: 'Grants' })).leaf.pem);
    await writeFile(join(dir, 'secret.txt'), 'not for the page');
    const services = await createServices(defaultServiceEnv({ dataDir: join(dir, 'data') }));
    dialogs = new AnsweringDialogs();
    ipc = new FakeIpcMain();
    registerHandlers(ipc, createHandlers(services, { version: 't', platform: 'linux' }, dialogs), isTrustedSender, askThroughDialog(dialogs));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses to read a path no dialog answered, and reads it once the open dialog did', async () => {
    const call = ipc.window();
    expect(await call('inspect.open', { path: cert })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path', message: `${cert} was not chosen in a Certbench dialog nor allowed; choose it with Open first` },
    });
    dialogs.willOpen(cert);
    expect(await call('dialog.openFiles', {})).toMatchObject({ ok: true, value: { paths: [cert] } });
    expect(await call('inspect.open', { path: cert })).toMatchObject({ ok: true });
    expect(await call('chain.verifyFiles', { paths: [cert, join(dir, 'secret.txt')], trust: [] })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    // An NSS database as trust is its directory, checked like any path (not the spelling around it).
    const nssDb = join(dir, 'nssdb');
    for (const spec of [`nss:${nssDb}`, `nss:sql:${nssDb}`]) {
      expect(await call('chain.verifyFiles', { paths: [cert], trust: [spec] })).toMatchObject({ ok: false, error: { code: 'forbidden-path', message: expect.stringMatching(new RegExp(`^${nssDb} was not chosen`)) } });
    }
  });

  it('writes only where the save dialog answered; an opened file is not a place to write', async () => {
    const call = ipc.window();
    dialogs.willOpen(cert);
    const opened = await call('dialog.openFiles', {});
    expect(opened).toMatchObject({ ok: true });
    const { value } = (await call('inspect.open', { path: cert })) as unknown as { value: { objects: { id: string }[] } };
    const ids = value.objects.map((o) => o.id);
    const out = join(dir, 'export.pem');
    expect(await call('inspect.export', { ids, format: 'pem', path: cert, overwrite: true })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    expect(await call('inspect.export', { ids, format: 'pem', path: out })).toMatchObject({ ok: false, error: { code: 'forbidden-path', message: expect.stringContaining('with Save first') } });
    dialogs.willSave(out);
    expect(await call('dialog.saveFile', {})).toMatchObject({ ok: true, value: { path: out } });
    expect(await call('inspect.export', { ids, format: 'pem', path: out })).toMatchObject({ ok: true });
    expect(await readFile(out, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('a path typed into the page is used only after the user allows it in main’s own dialog', async () => {
    const call = ipc.window();
    const typed = join(dir, 'secret.txt');
    dialogs.asked.length = 0;
    dialogs.willConfirm(false);
    expect(await call('inspect.open', { path: typed })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    expect(dialogs.asked).toEqual([`Read ${typed}?`]);
    dialogs.willConfirm(true);
    expect(await call('inspect.open', { path: cert })).toMatchObject({ ok: true });
    // Allowed once: the window keeps the grant, main does not ask again.
    expect(await call('inspect.open', { path: cert })).toMatchObject({ ok: true });
    expect(dialogs.asked).toEqual([`Read ${typed}?`, `Read ${cert}?`]);
  });

  it('grants belong to the window that got the answer', async () => {
    const first = ipc.window();
    const second = ipc.window();
    dialogs.willOpen(join(dir, 'secret.txt'));
    await first('dialog.openFiles', {});
    expect(await second('inspect.open', { path: join(dir, 'secret.txt') })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
  });

  it('a keystore edit, a fleet export and a bundle folder need their dialogs too', async () => {
    const call = ipc.window();
    const store = { path: join(dir, 'cacerts'), password: 'changeit' };
    expect(await call('keystore.delete', { store, alias: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    expect(await call('trust.export', { source: { kind: 'path', path: cert }, format: 'shell', nssDbs: ['/any/remote/db'], javaCacerts: [] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
    expect(await call('keys.bundleWrite', { id: 'x', outDir: '/etc', keyProtection: { encrypt: false } })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    expect(await call('chain.verifyText', { text: 'x', trust: ['system', `pem:${join(dir, 'secret.txt')}`] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path', message: expect.stringContaining(join(dir, 'secret.txt')) },
    });
    expect(await call('trust.planAdd', { storeId: `pem:${join(dir, 'bundle.pem')}`, source: { kind: 'object', id: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
  });
});
