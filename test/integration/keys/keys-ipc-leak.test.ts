import { createPrivateKey } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { createServices, type Services } from '../../../electron/services/services.js';
import { KEYS_CHANNELS } from '../../../shared/ipc/channels/keys.js';
import type { Channel, Req, Res } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { keysTempDir, run } from '../../helpers/keys-cli.js';
import { grantedContext } from '../../helpers/granted-context.js';

let dir: string;
let cleanup: () => Promise<void>;
let services: Services;
const replies: { channel: string; text: string }[] = [];
const progress: string[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await keysTempDir());
  services = await createServices(defaultServiceEnv({ dataDir: join(dir, 'data') }));
});
afterAll(() => cleanup());

const dialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), confirm: async () => false };

async function call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const dispatch = createDispatch(createHandlers(services, { version: 'test', platform: 'linux' }, dialogs));
  // The files this walk's user would have picked in the app's open and save dialogs.
  const paths = (...names: string[]) => names.map((n) => join(dir, n));
  const ctx = grantedContext(
    { opened: paths('a.key', 'self.pem', 'answer.pem'), saved: paths('a.key', 'leaf.csr', 'self.pem', 'fullchain.pem', 'java.p12', 'java.csr') },
    (label) => void progress.push(label),
  );
  const result = (await dispatch(channel, request, ctx)) as Result<unknown>;
  replies.push({ channel, text: JSON.stringify(result) });
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as Res<C>;
}

const PASS = 'correct horse battery';
const spec = (cn: string) => ({ subject: { CN: cn }, sans: [], addCnToSan: true, hash: 'SHA-256' as const, keyUsage: ['digitalSignature' as const], extendedKeyUsage: ['serverAuth' as const] });

describe('keys IPC responses', () => {
  it('never carry private key material, over a walk through every keys channel', async () => {
    const a = (await call('keys.generate', { type: 'ec-p256', protection: { encrypt: true, passphrase: PASS } })).key;
    const b = (await call('keys.generate', { type: 'rsa-2048', protection: { encrypt: false } })).key;
    expect((await call('keys.list', {})).keys.map((k) => k.info.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    await call('keys.unlock', { id: a.id, passphrase: PASS });
    const exported = join(dir, 'a.key');
    await call('keys.export', { id: a.id, path: exported, protection: { encrypt: true, passphrase: PASS } });
    await call('keys.open', { path: exported, passphrase: PASS });
    const made = await call('keys.csrCreate', { spec: spec('leaf.example'), key: { kind: 'generate', type: 'ec-p384', protection: { encrypt: true, passphrase: PASS } } });
    await call('keys.csrCreate', { spec: spec('a.example'), key: { kind: 'key', id: a.id } });
    await call('keys.csrSave', { id: made.id, path: join(dir, 'leaf.csr') });
    const self = await call('keys.selfSigned', { spec: spec('self.example'), keyId: b.id, days: 30 });
    await call('keys.certSave', { id: self.id, path: join(dir, 'self.pem') });
    expect((await call('keys.renewSpec', { certificatePath: join(dir, 'self.pem'), keyFamily: 'ec' })).spec.subject).toEqual({ CN: 'self.example' });
    const caKey = (await call('keys.generate', { type: 'ec-p256', protection: { encrypt: false } })).key;
    const ca = await call('keys.caCreate', { subject: { CN: 'Leak CA' }, keyId: caKey.id, days: 365, permittedDns: ['example'], permittedIpv4: [] });
    const leaf = await call('keys.caSign', { csr: { kind: 'id', id: made.id }, caId: ca.id, caKeyId: caKey.id, days: 90 });
    await writeFile(join(dir, 'answer.pem'), leaf.pem + ca.pem);
    const analysis = await call('keys.bundleAnalyse', { answerPath: join(dir, 'answer.pem'), chainPaths: [], requestedSans: [], aia: false });
    expect(analysis.key?.info.id).toBe(made.key.id);
    await call('keys.bundleWrite', { id: analysis.id, outDir: dir, keyProtection: { encrypt: true, passphrase: PASS } });
    const javaRequest = { spec: spec('java.example'), keystore: join(dir, 'java.p12'), alias: 'web', storePassword: PASS, keyType: 'ec-p256' as const };
    await call('keys.discardJavaCsr', { planId: (await call('keys.planJavaCsr', javaRequest)).planId });
    const java = await call('keys.runJavaCsr', { planId: (await call('keys.planJavaCsr', javaRequest)).planId });
    await call('keys.csrSave', { id: java.id, path: join(dir, 'java.csr') });
    await expect(call('keys.open', { path: exported, passphrase: 'wrong passphrase' })).rejects.toThrow();
    await expect(call('keys.export', { id: b.id, path: exported, protection: { encrypt: false } })).rejects.toThrow('conflict');

    expect(new Set(replies.map((r) => r.channel))).toEqual(new Set(KEYS_CHANNELS));
    expect(progress.length).toBeGreaterThan(0);
    // The key keytool made in the keystore must not cross IPC either.
    const fromStore = run('openssl', ['pkcs12', '-in', join(dir, 'java.p12'), '-nocerts', '-nodes', '-passin', 'env:STORE_PW'], { STORE_PW: PASS });
    expect(fromStore.code, fromStore.stdout).toBe(0);
    const keystoreKey = createPrivateKey(fromStore.stdout);
    const secrets = [...(await services.keys.list()).map(({ info }) => services.keys.get(info.id).privateKey), keystoreKey].flatMap((key) => {
      const der = key.export({ type: 'pkcs8', format: 'der' });
      const b64 = der.toString('base64');
      return [b64.slice(0, 64), b64.slice(64, 128), b64.slice(-40), der.toString('hex').slice(0, 80)];
    });
    expect(secrets).toHaveLength(5 * 4);
    for (const reply of replies) {
      expect(reply.text, reply.channel).not.toMatch(/PRIVATE KEY/);
      for (const s of secrets) expect(reply.text.includes(s), `${reply.channel} leaks key bytes`).toBe(false);
      expect(reply.text, reply.channel).not.toContain(PASS);
    }
  });
});
