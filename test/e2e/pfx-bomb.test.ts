import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offThreadPfxReader, offThreadPkcs12KeystoreReader } from '../../electron/services/pkcs12/pfx-off-thread.js';
import { toolEnv } from '../helpers/inspect-openssl.js';
import { slowBomb } from '../helpers/pfx-bombs.js';
import { buildPfxWorker } from '../helpers/bundled-script.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

const run = promisify(execFile);

/** Long tasks of the page from now on, read back with `longTasks()`. */
const watchLongTasks = (app: AppHarness) =>
  app.page.evaluate(() => {
    const w = globalThis as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
const longTasks = (app: AppHarness) => app.page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);

/** How long main takes to answer the page while the worker derives keys. */
const roundTrip = (app: AppHarness) =>
  app.page.evaluate(async () => {
    const started = performance.now();
    await (globalThis as unknown as { certbench: { invoke(c: string, r: unknown): Promise<unknown> } }).certbench.invoke('app.info', {});
    return performance.now() - started;
  });

/**
 * Issue 16: a PFX bomb dropped on the app (ten encrypted safes at 1,000,000 iterations each, which
 * would have kept the old reader busy for a minute) leaves the UI responsive and can be cancelled;
 * so can a slow keystore listing. Main derives keys on the PKCS#12 worker, as the app does
 * (electron/main/index.ts).
 */
describe('PKCS#12 key derivation on the worker: cancellable, the UI responsive', () => {
  let app: AppHarness;
  let worker: { script: string; dir: string };

  beforeAll(async () => {
    worker = await buildPfxWorker();
    app = await launchApp({ env: { pfxReader: offThreadPfxReader(worker.script), pkcs12KeystoreReader: offThreadPkcs12KeystoreReader(worker.script) } });
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
    await rm(worker.dir, { recursive: true, force: true });
  });

  it('keeps the UI responsive (no task of 50 ms or more) and stops when Cancel is pressed', async () => {
    const bomb = Array.from(slowBomb());
    await watchLongTasks(app);
    const dropped = await app.page.evaluateHandle((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'bomb.p12'));
      return dt;
    }, bomb);
    const target = app.page.getByRole('region', { name: 'Inspect' });
    await target.dispatchEvent('dragover', { dataTransfer: dropped });
    await target.dispatchEvent('drop', { dataTransfer: dropped });
    const opening = app.page.getByRole('status').filter({ hasText: 'Opening bomb.p12' }).filter({ has: app.page.getByRole('button', { name: 'Cancel' }) });
    await opening.waitFor({ timeout: 5_000 });

    // While the bomb is derived, main still answers the page at once.
    expect(await roundTrip(app)).toBeLessThan(200);
    await app.screenshot('inspect-pfx-bomb-opening');

    await opening.getByRole('button', { name: 'Cancel' }).click();
    await app.page.getByText('Stopped opening bomb.p12').waitFor({ timeout: 5_000 });
    await expect(opening.count()).resolves.toBe(0);
    expect(await longTasks(app)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('cancels a slow keystore listing (PKCS#12 at 400,000 iterations): it ends as cancelled, the UI stays responsive, a retry lists it', async () => {
    const dir = app.tempDir;
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-keyout', join(dir, 'slow.key'),
      '-out', join(dir, 'slow.pem'), '-subj', '/CN=slow.keystore.example'], { env: toolEnv() });
    const store = join(dir, 'slow.p12');
    await run('openssl', ['pkcs12', '-export', '-in', join(dir, 'slow.pem'), '-inkey', join(dir, 'slow.key'), '-out', store, '-passout', 'pass:secret', '-iter', '400000', '-name', 'slow'], { env: toolEnv() });
    await app.page.getByRole('button', { name: 'Java keystores', exact: true }).click();
    await app.page.getByLabel('Keystore path').fill(store);
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open', exact: true }).click();
    await app.page.getByLabel('Store password').fill('secret');
    await watchLongTasks(app);
    await app.page.getByRole('button', { name: 'Unlock' }).click();

    const reading = app.page.getByRole('status').filter({ hasText: 'Reading slow.p12' }).filter({ has: app.page.getByRole('button', { name: 'Cancel' }) });
    await reading.waitFor({ timeout: 5_000 });
    expect(await roundTrip(app)).toBeLessThan(200);
    await app.screenshot('keystore-listing-cancellable');
    await reading.getByRole('button', { name: 'Cancel' }).click();
    await app.page.getByText('Stopped reading slow.p12').waitFor({ timeout: 5_000 });
    await expect(reading.count()).resolves.toBe(0);
    const ended = app.page.getByRole('status', { name: 'Status' }).locator('[data-outcome]');
    await expect(ended.innerText()).resolves.toBe('Reading slow.p12: cancelled');
    await expect(ended.getAttribute('data-outcome')).resolves.toBe('cancelled');
    expect(await longTasks(app)).toEqual([]);

    // Responsive and not stuck: the password form is back, and a retry lists the store and shows its entry in the detail pane.
    await app.page.getByRole('button', { name: 'Unlock' }).click();
    await app.page.locator('[data-alias="slow"]').click({ timeout: 15_000 });
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    await expect.poll(() => detail.locator('h2').innerText(), { timeout: 15_000 }).toBe('CN=slow.keystore.example');
    await app.screenshot('keystore-listing-after-cancel');
    expect(app.pageErrors).toEqual([]);
  });
});
