import { writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedWithOpenssl, type MadeCertificate } from '../helpers/openssl-cert.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

/** A loopback port with nothing listening: a refused connection, instantly. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('every failure shown as what it is', () => {
  let app: AppHarness;
  let cert: MadeCertificate;
  const status = () => app.page.getByRole('status', { name: 'Status' });

  beforeAll(async () => {
    app = await launchApp();
    cert = await makeSelfSignedWithOpenssl(app.tempDir, 'fail.example', 'DNS:fail.example');
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('a refused fetch clears the previous verdict, says why in a sentence, and its task ends as failed', async () => {
    const page = app.page;
    await page.keyboard.press('Control+2');
    await page.getByRole('button', { name: 'Paste PEM' }).click();
    await page.getByLabel('Chain PEM text').fill(cert.pem);
    await page.getByRole('button', { name: 'Verify text' }).click();
    await page.getByRole('status', { name: 'Verdict' }).waitFor();

    await page.getByLabel('Host', { exact: true }).fill(`127.0.0.1:${await closedPort()}`);
    await page.getByRole('button', { name: 'Fetch chain' }).click();
    const failure = page.locator('.chain-failure');
    await failure.waitFor();
    await expect(failure.innerText()).resolves.toMatch(/^Fetching 127\.0\.0\.1:\d+ failed: \S.*/);
    expect(await page.getByRole('status', { name: 'Verdict' }).count()).toBe(0);
    expect(await page.locator('.chain-tree').count()).toBe(0);
    await expect.poll(() => status().locator('[data-outcome]').getAttribute('data-outcome')).toBe('failed');
    expect(await status().locator('.status-task').count()).toBe(0);
    await app.screenshot('failure-chain-refused');
  });

  it('main ends a task that failed, and many running tasks collapse into "+N more"', async () => {
    for (let i = 1; i <= 6; i++) await app.emit('progress', { taskId: `stuck#${i}`, label: `Stuck task ${i}`, done: false });
    await expect.poll(() => status().locator('.status-task').count()).toBe(3);
    await expect(status().locator('.status-more').innerText()).resolves.toBe('+3 more');
    const bar = await status().boundingBox();
    expect(bar!.height).toBeLessThan(40);
    for (let i = 1; i <= 6; i++) await app.emit('progress', { taskId: `stuck#${i}`, label: `Stuck task ${i}`, done: true, outcome: 'failed' });
    await expect.poll(() => status().locator('.status-task').count()).toBe(0);
    await expect(status().innerText()).resolves.toBe('Stuck task 6: failed');
  });

  it('a plain text file gets a sentence in a toast named after it; toasts stack three at most', async () => {
    const page = app.page;
    await page.keyboard.press('Control+1');
    const paths = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const path = join(app.tempDir, `notes-${i}.txt`);
        await writeFile(path, `Meeting notes ${i}\nRenew the certificate before Friday.\n`);
        return path;
      }),
    );
    app.dialogs.willOpen(...paths);
    await page.getByRole('button', { name: 'Open…' }).click();
    const toasts = page.locator('.toast-error');
    await expect.poll(() => toasts.count()).toBe(3);
    const first = await toasts.first().innerText();
    expect(first).toMatch(/notes-\d\.txt/);
    expect(first).toMatch(/Not a certificate, key, CSR/);
    expect(first).not.toMatch(/internal|base64 length/);
    await app.screenshot('failure-toasts-stacked');
  });

  it('a search or expiry filter that hides everything says "No match", not "Nothing opened yet"', async () => {
    const page = app.page;
    app.dialogs.willOpen(cert.pemPath);
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByRole('article', { name: 'Certificate detail' }).waitFor();
    await page.getByLabel('Search objects').fill('no-such-certificate-anywhere');
    await expect(page.getByRole('grid', { name: 'Objects found' }).innerText()).resolves.toMatch(/No match among 1 objects/);
    await page.getByLabel('Search objects').fill('');
    // The certificate has 89 days left (openssl -days 90): outside 30 days, inside 90.
    await page.getByLabel('Expiry filter').selectOption({ label: 'Expiring within 30 days' });
    await expect(page.getByRole('grid', { name: 'Objects found' }).innerText()).resolves.toMatch(/No match among 1 objects/);
    await page.getByLabel('Expiry filter').selectOption({ label: 'Expiring within 90 days' });
    await expect.poll(() => page.getByRole('grid', { name: 'Objects found' }).locator('[role="row"][data-kind]').count()).toBe(1);
    await page.getByLabel('Expiry filter').selectOption({ label: 'Any expiry' });
    expect(app.pageErrors).toEqual([]);
  });
});
