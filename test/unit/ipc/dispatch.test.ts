import { CertbenchError } from '../../../shared/errors.js';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import type { Handlers } from '../../../electron/ipc/handler-types.js';
import { PathGrants } from '../../../electron/ipc/path-grants.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';

const ctx = { progress: () => undefined, grants: new PathGrants() };
const dialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), confirm: async () => false };
const services = await createServices(defaultServiceEnv({ dataDir: '/nonexistent' }));
const realHandlers = () => createHandlers(services, { version: 'v', platform: 'p' }, dialogs);

describe('createDispatch', () => {
  it('refuses an unknown channel by code', async () => {
    await expect(createDispatch(realHandlers())('fs.readAnything', {}, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await expect(createDispatch(realHandlers())('constructor', {}, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses a response outside the contract, so nothing extra (a key, a stack) can leak', async () => {
    const leaky: Handlers = { ...realHandlers(), 'app.info': async () => ({ version: '1', platform: 'p', privateKey: 'secret' }) as never };
    const result = await createDispatch(leaky)('app.info', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('turns a thrown non-Certbench error into internal without a stack', async () => {
    const broken: Handlers = { ...realHandlers(), 'app.info': async () => { throw new TypeError('boom'); } };
    const result = await createDispatch(broken)('app.info', {}, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('ends a call that reported progress with one end event, on failure too', async () => {
    const ends: string[] = [];
    const record = { ...ctx, end: (label: string, outcome: string) => ends.push(`${label}:${outcome}`) };
    const failing: Handlers = { ...realHandlers(), 'app.info': async (_req, c) => { c.progress('Connecting'); throw new TypeError('refused'); } };
    const working: Handlers = { ...realHandlers(), 'app.info': async (_req, c) => { c.progress('Working', 1); return { version: '1', platform: 'p' }; } };
    const cancelled: Handlers = { ...realHandlers(), 'app.info': async (_req, c) => { c.progress('Opening'); throw new CertbenchError('cancelled', 'stopped'); } };
    await createDispatch(failing)('app.info', {}, record);
    await createDispatch(working)('app.info', {}, record);
    await createDispatch(realHandlers())('app.info', {}, record);
    await createDispatch(cancelled)('app.info', {}, record);
    expect(ends).toEqual(['Connecting:failed', 'Working:done', 'Opening:cancelled']);
  });
});
