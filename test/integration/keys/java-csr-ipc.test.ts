import { createHash } from 'node:crypto';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { createServices, type Services } from '../../../electron/services/services.js';
import type { Channel, Req, Res } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { grantedContext } from '../../helpers/granted-context.js';
import { cleanEnv, keytool, keytoolList, opensslCa, tempDir } from '../../helpers/keystore-tools.js';

const PASSWORD = 'storepass1';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const spec = { subject: { CN: 'java.example' }, sans: [{ type: 'dns' as const, value: 'www.java.example' }], addCnToSan: true, hash: 'SHA-256' as const, keyUsage: ['digitalSignature' as const], extendedKeyUsage: ['serverAuth' as const] };

/**
 * The app's "key pair in a Java keystore": `keys.planJavaCsr` plans and keeps the edit in main,
 * `keys.runJavaCsr` runs exactly that plan by id, `keys.discardJavaCsr` drops it. Real keytool
 * makes the key pair; keytool -list is the oracle of what the store holds.
 */
describe('keys.planJavaCsr / runJavaCsr / discardJavaCsr over IPC with real keytool', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let services: Services;
  let root: string;
  let granted: string[] = [];
  let n = 0;
  const replies: string[] = [];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    services = await createServices(defaultServiceEnv({ dataDir: join(dir, 'data'), env: cleanEnv() }));
    root = await opensslCa(dir, 'root');
  });
  afterAll(() => cleanup());

  async function call<C extends Channel>(channel: C, request: Req<C>): Promise<Result<Res<C>>> {
    const dialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), confirm: async () => false };
    const dispatch = createDispatch(createHandlers(services, { version: 'test', platform: 'linux' }, dialogs));
    const result = (await dispatch(channel, request, grantedContext({ opened: granted, saved: [join(dir, 'web.csr')] }))) as Result<Res<C>>;
    replies.push(JSON.stringify(result));
    return result;
  }
  async function ok<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
    const result = await call(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** A PKCS#12 store holding one trusted certificate, opened (granted) as the app's open dialog would. */
  const storeWithRoot = async () => {
    const store = join(dir, `${n++}-app.p12`);
    expect((await keytool(['-importcert', '-noprompt', '-alias', 'root', '-file', root, '-keystore', store, '-storetype', 'PKCS12', '-storepass:env', 'KS_PW'], PASSWORD)).code).toBe(0);
    granted = [...granted, store];
    return store;
  };
  const plan = (keystore: string, alias = 'web') => ok('keys.planJavaCsr', { spec, keystore, alias, storePassword: PASSWORD, keyType: 'ec-p256' });

  it('plans without writing (store, backup, keytool argv, no password), then runs that plan: keytool lists the new key entry beside the old one', async () => {
    const store = await storeWithRoot();
    const before = await readFile(store);
    const planned = await plan(store, 'Web');
    expect(planned.keystore).toMatchObject({ path: store, storeSha256: sha256(before), storeType: 'PKCS12', alias: 'web', backup: { operation: 'new key pair web' } });
    expect(planned.keystore.argv.map((argv) => argv[0])).toEqual(['-genkeypair', '-certreq']);
    expect(planned.keystore.argv[0]).toEqual(expect.arrayContaining(['-storepass:env', '-alias', 'web', '-dname', 'CN=java.example']));
    expect(planned.plan.sans.map((s) => s.value)).toEqual(['java.example', 'www.java.example']);
    expect(await readFile(store)).toEqual(before);

    const made = await ok('keys.runJavaCsr', { planId: planned.planId });
    expect(made).toMatchObject({ keystore: store, alias: 'web', backupId: expect.any(String) });
    expect(made.pem).toMatch(/^-----BEGIN NEW CERTIFICATE REQUEST-----/);
    expect((await keytoolList(store, PASSWORD)).entries.map((e) => [e.alias, e.entryType])).toEqual(
      expect.arrayContaining([
        ['root', 'trustedCert'],
        ['web', 'privateKey'],
      ]),
    );
    // The CSR is held in main like a designer CSR: saved through keys.csrSave.
    const csrPath = join(dir, 'web.csr');
    await ok('keys.csrSave', { id: made.id, path: csrPath });
    expect(await readFile(csrPath, 'utf8')).toBe(made.pem);
    // A plan runs once.
    const again = await call('keys.runJavaCsr', { planId: planned.planId });
    expect(again.ok ? 'ran twice' : again.error.code).toBe('not-found');
  });

  it('discard drops the plan: the store stays byte-identical and the plan can no longer run', async () => {
    const store = await storeWithRoot();
    const before = await readFile(store);
    const planned = await plan(store);
    await ok('keys.discardJavaCsr', { planId: planned.planId });
    const late = await call('keys.runJavaCsr', { planId: planned.planId });
    expect(late.ok ? 'ran' : late.error.code).toBe('not-found');
    expect(await readFile(store)).toEqual(before);
    expect((await keytoolList(store, PASSWORD)).entries.map((e) => e.alias)).toEqual(['root']);
  });

  it('refuses to run a plan whose store changed since it was shown, and writes nothing', async () => {
    const store = await storeWithRoot();
    const planned = await plan(store);
    expect((await keytool(['-importcert', '-noprompt', '-alias', 'other', '-file', root, '-keystore', store, '-storepass:env', 'KS_PW'], PASSWORD)).code).toBe(0);
    const changed = await readFile(store);
    const ran = await call('keys.runJavaCsr', { planId: planned.planId });
    expect(ran.ok ? 'ran' : ran.error.code).toBe('conflict');
    expect(await readFile(store)).toEqual(changed);
  });

  it('plans only for a store the window was handed, refuses a wrong password and a taken alias, and never echoes the password', async () => {
    const store = await storeWithRoot();
    const other = join(dir, 'not-granted.p12');
    await copyFile(store, other);
    const refused = await call('keys.planJavaCsr', { spec, keystore: other, alias: 'web', storePassword: PASSWORD, keyType: 'ec-p256' });
    expect(refused.ok ? 'planned' : refused.error.code).toBe('forbidden-path');
    const wrong = await call('keys.planJavaCsr', { spec, keystore: store, alias: 'web', storePassword: 'wrong-pass', keyType: 'ec-p256' });
    expect(wrong.ok).toBe(false);
    const taken = await call('keys.planJavaCsr', { spec, keystore: store, alias: 'root', storePassword: PASSWORD, keyType: 'ec-p256' });
    expect(taken.ok ? 'planned' : taken.error.code).toBe('conflict');
    for (const reply of replies) expect(reply).not.toContain(PASSWORD);
  });
});
