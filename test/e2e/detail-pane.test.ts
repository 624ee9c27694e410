import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolEnv } from '../helpers/inspect-openssl.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

const run = promisify(execFile);

describe('the one detail pane: names, copy on demand, the ASN.1 tree', () => {
  let app: AppHarness;
  let sha256: string;

  beforeAll(async () => {
    app = await launchApp();
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const pem = join(app.tempDir, 'attributes.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-keyout', join(app.tempDir, 'attributes.key'),
      '-out', pem, '-subj', '/CN=attributes.example/serialNumber=HRB 12345/organizationIdentifier=VATDE-123456789/O=Certbench Test'], { env: toolEnv() });
    sha256 = (await run('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { env: toolEnv() })).stdout.trim().split('=')[1]!;
    app.dialogs.willOpen(pem);
    await app.page.getByRole('button', { name: 'Open…' }).click();
    await app.page.getByRole('article', { name: 'Certificate detail' }).getByRole('region', { name: 'Extensions' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  const detail = () => app.page.getByRole('article', { name: 'Certificate detail' });
  const clipboard = () => app.page.evaluate(() => navigator.clipboard.readText());

  it('names attribute types as openssl does (organizationIdentifier, serialNumber), not by OID', async () => {
    const subject = detail().getByRole('region', { name: 'Subject attributes' });
    expect(await subject.locator('.field-label').allInnerTexts()).toEqual(['commonName', 'serialNumber', 'organizationIdentifier', 'organizationName']);
    expect(await subject.locator('[data-field="organizationIdentifier"] .field-value').innerText()).toBe('VATDE-123456789');
  });

  it('copies from a context menu, by mouse or Shift+F10, instead of a Copy button on every field', async () => {
    expect(await detail().getByRole('button', { name: /^Copy/ }).count()).toBe(0);
    await detail().locator('[data-field="Subject"] .field-value').click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: 'Copy Subject' }).click();
    await expect.poll(clipboard).toMatch(/^CN=attributes\.example/);
    // A confirmation is a polite status, not an alert.
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: 'Subject copied to the clipboard' }).count()).toBe(1);
    expect(await app.page.getByRole('alert').count()).toBe(0);

    await detail().locator('[data-fingerprint="SHA-256"]').focus();
    await app.page.keyboard.press('Shift+F10');
    const menu = app.page.getByRole('menu', { name: 'Copy' });
    await menu.waitFor();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    await expect.poll(clipboard).toBe(sha256.replace(/:/g, '').toLowerCase());
    expect(await menu.count()).toBe(0);
  });

  it('shows the SHA-256 whole, wrapping only between byte pairs', async () => {
    const fp = detail().locator('[data-fingerprint="SHA-256"]');
    expect(await fp.innerText()).toBe(sha256);
    const lines = await fp.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    expect(lines).toBeLessThanOrEqual(4);
    // Every line ends at a byte pair: its text is whole "AB:" groups.
    const lineEnds = await fp.evaluate((el) => {
      const text = el.textContent ?? '';
      const range = document.createRange();
      const tops = new Map<number, number>();
      let offset = 0;
      for (const node of [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)) {
        range.selectNodeContents(node);
        const top = Math.round(range.getBoundingClientRect().top);
        offset += node.textContent!.length;
        tops.set(top, offset);
      }
      return [...tops.values()].map((end) => text.slice(0, end).replace(/:$/, '').split(':').every((p) => p.length === 2));
    });
    expect(lineEnds.every(Boolean)).toBe(true);
  });

  it('walks the ASN.1 tree with arrow keys; rows carry aria-level', async () => {
    await detail().getByText('ASN.1 structure', { exact: true }).click();
    const tree = app.page.getByRole('treegrid', { name: 'ASN.1 structure' });
    await tree.waitFor();
    await tree.getByRole('row').first().focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    const focused = app.page.locator('[role="row"]:focus');
    expect(await focused.getAttribute('aria-level')).toBe('3');
    const before = await tree.getByRole('row').count();
    await app.page.keyboard.press('ArrowLeft');
    await expect.poll(() => tree.getByRole('row').count()).toBeLessThan(before);
    await app.page.keyboard.press('ArrowRight');
    await expect.poll(() => tree.getByRole('row').count()).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });
});
