import { KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { readPkcs12 } from '../../../electron/services/keystore/pkcs12-keystore.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offThreadPfxReader, offThreadPkcs12KeystoreReader } from '../../../electron/services/pkcs12/pfx-off-thread.js';
import type { PfxReader } from '../../../electron/services/pkcs12/pfx-reader.js';
import { readPfx } from '../../../electron/services/pkcs12/read-pfx.js';
import { writePfx } from '../../../electron/services/pkcs12/write-pfx.js';
import { derOf, makeTestCa, makeTestLeaf } from '../../helpers/inspect-certs.js';
import { errorCodeOfAsync } from '../../helpers/error-code.js';
import { slowBomb } from '../../helpers/pfx-bombs.js';
import { buildPfxWorker } from '../../helpers/bundled-script.js';

let worker: { script: string; dir: string };
let read: PfxReader;
beforeAll(async () => {
  worker = await buildPfxWorker();
  read = offThreadPfxReader(worker.script);
}, 60_000);
afterAll(() => rm(worker.dir, { recursive: true, force: true }));

/** The longest gap between 5 ms timer ticks on this thread while `work` runs: how long it was blocked. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  await work.catch(() => undefined);
  clearInterval(timer);
  return longest;
}

describe('PKCS#12 on a worker thread', () => {
  it('reads what the in-process reader reads, private key included', async () => {
    const ca = await makeTestCa('Worker CA', 1);
    const leaf = await makeTestLeaf(ca, 'worker.example', ['worker.example']);
    const privateKey = KeyObject.from(leaf.keys.privateKey);
    const pfx = await writePfx({ certificates: [derOf(leaf.cert), derOf(ca.cert)], privateKey, password: 'w', profile: 'modern' });
    const [here, there] = await Promise.all([readPfx(pfx, 'w'), read(pfx, 'w', {})]);
    expect(there.certificates.map((c) => Buffer.from(c.der).toString('hex'))).toEqual(here.certificates.map((c) => Buffer.from(c.der).toString('hex')));
    expect(there.keys).toHaveLength(1);
    expect(there.keys[0]!.key.equals(here.keys[0]!.key)).toBe(true);
    expect(await errorCodeOfAsync(() => read(pfx, 'wrong', {}))).toBe('wrong-password');
  });

  it('keeps this thread free while a bomb is derived, and answers with the budget error', async () => {
    const bomb = slowBomb();
    const work = read(bomb, undefined, {});
    const [stall, code] = await Promise.all([longestStall(work), errorCodeOfAsync(() => work)]);
    expect(code).toBe('work-limit');
    // In-process the thread would stall for the whole budget (2.5 s); what is left is scheduling
    // noise of a loaded 2-core machine. The renderer's own 50 ms bound is test/e2e/pfx-bomb.test.ts.
    expect(stall).toBeLessThan(250);
  });

  it('stops at once when cancelled', async () => {
    const bomb = slowBomb();
    const controller = new AbortController();
    const work = read(bomb, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    expect(await errorCodeOfAsync(() => work)).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('PKCS#12 keystores of the keystore workspace on the same worker', () => {
  it('lists what the in-process keystore reader lists', async () => {
    const ca = await makeTestCa('Keystore Worker CA', 1);
    const leaf = await makeTestLeaf(ca, 'ks.example', ['ks.example']);
    const pfx = await writePfx({ certificates: [derOf(leaf.cert), derOf(ca.cert)], privateKey: KeyObject.from(leaf.keys.privateKey), password: 'k', profile: 'modern' });
    const readStore = offThreadPkcs12KeystoreReader(worker.script);
    expect(await readStore(pfx, 'k', {})).toEqual(await readPkcs12(pfx, 'k'));
    expect(await errorCodeOfAsync(() => readStore(pfx, 'wrong', {}))).toBe('wrong-password');
  });

  it("the app's keystore.list of a hostile store keeps main free and answers with the budget error; a cancel stops it", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'certbench-keystore-bomb-'));
    try {
      const path = join(dir, 'bomb.p12');
      await writeFile(path, slowBomb());
      const keystores = new KeystoreService(defaultServiceEnv({ dataDir: join(dir, 'data'), pkcs12KeystoreReader: offThreadPkcs12KeystoreReader(worker.script) }));
      const work = keystores.list({ path, password: 'guess' });
      const [stall, code] = await Promise.all([longestStall(work), errorCodeOfAsync(() => work)]);
      expect(code).toBe('work-limit');
      expect(stall).toBeLessThan(250);

      const controller = new AbortController();
      const cancelled = offThreadPkcs12KeystoreReader(worker.script)(slowBomb(), 'guess', { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      expect(await errorCodeOfAsync(() => cancelled)).toBe('cancelled');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
