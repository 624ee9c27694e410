import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPemOrDerBundle } from '../../shared/pki/cert-scan.js';
import { sha256Hex } from '../../shared/pki/hash.js';
import { issue } from '../helpers/chain-certs.js';
import { startChainServer, type ChainServer } from '../helpers/chain-servers.js';
import { makeOpensslChain, tool } from '../helpers/inspect-openssl.js';
import { copyCacerts, keytoolList, opensslCa } from '../helpers/keystore-tools.js';
import { makeTrustWorld, type TrustWorld } from '../helpers/trust-env.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../helpers/trust-pki.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

const POLL = { timeout: 30_000, interval: 200 };

/** What a screen reader would announce for the focused element, near enough to find it by. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-labelledby');
    return (
      el.getAttribute('aria-label') ??
      (labelled ? labelled.split(' ').map((id) => document.getElementById(id)?.innerText ?? '').join(' ') : null) ??
      (el as HTMLInputElement).labels?.[0]?.innerText ??
      el.innerText ??
      ''
    ).trim();
  });

/** Presses Tab until the focused element's name matches: the journeys never touch the mouse. */
async function tabTo(page: Page, name: string | RegExp, max = 120): Promise<void> {
  const matches = (n: string) => (typeof name === 'string' ? n === name : name.test(n));
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

const insideDialog = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));

describe('keyboard-only journeys in Chromium (no mouse)', () => {
  let app: AppHarness;
  let world: TrustWorld;
  let pki: TrustPki;
  const servers: ChainServer[] = [];

  beforeAll(async () => {
    world = makeTrustWorld();
    pki = makeTrustPki('Keyboard Trust Root');
    app = await launchApp({ env: { env: world.env.env, homeDir: world.home } });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await app?.close();
    await closeBrowser();
    world?.cleanup();
    if (pki) removePki(pki);
  });

  it('opens a PFX (Escape cancels the password dialog and gives focus back) and exports it as PEM', async () => {
    const { page, tempDir: dir } = app;
    await makeOpensslChain(dir);
    await tool('openssl', ['pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-certfile', 'ca.pem', '-out', 'kbd.pfx', '-passout', 'pass:s3cret'], dir);
    await page.keyboard.press('Control+1');
    await tabTo(page, 'Open…');
    app.dialogs.willOpen(join(dir, 'kbd.pfx'));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Password for kbd.pfx' });
    await dialog.waitFor();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await insideDialog(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    // React Aria gives focus back on the next frame after the dialog unmounts.
    await expect.poll(() => focusedName(page)).toBe('Open…');

    app.dialogs.willOpen(join(dir, 'kbd.pfx'));
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.type('s3cret');
    await page.keyboard.press('Enter');
    const rows = page.getByRole('grid', { name: 'Objects found' }).locator('[role="row"][data-kind]');
    await expect.poll(() => rows.count(), POLL).toBe(4);

    await tabTo(page, 'Export…');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Key passphrase');
    await page.keyboard.type('pem-pass-1');
    await tabTo(page, 'Save…');
    const out = join(dir, 'kbd-export.pem');
    app.dialogs.willSave(out);
    await page.keyboard.press('Enter');
    const leafSha = scanPemOrDerBundle(await readFile(join(dir, 'leaf.pem')))[0]!.sha256;
    await expect.poll(() => readFile(out).then((b) => scanPemOrDerBundle(b).map((c) => c.sha256), () => []), POLL).toContain(leafSha);
    const files = (await readdir(dir)).filter((f) => f.startsWith('kbd-export'));
    const keyFile = (await Promise.all(files.map(async (f) => ((await readFile(join(dir, f), 'utf8')).includes('ENCRYPTED PRIVATE KEY') ? f : null)))).find(Boolean);
    expect(keyFile).toBeTruthy();
    await tool('openssl', ['pkey', '-in', join(dir, keyFile!), '-passin', 'pass:pem-pass-1', '-noout']);
  });

  it('fetches a chain and opens a node', async () => {
    const { page } = app;
    const root = await issue({ name: 'Keyboard Root' });
    const inter = await issue({ name: 'Keyboard Intermediate', issuer: root, ca: true });
    const leaf = await issue({ name: 'localhost', issuer: inter, dns: ['localhost'] });
    const server = await startChainServer(leaf, [inter]);
    servers.push(server);
    await page.keyboard.press('Control+2');
    await tabTo(page, 'Host');
    await page.keyboard.type(server.target);
    await tabTo(page, 'Server name');
    await page.keyboard.type('localhost');
    await page.keyboard.press('Enter');
    await page.getByRole('status', { name: 'Verdict' }).waitFor(POLL);
    // The tree is one Tab stop (on the leaf); arrow keys walk it, upwards to the issuer.
    await tabTo(page, /CN=localhost/);
    const focusedItem = () => page.evaluate(() => ({ role: document.activeElement?.getAttribute('role'), level: document.activeElement?.getAttribute('aria-level') }));
    expect(await focusedItem()).toEqual({ role: 'treeitem', level: '1' });
    await page.keyboard.press('ArrowUp');
    expect(await focusedName(page)).toMatch(/CN=Keyboard Intermediate/);
    expect(await focusedItem()).toEqual({ role: 'treeitem', level: '2' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: 'Certificate detail' }).locator('h2').innerText()).toBe('CN=Keyboard Intermediate');
  });

  it('imports a certificate into a keystore copy', async () => {
    const { page, tempDir } = app;
    const store = await copyCacerts(tempDir);
    const pem = await opensslCa(tempDir, 'keyboard-root', '/CN=Keyboard Keystore Root');
    await page.keyboard.press('Control+4');
    await tabTo(page, 'Keystore path');
    await page.keyboard.type(store);
    // A typed path is confirmed in main's own dialog before anything reads it.
    app.dialogs.willConfirm(true);
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: 'Keystore entries' }).waitFor(POLL);
    // Playwright turns file-chooser interception on without waiting for it: ask before tabbing, so
    // it is on by the time Space opens the chooser (under load the key could otherwise win the race).
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, 'Import certificate file');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(pem);
    const dialog = page.getByRole('dialog', { name: 'Import keyboard-root.pem' });
    await dialog.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kbd_root');
    await tabTo(page, 'Import');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    await expect.poll(async () => (await keytoolList(store)).entries.some((e) => e.alias === 'kbd_root'), POLL).toBe(true);
  });

  it('adds a root to a temp NSS db through the plan dialog', async () => {
    const { page } = app;
    const db = join(world.root, 'keyboard-nssdb');
    await page.keyboard.press('Control+3');
    await tabTo(page, 'Store type');
    await page.keyboard.type('NSS');
    await tabTo(page, 'Store path');
    await page.keyboard.type(db);
    // A typed path is confirmed in main's own dialog before anything reads it.
    app.dialogs.willConfirm(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `NSS ${db}` }).waitFor(POLL);
    // No database in the directory yet: the plan creates it first.
    await tabTo(page, 'Create database and add…');
    app.dialogs.willOpen(pki.rootPath);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Add to nss:${db}` });
    await dialog.waitFor(POLL);
    await tabTo(page, 'Add');
    expect(await insideDialog(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator(`[data-sha256="${sha256Hex(pki.rootDer)}"]`).waitFor(POLL);
    const v = spawnSync('certutil', ['-V', '-d', `sql:${db}`, '-n', 'Keyboard Trust Root', '-u', 'L'], { env: cleanEnv(), encoding: 'utf8' });
    expect(v.stdout).toContain('certificate is valid');
    expect(app.pageErrors).toEqual([]);
  });
});
