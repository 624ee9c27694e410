import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';
import { cleanEnv, copyCacerts, keytool, keytoolList, opensslCa } from '../helpers/keystore-tools.js';

/** keytool runs take seconds on this shared machine. */
const POLL = { timeout: 30_000, interval: 200 };
const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('Java keystores workspace in Chromium (cacerts copy, real keytool)', () => {
  let app: AppHarness;
  let store: string;
  let originalSha: string;

  beforeAll(async () => {
    app = await launchApp({ env: { env: cleanEnv() } });
    store = await copyCacerts(app.tempDir);
    originalSha = await sha256(store);
    await app.page.getByRole('button', { name: 'Java keystores', exact: true }).click();
    await app.page.getByLabel('Keystore path').fill(store);
    // A typed path is not a dialog's answer: main asks the user in its own dialog first.
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open', exact: true }).click();
    await app.page.getByRole('grid', { name: 'Keystore entries' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  /** The grid is virtualised (cacerts has ~150 entries): search for the alias to bring its row in. */
  const row = (alias: string) => app.page.locator(`[data-alias="${alias}"]`);
  const find = (alias: string) => app.page.getByLabel('Search entries').fill(alias);

  it('lists the JDKs, and imports a dropped root with an alias', async () => {
    await expect.poll(() => app.page.getByRole('list', { name: 'cacerts files' }).innerText(), POLL).toContain('/etc/ssl/certs/java/cacerts');
    const pem = await readFile(await opensslCa(app.tempDir, 'engine-root', '/CN=Engine Root CA/O=Certbench E2E'), 'utf8');
    const transfer = await app.page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'root.crt', { type: 'application/x-x509-ca-cert' }));
      return dt;
    }, pem);
    await app.page.dispatchEvent('section.keystore', 'drop', { dataTransfer: transfer });
    const dialog = app.page.getByRole('dialog', { name: 'Import root.crt' });
    await expect(dialog.getByLabel('Alias').inputValue()).resolves.toBe('engine_root_ca');
    await dialog.getByLabel('Alias').fill('Root_Engine');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await find('root_engine');
    await row('root_engine').waitFor();
    await app.screenshot('keystore-imported');
    expect((await keytoolList(store)).entries.some((e) => e.alias === 'root_engine')).toBe(true);
  });

  it('hits the duplicate-alias path: refuses, then replaces on request', async () => {
    await app.page.getByLabel('Import certificate file').setInputFiles(await opensslCa(app.tempDir, 'second-root'));
    const dialog = app.page.getByRole('dialog', { name: 'Import second-root.pem' });
    await dialog.getByLabel('Alias').fill('root_engine');
    await dialog.getByLabel('Alias').press('Tab');
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('Alias "root_engine" already exists');
    // Before Replace is pressed, the dialog shows which certificate goes and which comes.
    const current = (await keytoolList(store)).entries.find((e) => e.alias === 'root_engine')!.sha256s[0]!;
    await expect(dialog.getByRole('region', { name: 'Replace plan' }).getByRole('definition').filter({ hasText: current }).count()).resolves.toBe(1);
    await expect(dialog.getByRole('region', { name: 'Replace plan' }).innerText()).resolves.toContain('keystore-backups');
    const before = await sha256(store);
    await app.page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => app.page.locator('.toast-error').innerText(), POLL).toContain('already exists');
    expect(await sha256(store)).toBe(before);
    await app.screenshot('keystore-duplicate-alias');
    await app.page.getByRole('dialog').getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => app.page.locator('.toast-success').last().innerText(), POLL).toContain('Replaced "root_engine"');
    expect(await sha256(store)).not.toBe(before);
  });

  it('restores the first backup: the store is byte-identical to the original copy', async () => {
    const backups = app.page.getByRole('list', { name: 'Backups' }).locator('li');
    await expect.poll(() => backups.count(), POLL).toBe(2);
    await backups.last().getByRole('button', { name: /Restore backup/ }).click();
    await app.page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => row('root_engine').count(), POLL).toBe(0);
    expect(await sha256(store)).toBe(originalSha);
    await app.screenshot('keystore-restored');
    expect(app.pageErrors).toEqual([]);
  });

  it('imports a key pair from a PFX chosen in the file picker', async () => {
    const pem = await opensslCa(app.tempDir, 'tls-server');
    const pfx = join(app.tempDir, 'server.pfx');
    await promisify(execFile)('openssl', ['pkcs12', '-export', '-in', pem, '-inkey', join(app.tempDir, 'tls-server.key'), '-name', 'server', '-out', pfx,
      '-passout', 'pass:pfx-pass-1'], { env: cleanEnv() });
    await app.page.getByLabel('Import certificate file').setInputFiles(pfx);
    const dialog = app.page.getByRole('dialog', { name: 'Import key pair from server.pfx' });
    await dialog.getByLabel('PFX password').fill('pfx-pass-1');
    await dialog.getByLabel('Key pair alias').fill('TLS Server');
    await dialog.getByRole('button', { name: 'Import key pair' }).click();
    await find('tls server');
    await row('tls server').waitFor();
    await expect(row('tls server').innerText()).resolves.toContain('privateKey');
    expect((await keytoolList(store)).entries.find((e) => e.alias === 'tls server')?.entryType).toBe('privateKey');
  });

  it("shows the selected entry's certificate in the one detail pane (Inspect's), fetched on selection", async () => {
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    await find('tls server');
    await row('tls server').click();
    await detail.getByRole('region', { name: 'Extensions' }).waitFor();
    await expect(detail.locator('[data-field="Label"] .field-value').innerText()).resolves.toBe('tls server');
    const pem = await readFile(join(app.tempDir, 'tls-server.pem'), 'utf8');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const fingerprint = await detail.locator('[data-fingerprint="SHA-256"]').innerText();
    expect(fingerprint.replace(/[:\s]/g, '').toLowerCase()).toBe(createHash('sha256').update(der).digest('hex'));
    await app.screenshot('keystore-entry-detail');
  });

  it('plans a PFX import over an existing alias and replaces only after Replace; keytool confirms', async () => {
    const pem = await opensslCa(app.tempDir, 'tls-server-renewed');
    const pfx = join(app.tempDir, 'renewed.pfx');
    await promisify(execFile)('openssl', ['pkcs12', '-export', '-in', pem, '-inkey', join(app.tempDir, 'tls-server-renewed.key'), '-name', 'server', '-out', pfx,
      '-passout', 'pass:pfx-pass-2'], { env: cleanEnv() });
    const printed = await keytool(['-printcert', '-file', pem]);
    const renewed = /^\s+SHA256: ([0-9A-F:]+)$/m.exec(printed.stdout)![1]!.replace(/:/g, '').toLowerCase();
    const current = (await keytoolList(store)).entries.find((e) => e.alias === 'tls server')!.sha256s[0]!;
    const before = await sha256(store);
    await app.page.getByLabel('Import certificate file').setInputFiles(pfx);
    const dialog = app.page.getByRole('dialog', { name: 'Import key pair from renewed.pfx' });
    await dialog.getByLabel('PFX password').fill('pfx-pass-2');
    await dialog.getByLabel('Key pair alias').fill('TLS Server');
    await dialog.getByRole('button', { name: 'Import key pair' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText(), POLL).toContain('Alias "tls server" already exists');
    const plan = dialog.getByRole('region', { name: 'Replace plan' });
    await expect(plan.getByLabel('Replaced certificate').innerText()).resolves.toContain(current);
    await expect(plan.getByLabel('New certificate').innerText()).resolves.toContain(renewed);
    await expect(plan.innerText()).resolves.toContain('keystore-backups');
    await app.screenshot('keystore-keypair-replace-plan');
    expect(await sha256(store)).toBe(before);
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    const replaced = (await keytoolList(store)).entries.find((e) => e.alias === 'tls server');
    expect(replaced?.entryType).toBe('privateKey');
    expect(replaced?.sha256s[0]).toBe(renewed);
    expect(app.pageErrors).toEqual([]);
  });

  it('asks for the store password inside the import dialog when the store was opened without it', async () => {
    const other = await copyCacerts(app.tempDir, 'team.jks');
    await app.page.getByLabel('Keystore path').fill(other);
    // A typed path: main asks in its own dialog before the window may use it.
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => app.page.locator('[data-integrity]').getAttribute('data-integrity'), POLL).toBe('unverified');
    await app.page.getByLabel('Import certificate file').setInputFiles(await opensslCa(app.tempDir, 'team-root'));
    const dialog = app.page.getByRole('dialog', { name: 'Import team-root.pem' });
    await dialog.getByLabel('Store password').fill('not-the-password');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText(), POLL).toMatch(/password is missing or wrong/);
    // The dialog asks again itself: no second password field behind it.
    expect(await app.page.getByLabel('Store password', { exact: true }).count()).toBe(1);
    await dialog.getByLabel('Store password').fill('changeit');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    expect((await keytoolList(other)).entries.some((e) => e.alias === 'team-root')).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
