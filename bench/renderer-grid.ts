/**
 * The renderer's grid in the e2e harness (production build, real handlers, Debian Chromium):
 * - a 1,000-certificate bundle: from the Open click to its rows painted (target < 300 ms), with
 *   main's own parse of the same file beside it so the renderer's share shows;
 * - a 10,000-certificate bundle: scrolling the whole list, counting long tasks (> 50 ms).
 * There is no peer tool for a UI; the figures print against their targets.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setup } from '../test/e2e/global-setup.js';
import { closeBrowser, launchApp } from '../test/e2e/harness.js';
import { makeSelfSignedWithOpenssl } from '../test/helpers/openssl-cert.js';

const PAINT_TARGET_MS = 300;
const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await setup();
const app = await launchApp();
try {
  const cert = await makeSelfSignedWithOpenssl(app.tempDir, 'bench.example', 'DNS:bench.example');
  const thousand = join(app.tempDir, 'thousand.pem');
  const tenThousand = join(app.tempDir, 'ten-thousand.pem');
  await writeFile(thousand, cert.pem.repeat(1000));
  await writeFile(tenThousand, cert.pem.repeat(10_000));
  const page = app.page;
  await page.evaluate(() => {
    const w = globalThis as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const longTasks = () => page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.splice(0));

  const paints: number[] = [];
  const parses: number[] = [];
  const roundTrips: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.getByRole('button', { name: 'Close all' }).click().catch(() => undefined);
    const started = performance.now();
    await app.services.inspect.openFile(thousand);
    parses.push(performance.now() - started);
    roundTrips.push(
      await page.evaluate(async (path) => {
        const t = performance.now();
        await (globalThis as unknown as { certbench: { invoke(c: string, r: unknown): Promise<unknown> } }).certbench.invoke('inspect.open', { path });
        return performance.now() - t;
      }, thousand),
    );
    await page.evaluate(() => {
      const w = globalThis as unknown as { __painted: Promise<number>; __clicked: number };
      w.__painted = new Promise((resolve) => {
        const seen = () => {
          if (!document.querySelector('[role="row"][data-kind]')) return false;
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
          return true;
        };
        const observer = new MutationObserver(() => seen() && observer.disconnect());
        observer.observe(document.body, { subtree: true, childList: true });
      });
      document.querySelector('button')?.addEventListener('click', () => undefined);
    });
    app.dialogs.willOpen(thousand);
    const clickAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Open…' }).click();
    const paintedAt = await page.evaluate(() => (globalThis as unknown as { __painted: Promise<number> }).__painted);
    paints.push(paintedAt - clickAt);
  }
  const paint = median(paints);
  const parse = median(parses);
  const openTasks = (await longTasks()).filter((d) => d > 50);
  console.log(`1,000-certificate bundle, Open click → rows painted: median ${paint.toFixed(0)} ms over ${RUNS} (target < ${PAINT_TARGET_MS} ms, ratio ${(paint / PAINT_TARGET_MS).toFixed(2)})`);
  const roundTrip = median(roundTrips);
  console.log(`  of which main parsing the file (same handler, in this process): median ${parse.toFixed(0)} ms`);
  console.log(`  the whole IPC round trip from the page (parse, response schema, harness serialisation): median ${roundTrip.toFixed(0)} ms; renderer ≈ ${(paint - roundTrip).toFixed(0)} ms`);
  console.log(`  long tasks over 50 ms in the page while opening: ${openTasks.length ? openTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`);

  await page.getByRole('button', { name: 'Close all' }).click();
  app.dialogs.willOpen(tenThousand);
  await page.getByRole('button', { name: 'Open…' }).click();
  await page.getByText(/of 10000 objects/).waitFor({ timeout: 120_000 });
  await longTasks();
  const scrolled = await page.evaluate(async () => {
    const scroller = document.querySelector('.inspect-grid') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    let steps = 0;
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += scroller.clientHeight * 3;
      await frame();
      steps++;
    }
    return { steps, rowsInDom: document.querySelectorAll('[role="row"][data-kind]').length };
  });
  const scrollTasks = (await longTasks()).filter((d) => d > 50);
  console.log(
    `10,000 rows scrolled top to bottom in ${scrolled.steps} frames, ${scrolled.rowsInDom} rows in the DOM at the end; long tasks over 50 ms: ${scrollTasks.length ? scrollTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`,
  );
} finally {
  await app.close();
  await closeBrowser();
}
