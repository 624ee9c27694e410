import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPrivateKeyFile } from '../../../electron/services/keys/open-private-key.js';
import { InspectService } from '../../../electron/services/inspect/inspect-service.js';
import { offThreadKeyDecryptor } from '../../../electron/services/pkcs12/pfx-off-thread.js';
import { readPrivateKey } from '../../../electron/services/private-keys/read-private-key.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { errorCodeOfAsync } from '../../helpers/error-code.js';
import { buildPfxWorker } from '../../helpers/bundled-script.js';

/** An encrypted PKCS#8 PEM key as openssl writes it, with the iteration count an attacker picks. */
function opensslEncryptedKey(iterations: number): string {
  const plain = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  return execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-iter', String(iterations), '-passout', 'pass:k'], { input: plain, env, encoding: 'utf8' });
}

/**
 * The longest gap between 5 ms timer ticks on this thread while the work `start` begins runs: how
 * long it was blocked. The work starts from a tick, so work done synchronously by the call counts.
 */
async function longestStall<T>(start: () => Promise<T>): Promise<{ stall: number; work: Promise<T> }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const { work } = await new Promise<{ work: Promise<T> }>((resolve) => setTimeout(() => resolve({ work: start() }), 20));
  await work.catch(() => undefined);
  // One more tick, so a block that ended with the work is measured too.
  await new Promise((resolve) => setTimeout(resolve, 10));
  clearInterval(timer);
  return { stall: longest, work };
}

// 1.9 M PBKDF2-SHA256 iterations: within one file's budget, and over a second of OpenSSL's
// uninterruptible derivation here, which on main would freeze the window for all of it.
const heavy = opensslEncryptedKey(1_900_000);

let worker: { script: string; dir: string };
let inspect: InspectService;
beforeAll(async () => {
  worker = await buildPfxWorker();
  inspect = new InspectService(defaultServiceEnv({ dataDir: '/nonexistent-certbench-test', keyDecryptor: offThreadKeyDecryptor(worker.script) }), new ObjectStore());
}, 60_000);
afterAll(() => rm(worker.dir, { recursive: true, force: true }));

describe("the app's inspect decrypts encrypted keys of untrusted files on a worker thread", () => {
  it('opens the key the in-process reader opens while this thread stays free', async () => {
    const { stall, work } = await longestStall(() => inspect.openText(heavy, 'k'));
    const result = await work;
    const here = createPublicKey(readPrivateKey(new TextEncoder().encode(heavy), 'k')).export({ type: 'spki', format: 'der' });
    expect(result.objects).toEqual([expect.objectContaining({ kind: 'private-key', key: expect.objectContaining({ spkiSha256: sha256Hex(here) }) })]);
    // In-process the thread would stall for the whole derivation (over a second); what is left is
    // scheduling noise of a loaded 2-core machine.
    expect(stall).toBeLessThan(250);
  });

  it('answers a wrong passphrase with wrong-password, and keeps the file budget in main', async () => {
    expect(await errorCodeOfAsync(() => inspect.openText(heavy, 'wrong'))).toBe('wrong-password');
    // The second key's cost is reserved on the file's budget before any worker starts.
    const result = await inspect.openText(`${heavy}\n${heavy}`, 'k');
    expect(result.objects.map((o) => o.kind)).toEqual(['private-key']);
    expect(result.problems).toEqual([expect.objectContaining({ origin: 'PEM block 2 (ENCRYPTED PRIVATE KEY)', code: 'work-limit' })]);
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    const work = inspect.openText(heavy, 'k', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    expect(await errorCodeOfAsync(() => work)).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("the app's key opening (Keys workspace) decrypts on the same worker", () => {
  it('opens an encrypted key file while this thread stays free', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'certbench-key-off-thread-'));
    try {
      const path = join(dir, 'heavy.key');
      await writeFile(path, heavy);
      const { stall, work } = await longestStall(() => openPrivateKeyFile(path, 'k', undefined, offThreadKeyDecryptor(worker.script)));
      expect((await work).asymmetricKeyType).toBe('ec');
      expect(stall).toBeLessThan(250);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
