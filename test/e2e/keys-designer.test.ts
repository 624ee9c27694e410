import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCsr, run } from '../helpers/keys-cli.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

const PASS = 'correct horse battery';

describe('Keys & CSR workspace in Chromium', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await launchApp();
    await app.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Keys & CSR', exact: true }).click();
    await app.page.getByRole('form', { name: 'CSR designer' }).waitFor();
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('scolds nobody before anything is typed, and names problems by their field, not by an internal path', async () => {
    const page = app.page;
    expect(await page.getByRole('list', { name: 'Errors' }).count()).toBe(0);
    expect(await page.locator('.kc-subject .kc-error').count()).toBe(0);
    await page.getByLabel('Country (C)').fill('USA');
    await expect.poll(() => page.getByRole('list', { name: 'Errors' }).innerText()).toMatch(/^Country \(C\): /);
    await page.getByLabel('Country (C)').fill('');
  });

  it('validates fields and SAN rows as they are typed, and previews the CSR', async () => {
    const page = app.page;
    await page.getByLabel('Common name (CN)').fill('app.example');
    await page.getByLabel('Organization (O)').fill('Example, Inc.');
    await page.getByLabel('Country (C)').fill('USA');
    await expect(page.locator('.kc-subject .kc-error').innerText()).resolves.toContain('two-letter code');
    await page.getByLabel('Country (C)').fill('us');
    await page.getByRole('button', { name: 'Add SAN' }).click();
    await page.getByLabel('SAN 1', { exact: true }).fill('www.app.example');
    await page.getByRole('button', { name: 'Add SAN' }).click();
    await page.getByLabel('SAN 2', { exact: true }).fill('w*.app.example');
    await expect(page.locator('[data-san-row="1"] .kc-error').innerText()).resolves.toContain('wildcard');
    await page.getByLabel('SAN 2', { exact: true }).fill('bücher.example');
    await expect(page.locator('[data-san-row="1"] .hint').innerText()).resolves.toBe('bücher.example → xn--bcher-kva.example');
    await page.getByRole('button', { name: 'Add SAN' }).click();
    await page.getByLabel('SAN 3 type').selectOption('ip');
    await page.getByLabel('SAN 3', { exact: true }).fill('10.0.0.5');
    const preview = page.getByRole('complementary', { name: 'CSR preview' });
    await expect(preview.locator('[data-preview="subject"]').innerText()).resolves.toBe('C=US, O=Example, Inc., CN=app.example');
    await expect(preview.locator('[data-preview="sans"] li').allInnerTexts()).resolves.toEqual([
      'DNS app.example',
      'DNS www.app.example',
      'DNS xn--bcher-kva.example',
      'IP 10.0.0.5',
    ]);
    await expect(preview.getByRole('list', { name: 'Warnings' }).innerText()).resolves.toContain('private IPs: 10.0.0.5');
    await app.screenshot('keys-designer-form');
  });

  it('generates an encrypted key and a CSR in one call, and saves both', async () => {
    const page = app.page;
    await expect(page.getByRole('button', { name: 'Generate key and CSR' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Key passphrase').fill(PASS);
    await page.getByRole('button', { name: 'Generate key and CSR' }).click();
    const result = page.getByRole('region', { name: 'CSR result' });
    await result.waitFor();
    await expect(result.locator('[data-testid="csr-pem"]').innerText()).resolves.toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const csrPath = join(app.tempDir, 'app.csr');
    app.dialogs.willSave(csrPath);
    await result.getByRole('button', { name: 'Save CSR…' }).click();
    await expect.poll(() => stat(csrPath).then(() => true, () => false)).toBe(true);
    const csr = opensslCsr(csrPath);
    expect(csr.verified).toBe(true);
    expect(csr.subject).toBe('CN=app.example,O=Example\\, Inc.,C=US');
    expect(csr.sans).toEqual(['DNS:app.example', 'DNS:www.app.example', 'DNS:xn--bcher-kva.example', 'IP Address:10.0.0.5']);
    expect(csr.keyLine).toContain('(256 bit)');
    const keyPath = join(app.tempDir, 'app.key');
    app.dialogs.willSave(keyPath);
    await result.getByRole('button', { name: 'Save private key…' }).click();
    await expect.poll(() => stat(keyPath).then((s) => s.mode & 0o777, () => 0)).toBe(0o600);
    expect(run('openssl', ['pkey', '-in', keyPath, '-passin', 'env:PW', '-noout'], { PW: PASS }).code).toBe(0);
    expect(run('openssl', ['pkey', '-in', keyPath, '-passin', 'pass:', '-noout']).code).not.toBe(0);
    await app.screenshot('keys-designer-generated');
  });

  it('keeps the renderer responsive while an RSA-4096 key is generated (no long task over 50 ms)', async () => {
    const page = app.page;
    await page.getByLabel('Key', { exact: true }).selectOption('new:rsa-4096');
    await page.evaluate(() => {
      const w = globalThis as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => w.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
    });
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Generate key and CSR' }).click();
    await page.getByRole('heading', { name: /CSR for RSA 4096/ }).waitFor({ timeout: 60_000 });
    const doneAt = await page.evaluate(() => performance.now());
    const longTasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    expect(longTasks.filter((t) => t.duration > 50), `long tasks between the click at ${clickedAt} ms and the result at ${doneAt} ms`).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('issues a self-signed certificate from the designer', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Self-signed & local CA' }).click();
    await page.getByRole('button', { name: 'Self-signed certificate' }).click();
    const card = page.getByRole('article', { name: 'Issued certificate' });
    await card.waitFor();
    await expect(card.locator('[data-field="Subject"] .field-value').innerText()).resolves.toBe('C=US, O=Example\\, Inc., CN=app.example');
    await app.screenshot('keys-self-signed');
  });

  it('signs the CSR with a local CA and turns the answer into an appliance bundle with a PFX', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Create local CA' }).click();
    await page.getByRole('article', { name: 'Local CA' }).waitFor();
    await page.getByRole('button', { name: 'Sign the CSR with the local CA' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Issued certificate' }).locator('[data-field="Issuer"] .field-value').innerText()).toBe('CN=Certbench Local CA');
    const caPath = join(app.tempDir, 'ca.pem');
    const certPath = join(app.tempDir, 'answer.pem');
    app.dialogs.willSave(caPath);
    await page.getByRole('article', { name: 'Local CA' }).getByRole('button', { name: 'Save certificate…' }).click();
    await expect.poll(() => stat(caPath).then(() => true, () => false)).toBe(true);
    app.dialogs.willSave(certPath);
    await page.getByRole('article', { name: 'Issued certificate' }).getByRole('button', { name: 'Save certificate…' }).click();
    await expect.poll(() => stat(certPath).then(() => true, () => false)).toBe(true);

    await page.getByRole('tab', { name: 'CA answer → bundle' }).click();
    app.dialogs.willOpen(certPath);
    await page.getByRole('button', { name: "Open the CA's answer…" }).click();
    app.dialogs.willOpen(caPath);
    await page.getByRole('button', { name: 'Add intermediates…' }).click();
    await page.getByRole('button', { name: 'Match to key and build chain' }).click();
    const analysis = page.getByLabel('Bundle analysis');
    await analysis.waitFor();
    await expect(analysis.innerText()).resolves.toContain('Matches key: RSA 4096 key');
    await page.getByLabel('Bundle key passphrase').fill(PASS);
    await page.getByText('Also a PFX').click();
    await page.getByLabel('PFX profile').selectOption('legacy');
    await page.getByLabel('PFX password').fill('pfx-secret');
    const outDir = join(app.tempDir, 'bundle');
    await mkdir(outDir);
    app.dialogs.willSave(join(outDir, 'fullchain.pem'));
    await page.getByRole('button', { name: 'Write bundle…' }).click();
    await page.getByRole('list', { name: 'Bundle files' }).waitFor();
    const verify = run('openssl', ['verify', '-no-CApath', '-no-CAstore', '-CAfile', caPath, join(outDir, 'fullchain.pem')]);
    expect(verify.stdout).toContain(': OK');
    expect(run('openssl', ['pkcs12', '-in', join(outDir, 'bundle.pfx'), '-passin', 'pass:pfx-secret', '-noout']).code).toBe(0);
    expect((await stat(join(outDir, 'key.pem'))).mode & 0o777).toBe(0o600);
    await app.screenshot('keys-bundle');
  });

  it('signs a CSR with an existing encrypted key file after asking for its passphrase', async () => {
    const page = app.page;
    const keyPath = join(app.tempDir, 'existing.key');
    expect(run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-aes-256-cbc', '-pass', 'pass:existing-pass', '-out', keyPath]).code).toBe(0);
    await page.getByRole('tab', { name: 'CSR designer' }).click();
    app.dialogs.willOpen(keyPath);
    await page.getByRole('button', { name: 'Use a key file…' }).click();
    await page.getByLabel('Passphrase of the key file').fill('existing-pass');
    await page.getByRole('button', { name: 'Open key' }).click();
    await expect.poll(() => page.getByLabel('Key', { exact: true }).inputValue()).toMatch(/^key:/);
    await expect(page.locator('[data-preview="key"]').innerText()).resolves.toBe('ECDSA P-384');
    await page.getByRole('button', { name: 'Make CSR' }).click();
    await page.getByRole('heading', { name: /CSR for existing\.key/ }).waitFor();
    const csrPath = join(app.tempDir, 'existing.csr');
    app.dialogs.willSave(csrPath);
    await page.getByRole('button', { name: 'Save CSR…' }).click();
    await expect.poll(() => stat(csrPath).then(() => true, () => false)).toBe(true);
    const pub = run('openssl', ['pkey', '-in', keyPath, '-passin', 'pass:existing-pass', '-pubout']).stdout;
    expect(run('openssl', ['req', '-in', csrPath, '-pubkey', '-noout']).stdout).toBe(pub);
    expect(opensslCsr(csrPath).text).toContain('ecdsa-with-SHA384');
  });

  it('splits a comma-separated SAN list pasted into one field into one row per name, typed', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Add SAN' }).click();
    const rows = page.getByRole('table', { name: 'SANs' }).locator('[data-san-row]');
    const last = (await rows.count()) - 1;
    const field = page.getByLabel(`SAN ${last + 1}`, { exact: true });
    await field.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, 'api.example.com, DNS:www.example.com 10.0.0.7,ops@example.com');
    await expect.poll(() => rows.count()).toBe(last + 4);
    const added = [];
    for (let i = last; i < last + 4; i++) {
      added.push(`${await page.getByLabel(`SAN ${i + 1} type`).inputValue()}:${await page.getByLabel(`SAN ${i + 1}`, { exact: true }).inputValue()}`);
    }
    expect(added).toEqual(['dns:api.example.com', 'dns:www.example.com', 'ip:10.0.0.7', 'email:ops@example.com']);
    expect(app.pageErrors).toEqual([]);
  });
});
