import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';
import { makeSelfSignedWithOpenssl } from '../helpers/openssl-cert.js';

describe('Inspect: a damaged PEM block beside a good one (issue 16.3)', () => {
  let app: AppHarness;
  let file: string;

  beforeAll(async () => {
    app = await launchApp();
    const good = await makeSelfSignedWithOpenssl(app.tempDir, 'good.example', 'DNS:good.example');
    const pem = await readFile(good.pemPath, 'latin1');
    // The first block carries base64url characters: never a certificate, always named.
    file = join(app.tempDir, 'damaged-then-good.pem');
    await writeFile(file, pem.replace('-----\n', '-----\n-_') + pem);
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('shows the good certificate and names the damaged block in an error toast', async () => {
    app.dialogs.willOpen(file);
    await app.page.getByRole('button', { name: 'Open…' }).click();
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    await detail.waitFor();
    await expect(detail.locator('[data-field="Subject"] .field-value').innerText()).resolves.toBe('CN=good.example, O=Certbench Test');
    await expect.poll(() => app.page.locator('.toast-error').innerText(), { timeout: 30_000 }).toContain('PEM block 1 (CERTIFICATE) is not valid base64');
  });
});

describe('Inspect: an indented PEM block (pasted from YAML or mail)', () => {
  let app: AppHarness;
  let file: string;

  beforeAll(async () => {
    app = await launchApp();
    const cert = await makeSelfSignedWithOpenssl(app.tempDir, 'indented.example', 'DNS:indented.example');
    const pem = await readFile(cert.pemPath, 'latin1');
    file = join(app.tempDir, 'values.yaml');
    await writeFile(file, `tls:\n  ca.crt: |\n${pem.replace(/^(?=.)/gm, '    ')}`);
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('reads the certificate and says, in a note naming the file, that other tools will not', async () => {
    app.dialogs.willOpen(file);
    await app.page.getByRole('button', { name: 'Open…' }).click();
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    await detail.waitFor();
    await expect(detail.locator('[data-field="Subject"] .field-value').innerText()).resolves.toBe('CN=indented.example, O=Certbench Test');
    const note = app.page.locator('.toast', { hasText: /indented/i });
    await expect.poll(() => note.innerText(), { timeout: 30_000 }).toMatch(/OpenSSL/);
    await expect(note.innerText()).resolves.toContain('values.yaml');
  });
});
