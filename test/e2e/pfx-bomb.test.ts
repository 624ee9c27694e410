import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offThreadPfxReader } from '../../electron/services/pkcs12/pfx-off-thread.js';
import { slowBomb } from '../helpers/pfx-bombs.js';
import { buildPfxWorker } from '../helpers/pfx-worker-script.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

/**
 * Issue 16: a PFX bomb dropped on the app (ten encrypted safes at 1,000,000 iterations each, which
 * would have kept the old reader busy for a minute) leaves the UI responsive and can be cancelled. Main parses
 * it on the PKCS#12 worker, as the app does (electron/main/index.ts).
 */
describe('Inspect workspace: a PFX bomb', () => {
  let app: AppHarness;
  let worker: { script: string; dir: string };

  beforeAll(async () => {
    worker = await buildPfxWorker();
    app = await launchApp({ env: { pfxReader: offThreadPfxReader(worker.script) } });
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
    await rm(worker.dir, { recursive: true, force: true });
  });

  it('keeps the UI responsive (no task of 50 ms or more) and stops when Cancel is pressed', async () => {
    const bomb = Array.from(slowBomb());
    await app.page.evaluate(() => {
      const w = globalThis as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
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
    const roundTrip = await app.page.evaluate(async () => {
      const started = performance.now();
      await (globalThis as unknown as { certbench: { invoke(c: string, r: unknown): Promise<unknown> } }).certbench.invoke('app.info', {});
      return performance.now() - started;
    });
    expect(roundTrip).toBeLessThan(200);
    await app.screenshot('inspect-pfx-bomb-opening');

    await opening.getByRole('button', { name: 'Cancel' }).click();
    await app.page.getByText('Stopped opening bomb.p12').waitFor({ timeout: 5_000 });
    await expect(opening.count()).resolves.toBe(0);
    const longTasks = await app.page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
    expect(longTasks).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
