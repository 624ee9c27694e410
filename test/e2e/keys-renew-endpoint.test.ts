import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certExpiringIn } from '../helpers/scan-certs.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

describe('CSR designer: renew from a host:port endpoint', () => {
  let app: AppHarness;
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    const cert = await certExpiringIn('portal.renew.example', 12, ['portal.renew.example', 'api.renew.example']);
    server = createServer({ key: cert.keyPem, cert: cert.pem }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = await launchApp();
    await app.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Keys & CSR', exact: true }).click();
    await app.page.getByRole('form', { name: 'CSR designer' }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await closeBrowser();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches the certificate the server presents and keeps its subject and SANs, editable', async () => {
    const page = app.page;
    const button = page.getByRole('button', { name: 'Renew from endpoint' });
    expect(await button.isDisabled()).toBe(true);
    await page.getByLabel('Endpoint to renew (host:port)').fill(endpoint);
    await button.click();
    await expect.poll(() => page.getByLabel('Common name (CN)').inputValue()).toBe('portal.renew.example');
    expect(await page.getByLabel('Organization (O)').inputValue()).toBe('Certbench Scan Test');
    expect(await page.getByLabel('Template').inputValue()).toBe('renew');
    const preview = page.getByRole('complementary', { name: 'CSR preview' });
    await expect.poll(() => preview.locator('[data-preview="subject"]').innerText()).toBe('O=Certbench Scan Test, CN=portal.renew.example');
    await expect(preview.locator('[data-preview="sans"] li').allInnerTexts()).resolves.toEqual(['DNS portal.renew.example', 'DNS api.renew.example']);
    // Still a form the user edits, not a copy frozen from the old certificate.
    await page.getByLabel('Organization (O)').fill('Renewed Org');
    await expect.poll(() => preview.locator('[data-preview="subject"]').innerText()).toBe('O=Renewed Org, CN=portal.renew.example');
    await app.screenshot('keys-renew-from-endpoint');
    expect(app.pageErrors).toEqual([]);
  });

  it('says why when nothing answers there, and leaves the form as it was', async () => {
    const page = app.page;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await page.getByLabel('Endpoint to renew (host:port)').fill(`127.0.0.1:${port}`);
    await page.getByLabel('Endpoint to renew (host:port)').press('Enter');
    await expect.poll(() => page.locator('.toast-error').allInnerTexts().then((t) => t.join(' '))).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
    expect(await page.getByLabel('Organization (O)').inputValue()).toBe('Renewed Org');
  });
});
