import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/pki/hash.js';
import { makeTrustWorld, type TrustWorld } from '../helpers/trust-env.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../helpers/trust-pki.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

describe('Trust stores workspace in Chromium (temp NSS db, real certutil)', () => {
  let app: AppHarness;
  let world: TrustWorld;
  let pki: TrustPki;
  let db: string;

  beforeAll(async () => {
    world = makeTrustWorld();
    pki = makeTrustPki('E2E Trust Root');
    db = join(world.root, 'browserbot-nssdb');
    // Home and the Linux store point into the temp world: nothing the UI does can reach the host's stores.
    app = await launchApp({ env: { env: world.env.env, homeDir: world.home } });
    await app.page.getByRole('button', { name: 'Trust stores', exact: true }).click();
    await app.page.getByRole('list', { name: 'Trust stores on this machine' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
    world?.cleanup();
    if (pki) removePki(pki);
  });

  const grid = () => app.page.getByRole('grid', { name: 'Certificates in store' });
  const row = () => grid().locator(`[role="row"][data-sha256="${sha256Hex(pki.rootDer)}"]`);

  it('adds a root to an NSS db after previewing the exact plan', async () => {
    await app.page.getByLabel('Store type').selectOption('nss');
    await app.page.getByLabel('Store path').fill(db);
    // A typed path is not a dialog's answer: main asks the user in its own dialog first.
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open store' }).click();
    await app.page.getByRole('heading', { name: `NSS ${db}` }).waitFor();
    // No database there yet: the listing says so instead of "0 certificate(s)", and offers to create one.
    await expect.poll(() => app.page.locator('[data-unreadable]').innerText()).toMatch(/Cannot be read: .*no NSS database at/);

    app.dialogs.willOpen(pki.rootPath);
    await app.page.getByRole('button', { name: 'Create database and add…' }).click();
    const dialog = app.page.getByRole('dialog', { name: `Add to nss:${db}` });
    const steps = await dialog.getByRole('list', { name: 'Plan steps' }).innerText();
    expect(steps).toContain(`$ certutil -N --empty-password -d sql:${db}`);
    expect(steps).toContain(`$ certutil -A -d sql:${db} -t C,, -n 'E2E Trust Root' -i /tmp/certbench-`);
    await expect(dialog.innerText()).resolves.toContain('Runs with your own rights.');
    await app.screenshot('trust-plan-preview');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await row().waitFor();
    await expect(row().getByRole('rowheader').innerText()).resolves.toBe('E2E Trust Root');
    const v = spawnSync('certutil', ['-V', '-d', `sql:${db}`, '-n', 'E2E Trust Root', '-u', 'L'], { env: cleanEnv(), encoding: 'utf8' });
    expect(v.stdout).toContain('certificate is valid');
    // The store list reads the store again: the database the plan created is no longer "cannot be read".
    const picker = app.page.locator('.trust-store-button', { hasText: 'browserbot-nssdb' });
    await expect.poll(() => picker.innerText()).not.toMatch(/cannot be read/);
    await app.screenshot('trust-store-listing');
  });

  it("shows the selected certificate in the one detail pane (Inspect's), fetched when the row is selected", async () => {
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    expect(await detail.count()).toBe(0);
    await row().click();
    await detail.getByRole('region', { name: 'Extensions' }).waitFor();
    await expect(detail.locator('[data-field="Label"] .field-value').innerText()).resolves.toBe('E2E Trust Root');
    const fingerprint = await detail.locator('[data-fingerprint="SHA-256"]').innerText();
    expect(fingerprint.replace(/[:\s]/g, '').toLowerCase()).toBe(sha256Hex(pki.rootDer));
    await expect(detail.getByRole('region', { name: 'Subject attributes' }).innerText()).resolves.toContain('commonName');
    await app.screenshot('trust-store-detail');
    // The pane's trust map action works from here too: this db holds it.
    await detail.getByRole('button', { name: /^Trust stores: where is it/ }).click();
    await expect.poll(() => app.page.locator(`tr[data-store="nss:${db}"]`).getAttribute('data-state')).toBe('present');
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the trust map for the root and previews a fleet export', async () => {
    app.dialogs.willOpen(pki.rootPath);
    await app.page.getByRole('button', { name: 'Choose certificate…' }).click();
    const mapRow = app.page.locator(`tr[data-store="nss:${db}"]`);
    await expect.poll(() => mapRow.getAttribute('data-state')).toBe('present');
    await expect(app.page.locator('tr[data-store="linux"]').getAttribute('data-state')).resolves.toBe('missing');
    await app.page.getByLabel('Fleet format').selectOption('ansible');
    await app.page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => app.page.getByLabel('Fleet export preview').innerText()).toContain('update-ca-certificates');
    await app.screenshot('trust-map');
  });

  it("shows a Windows store's exact steps on Linux, labelled for Windows, with nothing to run", async () => {
    await app.page.getByLabel('Store on any OS').selectOption('windows-machine-root');
    await app.page.getByRole('button', { name: 'Show the steps' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Add to windows-machine-root' });
    await expect(dialog.innerText()).resolves.toContain('steps for Windows');
    await expect(dialog.getByRole('list', { name: 'Plan steps' }).innerText()).resolves.toContain('[admin] $ certutil.exe -f -addstore Root certificate.cer');
    await expect(dialog.getByRole('button', { name: 'Add', exact: true }).count()).resolves.toBe(0);
    await app.screenshot('trust-windows-plan-on-linux');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('"Add to all missing (N)" opens the plan dialog with N plans and writes nothing on Cancel', async () => {
    const bundle = join(world.root, 'appliance-bundle.crt');
    writeFileSync(bundle, '');
    await app.page.getByLabel('Store type').selectOption('pem');
    await app.page.getByLabel('Store path').fill(bundle);
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open store' }).click();
    await app.page.getByRole('heading', { name: 'PEM bundle appliance-bundle.crt' }).waitFor();
    app.dialogs.willOpen(pki.rootPath);
    await app.page.getByRole('button', { name: 'Choose certificate…' }).click();
    await app.page.locator(`tr[data-store="pem:${bundle}"][data-state="missing"]`).waitFor();
    const button = app.page.getByRole('button', { name: /^Add to all missing \(\d+\)$/ });
    const count = Number(/\((\d+)\)/.exec(await button.innerText())![1]);
    await button.click();
    const dialog = app.page.getByRole('dialog', { name: 'Add to all missing' });
    await dialog.waitFor();
    await expect(dialog.locator('section.trust-plan-view').count()).resolves.toBe(count);
    await expect(dialog.innerText()).resolves.toContain(`Add to pem:${bundle}`);
    await app.screenshot('trust-add-to-all-plan');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(readFileSync(bundle, 'utf8')).toBe('');
  });

  it('"Add to all missing" approved in the page runs nothing when main\'s own confirmation is declined', async () => {
    const bundle = join(world.root, 'appliance-bundle.crt');
    await app.page.getByRole('button', { name: /^Add to all missing \(\d+\)$/ }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Add to all missing' });
    await dialog.waitFor();
    app.dialogs.willConfirm(false);
    await dialog.getByRole('button', { name: /^Add( in \d+ stores)?$/ }).click();
    await expect.poll(() => app.page.getByText('Adding to every missing store was not confirmed').count()).toBeGreaterThan(0);
    expect(readFileSync(bundle, 'utf8')).toBe('');
  });

  it('an intermediate offers no "Add to all missing" for anchor-only stores', async () => {
    app.dialogs.willOpen(pki.intermediatePath);
    await app.page.getByRole('button', { name: 'Choose certificate…' }).click();
    await expect.poll(() => app.page.locator('.trust-sha').first().innerText()).toBe(sha256Hex(pki.intermediateDer));
    await expect(app.page.getByRole('button', { name: /^Add to all missing/ }).count()).resolves.toBe(0);
  });

  it('an unreadable store shows its reason and offers no Add', async () => {
    const notAFile = join(world.root, 'a-directory.pem');
    mkdirSync(notAFile);
    await app.page.getByLabel('Store type').selectOption('pem');
    await app.page.getByLabel('Store path').fill(notAFile);
    app.dialogs.willConfirm(true);
    await app.page.getByRole('button', { name: 'Open store' }).click();
    await expect.poll(() => app.page.locator('[data-unreadable]').innerText()).toMatch(/Cannot be read: /);
    await expect(app.page.getByRole('button', { name: /^(Add certificate|Create database)/ }).count()).resolves.toBe(0);
    await app.screenshot('trust-unreadable-store');
    await app.page.locator('.trust-store-button', { hasText: 'browserbot-nssdb' }).click();
    await row().waitFor();
  });

  it('removes with confirmation', async () => {
    await row().click();
    await app.page.getByRole('button', { name: 'Remove E2E Trust Root…' }).click();
    const dialog = app.page.getByRole('dialog', { name: `Remove from nss:${db}` });
    await expect(dialog.getByRole('list', { name: 'Plan steps' }).innerText()).resolves.toContain(`$ certutil -D -d sql:${db} -n 'E2E Trust Root'`);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row().count()).toBe(0);
    expect(spawnSync('certutil', ['-L', '-d', `sql:${db}`, '-n', 'E2E Trust Root'], { env: cleanEnv() }).status).not.toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('lists the store in the shared grid: Issued to / Issued by / Expires / Trust, sorted, filtered by expiry', async () => {
    // Three certificates straight into the temp db: the root (30 days), its intermediate (20 days), a root good for 200 days.
    const later = join(world.root, 'later-root.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(world.root, 'later.key'), '-subj', '/CN=E2E Later Root', '-days', '200', '-out', later], { env: cleanEnv() });
    expect(made.status).toBe(0);
    for (const [nick, file, trust] of [['E2E Trust Root', pki.rootPath, 'C,,'], ['E2E Intermediate', pki.intermediatePath, ',,'], ['E2E Later Root', later, 'C,,']] as const) {
      expect(spawnSync('certutil', ['-A', '-d', `sql:${db}`, '-n', nick, '-t', trust, '-i', file], { env: cleanEnv() }).status).toBe(0);
    }
    await app.page.locator('.trust-store-button', { hasText: 'browserbot-nssdb' }).click();
    const names = () => grid().getByRole('rowheader').allInnerTexts();
    await expect.poll(names).toEqual(['Certbench Test Intermediate', 'E2E Later Root', 'E2E Trust Root']);
    const headers = await grid().getByRole('columnheader').allInnerTexts();
    expect(headers.slice(0, 4).map((h) => h.replace(/[▲▼]/, '').trim())).toEqual(['Issued to', 'Issued by', 'Expires', 'Trust']);
    const intermediate = grid().locator(`[role="row"][data-sha256="${sha256Hex(pki.intermediateDer)}"]`);
    await expect(intermediate.getByRole('gridcell').first().innerText()).resolves.toBe('E2E Trust Root');
    await expect(intermediate.getAttribute('data-trust')).resolves.toBe('untrusted');
    await grid().getByRole('columnheader', { name: 'Issued to' }).getByRole('button').click();
    await expect.poll(names).toEqual(['E2E Trust Root', 'E2E Later Root', 'Certbench Test Intermediate']);
    await grid().getByRole('columnheader', { name: 'Expires' }).getByRole('button').click();
    await expect.poll(names).toEqual(['Certbench Test Intermediate', 'E2E Trust Root', 'E2E Later Root']);
    await app.page.getByLabel('Expiry filter').selectOption('30');
    await expect.poll(names).toEqual(['Certbench Test Intermediate', 'E2E Trust Root']);
    await app.page.getByLabel('Expiry filter').selectOption('expired');
    await expect.poll(() => grid().innerText()).toContain('No match.');
    await app.page.getByLabel('Expiry filter').selectOption('365');
    await expect.poll(names).toHaveLength(3);
    await app.screenshot('trust-store-grid');
    expect(app.pageErrors).toEqual([]);
  });

  it('names OS stores in the OS words first and the technical id second', async () => {
    const options = await app.page.getByLabel('Store on any OS').locator('option').allInnerTexts();
    expect(options).toEqual(
      expect.arrayContaining([
        'Trusted Root Certification Authorities (Windows LocalMachine\\Root · windows-machine-root)',
        'Intermediate Certification Authorities (Windows LocalMachine\\CA · windows-machine-ca)',
        'System keychain — Always Trust (macOS System keychain, admin trust settings · macos-system)',
      ]),
    );
    const nss = app.page.locator('.trust-store-button', { hasText: 'browserbot-nssdb' });
    await expect(nss.locator('.trust-store-name').innerText()).resolves.toBe(`NSS ${db}`);
    await expect(nss.locator('.trust-technical-name').innerText()).resolves.toBe(`nss:${db}`);
  });
});
