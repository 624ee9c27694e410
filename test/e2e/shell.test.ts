import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';
import { makeSelfSignedWithOpenssl, type MadeCertificate } from '../helpers/openssl-cert.js';

const run = promisify(execFile);
const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const colon = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

describe('renderer shell and the Inspect slice in Chromium', () => {
  let app: AppHarness;
  let cert: MadeCertificate;
  const rows = () => app.page.getByRole('grid', { name: 'Objects found' }).locator('[role="row"][data-kind]');

  beforeAll(async () => {
    app = await launchApp();
    cert = await makeSelfSignedWithOpenssl(app.tempDir, 'slice.example', 'DNS:slice.example,DNS:www.slice.example,IP:10.0.0.5');
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('shows every workspace, and unbuilt ones say what they will do', async () => {
    const nav = app.page.getByRole('navigation', { name: 'Workspaces' });
    for (const label of ['Inspect', 'Chain', 'Trust stores', 'Java keystores', 'Keys & CSR']) {
      await expect(nav.getByRole('button', { name: label, exact: true }).count()).resolves.toBe(1);
    }
    await app.page.keyboard.press('Control+1');
    await expect(app.page.getByRole('button', { name: 'Inspect', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
  });

  it('opens a PEM file through the open dialog and shows its fields', async () => {
    app.dialogs.willOpen(cert.pemPath);
    await app.page.getByRole('button', { name: 'Open…' }).click();
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    await detail.waitFor();
    await expect(detail.locator('[data-field="Subject"] .field-value').innerText()).resolves.toBe('CN=slice.example, O=Certbench Test');
    await expect(detail.locator('[data-field="Issuer"] .field-value').innerText()).resolves.toBe('CN=slice.example, O=Certbench Test');
    await expect(detail.locator('[data-fingerprint="SHA-256"]').innerText()).resolves.toBe(colon(sha256(cert.der)));
    await expect(detail.locator('[data-expiry]').first().getAttribute('data-expiry')).resolves.toBe('ok');
    const sans = await detail.locator('.san-list li').allInnerTexts();
    expect(sans.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual(['dns slice.example', 'dns www.slice.example', 'ip 10.0.0.5']);
    await app.screenshot('foundation-inspect-slice');
  });

  it('takes an opened certificate to its trust map in the Trust stores workspace', async () => {
    await app.page.getByRole('button', { name: 'Trust stores: where is it, add it…' }).click();
    await expect(app.page.getByRole('button', { name: 'Trust stores', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    const map = app.page.getByRole('region', { name: 'Trust map' });
    await expect.poll(() => map.locator('code.trust-sha').innerText(), { timeout: 30_000 }).toBe(sha256(cert.der));
    await app.screenshot('foundation-inspect-to-trust-map');
    await app.page.keyboard.press('Control+1');
  });

  it('opens a DER file dropped on the workspace', async () => {
    const dropped = await app.page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.der'));
      return dt;
    }, Array.from(cert.der));
    const target = app.page.getByRole('region', { name: 'Inspect' });
    await target.dispatchEvent('dragover', { dataTransfer: dropped });
    await target.dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => rows().count()).toBe(2);
  });

  it('opens pasted PEM text with a BOM and CRLF line endings', async () => {
    await app.page.getByRole('button', { name: 'Paste PEM' }).click();
    await app.page.getByLabel('PEM text').fill(`\uFEFFhere you go:\r\n${cert.pem.replace(/\n/g, '\r\n')}`);
    await app.page.getByRole('button', { name: 'Inspect text' }).click();
    await expect.poll(() => rows().count()).toBe(3);
  });

  it('splits the opened certificates into one file per certificate in a new folder', async () => {
    const other = await makeSelfSignedWithOpenssl(app.tempDir, 'other.example', 'DNS:other.example');
    app.dialogs.willOpen(other.pemPath);
    await app.page.getByRole('button', { name: 'Open…' }).click();
    await expect.poll(() => rows().count()).toBe(4);
    const folder = join(app.tempDir, 'split');
    app.dialogs.willSave(folder);
    await app.page.getByRole('button', { name: 'Export…' }).click();
    const form = app.page.getByRole('form', { name: 'Export' });
    await form.getByLabel('All opened certificates in one bundle').check();
    await form.getByLabel('One file per certificate (into a new folder)').check();
    await form.getByRole('button', { name: 'Save…' }).click();
    await expect.poll(async () => (await readdir(folder).catch(() => [])).sort()).toEqual(['01.pem', '02.pem']);
    const fingerprints = await Promise.all(
      ['01.pem', '02.pem'].map(async (f) => (await run('openssl', ['x509', '-in', join(folder, f), '-noout', '-fingerprint', '-sha256'])).stdout.trim()),
    );
    expect(fingerprints.sort()).toEqual([cert.der, other.der].map((d) => `sha256 Fingerprint=${colon(sha256(d))}`).sort());
  });

  it('shows a clear error for garbage and keeps working', async () => {
    await app.page.getByRole('button', { name: 'Paste PEM' }).click();
    await app.page.getByLabel('PEM text').fill('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----');
    await app.page.getByRole('button', { name: 'Inspect text' }).click();
    const alert = app.page.getByRole('alert').filter({ hasText: 'Could not read the pasted text' });
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/base64/i);
    // The text stays in the box to be fixed, beside the reason.
    await expect(app.page.getByLabel('PEM text').inputValue()).resolves.toContain('@@@');
    await app.screenshot('foundation-error-toast');
  });

  it('follows a dark OS theme and reports no page errors (CSP included)', async () => {
    const dark = await launchApp({ colorScheme: 'dark' });
    try {
      const bg = await dark.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
      expect(bg).toBe('#14171c');
      await dark.screenshot('foundation-dark-theme');
      expect(dark.pageErrors).toEqual([]);
    } finally {
      await dark.close();
    }
    expect(app.pageErrors).toEqual([]);
  });
});
