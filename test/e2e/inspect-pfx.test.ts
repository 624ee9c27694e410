import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';
import { makeOpensslChain, tool } from '../helpers/inspect-openssl.js';
import { scanPemOrDerBundle } from '../../shared/pki/cert-scan.js';

/** Issue 6 e2e: drop a PFX, enter its password, see key + chain, export a legacy PFX. */
describe('Inspect workspace: PFX round trip in Chromium', () => {
  let app: AppHarness;
  let dir: string;
  const rows = () => app.page.getByRole('grid', { name: 'Objects found' }).locator('[role="row"][data-kind]');

  beforeAll(async () => {
    app = await launchApp();
    dir = app.tempDir;
    await makeOpensslChain(dir);
    await tool('openssl', ['pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-certfile', 'ca.pem', '-out', 'site.pfx', '-passout', 'pass:s3cret', '-name', 'site'], dir);
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('asks for the password of a dropped PFX, says when it is wrong, then shows key and chain', async () => {
    const bytes = Array.from(await readFile(join(dir, 'site.pfx')));
    const dropped = await app.page.evaluateHandle((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'site.pfx'));
      return dt;
    }, bytes);
    const target = app.page.getByRole('region', { name: 'Inspect' });
    await target.dispatchEvent('dragover', { dataTransfer: dropped });
    await target.dispatchEvent('drop', { dataTransfer: dropped });
    const dialog = app.page.getByRole('dialog', { name: 'Password for site.pfx' });
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill('wrong');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 10_000 }).toMatch(/password is wrong/i);
    await app.screenshot('inspect-pfx-password-prompt');
    await dialog.getByLabel('Password').fill('s3cret');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => rows().allInnerTexts(), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/PKCS#12: 2 certificate\(s\), 1 key\(s\)/i),
      expect.stringMatching(/^interop\.example · site\s+Interop CA\s+\d{4}-\d\d-\d\d/i),
      expect.stringMatching(/^Interop CA\s+Interop CA/i),
      expect.stringMatching(/Private key: EC P-256 \(encrypted\)/i),
    ]);
    await rows().nth(3).click();
    const keyDetail = app.page.getByRole('article', { name: 'Private key detail' });
    await expect(keyDetail.getByRole('button', { name: 'Matches a certificate opened with it' }).count()).resolves.toBe(1);
    await rows().nth(1).click();
    const certDetail = app.page.getByRole('article', { name: 'Certificate detail' });
    await certDetail.getByRole('region', { name: 'Extensions' }).waitFor();
    await expect(certDetail.locator('[data-extension="2.5.29.17"]').innerText()).resolves.toMatch(/dns: interop\.example/);
    await app.screenshot('inspect-pfx-chain-and-key');
    expect(app.pageErrors).toEqual([]);
  });

  it('exports the PFX as a legacy-compatible PFX that OpenSSL 3 reads without -legacy', async () => {
    await rows().nth(0).click();
    await app.page.getByRole('button', { name: 'Export…' }).click();
    const panel = app.page.getByRole('form', { name: 'Export' });
    await panel.getByLabel('Format').selectOption('pfx');
    await panel.getByLabel('Compatibility').selectOption('legacy');
    await panel.getByLabel('PFX password').fill('legacy-pw');
    await app.screenshot('inspect-export-legacy-pfx');
    const out = join(dir, 'legacy.pfx');
    app.dialogs.willSave(out);
    await panel.getByRole('button', { name: 'Save…' }).click();
    await expect.poll(() => readFile(out).then(() => true, () => false), { timeout: 15_000 }).toBe(true);
    const info = await tool('openssl', ['pkcs12', '-in', out, '-info', '-noout', '-passin', 'pass:legacy-pw']);
    expect(info.stderr).toMatch(/MAC: sha1/);
    expect(info.stderr).toMatch(/PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC/);
    expect(info.stderr).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    const { stdout } = await tool('openssl', ['pkcs12', '-in', out, '-nokeys', '-passin', 'pass:legacy-pw']);
    const leafSha = scanPemOrDerBundle(await readFile(join(dir, 'leaf.pem')))[0]!.sha256;
    expect(scanPemOrDerBundle(new TextEncoder().encode(stdout))[0]!.sha256).toBe(leafSha);
  });

  it('keeps a 600-certificate bundle virtualised and searchable', async () => {
    const leaf = await readFile(join(dir, 'leaf.pem'), 'utf8');
    const ca = await readFile(join(dir, 'ca.pem'), 'utf8');
    await writeFile(join(dir, 'big.pem'), (leaf.repeat(299) + ca).repeat(2));
    app.dialogs.willOpen(join(dir, 'big.pem'));
    await app.page.getByRole('button', { name: 'Open…' }).click();
    await expect.poll(() => app.page.getByText(/of 604 objects/).count(), { timeout: 30_000 }).toBe(1);
    expect(await rows().count()).toBeLessThan(60);
    const caSha = scanPemOrDerBundle(new TextEncoder().encode(ca))[0]!.sha256;
    await app.page.getByLabel('Search objects').fill(caSha.toUpperCase().match(/../g)!.join(':'));
    await expect.poll(() => app.page.getByText(/^3 of 604 objects/).count(), { timeout: 10_000 }).toBe(1);
    await app.screenshot('inspect-search');
  });

  it('combines everything opened into one ordered bundle, the key in its own 0600 file', async () => {
    await app.page.getByLabel('Search objects').fill('');
    await app.page.getByRole('button', { name: 'Export…' }).click();
    const panel = app.page.getByRole('form', { name: 'Export' });
    await panel.getByLabel('Format').selectOption('pem');
    await panel.getByLabel('All opened certificates in one bundle').check();
    await panel.getByLabel('Write the key unencrypted').check();
    const out = join(dir, 'combined.pem');
    app.dialogs.willSave(out);
    await panel.getByRole('button', { name: 'Save…' }).click();
    await expect.poll(() => stat(join(dir, 'combined.key')).then(() => true, () => false), { timeout: 15_000 }).toBe(true);
    const leafSha = scanPemOrDerBundle(await readFile(join(dir, 'leaf.pem')))[0]!.sha256;
    const caSha = scanPemOrDerBundle(await readFile(join(dir, 'ca.pem')))[0]!.sha256;
    expect(scanPemOrDerBundle(await readFile(out)).map((s) => s.sha256)).toEqual([leafSha, caSha]);
    expect((await stat(join(dir, 'combined.key'))).mode & 0o777).toBe(0o600);
  });
});
