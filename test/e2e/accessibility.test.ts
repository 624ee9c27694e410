import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCacerts } from '../helpers/keystore-tools.js';
import { makeSelfSignedWithOpenssl } from '../helpers/openssl-cert.js';
import { makeTrustWorld, type TrustWorld } from '../helpers/trust-env.js';
import { seriousAxeFindings, serveAxe } from './axe.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

const WORKSPACES = [
  ['inspect', 'Inspect'],
  ['chain', 'Chain'],
  ['trust', 'Trust stores'],
  ['keystore', 'Java keystores'],
  ['keys', 'Keys & CSR'],
] as const;
const SIZES = [
  [1024, 640],
  [1280, 800],
] as const;

describe.each(['light', 'dark'] as const)('every workspace in the %s theme: accessible and laid out at 1024×640 and 1280×800', (theme) => {
  let app: AppHarness;
  let world: TrustWorld;

  const openWorkspace = (label: string) => app.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: label, exact: true }).click();

  beforeAll(async () => {
    world = makeTrustWorld();
    app = await launchApp({ colorScheme: theme, env: { env: world.env.env, homeDir: world.home } });
    await serveAxe(app.page);
    // Each workspace with something in it, so the checks see rows, details and verdicts, not only empty states.
    const cert = await makeSelfSignedWithOpenssl(app.tempDir, 'a11y.example', 'DNS:a11y.example,DNS:www.a11y.example');
    app.dialogs.willOpen(cert.pemPath);
    await app.page.getByRole('button', { name: 'Open…' }).click();
    await app.page.getByRole('article', { name: 'Certificate detail' }).getByRole('region', { name: 'Extensions' }).waitFor();
    await openWorkspace('Chain');
    await app.page.getByRole('button', { name: 'Paste PEM' }).click();
    await app.page.getByLabel('Chain PEM text').fill(cert.pem);
    await app.page.getByRole('button', { name: 'Verify text' }).click();
    await app.page.getByRole('status', { name: 'Verdict' }).waitFor();
    await openWorkspace('Java keystores');
    await app.page.getByLabel('Keystore path').fill(await copyCacerts(app.tempDir));
    // A typed path is confirmed in main's own dialog before anything reads it.
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open', exact: true }).click();
    await app.page.getByRole('grid', { name: 'Keystore entries' }).waitFor();
    await app.page.locator('[data-alias]').first().click();
    await openWorkspace('Trust stores');
    // A PEM bundle of the distribution's roots (a temp copy): real names, long and short, in every column.
    const bundle = join(app.tempDir, 'roots.pem');
    await copyFile('/etc/ssl/certs/ca-certificates.crt', bundle);
    await app.page.getByLabel('Store type').selectOption('pem');
    await app.page.getByLabel('Store path').fill(bundle);
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open store' }).click();
    await app.page.getByRole('grid', { name: 'Certificates in store' }).locator('[data-sha256]').first().click();
    await app.page.getByRole('article', { name: 'Certificate detail' }).getByRole('region', { name: 'Extensions' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
    world?.cleanup();
  });

  it.each(WORKSPACES)('%s', async (id, label) => {
    const page = app.page;
    await openWorkspace(label);
    await page.getByRole('region', { name: label }).or(page.getByRole('main').locator('section')).first().waitFor();
    await page.waitForTimeout(150);

    expect(await seriousAxeFindings(page)).toEqual([]);

    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(100);
      await app.screenshot(`workspace-${id}-${width}x${height}-${theme}`);
      // No cell narrower than its column's header text: a DN one letter per line is the failure this catches.
      const narrow = await page.evaluate(() => {
        const textWidth = (el: Element) => {
          const range = document.createRange();
          range.selectNodeContents(el.querySelector('.grid-column-label') ?? el);
          return range.getBoundingClientRect().width;
        };
        const out: string[] = [];
        for (const table of document.querySelectorAll('table, [role="grid"]')) {
          const headers = [...table.querySelectorAll('th, [role="columnheader"]')];
          headers.forEach((th, i) => {
            const need = textWidth(th) - 1;
            const cells =
              table.tagName === 'TABLE'
                ? [...table.querySelectorAll(`tbody tr > :nth-child(${i + 1})`)]
                : [...table.querySelectorAll(`[role="gridcell"][aria-colindex="${i + 1}"], [role="rowheader"][aria-colindex="${i + 1}"]`)];
            const thWidth = th.getBoundingClientRect().width;
            if (thWidth < need) out.push(`header "${th.textContent}" ${thWidth}px < ${need}px`);
            for (const cell of cells.slice(0, 20)) {
              const w = cell.getBoundingClientRect().width;
              if (w > 0 && w < need) out.push(`cell under "${th.textContent}" ${w}px < ${need}px`);
            }
          });
        }
        return out;
      });
      expect(narrow, `${width}×${height}`).toEqual([]);
      // Every column in view: a grid that scrolls sideways hides its last columns (Trust, Name in store) at 1024×640.
      const sideways = await page.evaluate(() =>
        [...document.querySelectorAll('.grid-container')].filter((g) => g.scrollWidth > g.clientWidth).map((g) => `${g.querySelector('[role="grid"]')?.getAttribute('aria-label')}: ${g.scrollWidth} > ${g.clientWidth}px`),
      );
      expect(sideways, `${width}×${height}`).toEqual([]);
    }
    // 1280×800 at 200% zoom is a 640×400 CSS viewport: the window must not scroll sideways.
    await page.setViewportSize({ width: 640, height: 400 });
    await page.waitForTimeout(100);
    await app.screenshot(`workspace-${id}-1280x800-zoom200-${theme}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 820 });
    expect(app.pageErrors).toEqual([]);
  });
});
