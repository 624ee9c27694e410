import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCsr } from '../helpers/keys-cli.js';
import { copyCacerts, keytoolList } from '../helpers/keystore-tools.js';
import { seriousAxeFindings, serveAxe } from './axe.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

/** The JDK cacerts copy's password (Debian's default). */
const STORE_PASSWORD = 'changeit';

/**
 * The CSR designer's "In a Java keystore (keytool)" destination in Chromium, against a copy of the
 * JDK's cacerts and real keytool: the store is chosen in main's open dialog, the password asked in
 * the plan dialog, the plan shown, and only Run writes; Escape drops the plan and writes nothing.
 */
describe('Keys & CSR: a key pair and CSR made in a Java keystore through the plan dialog', () => {
  let app: AppHarness;
  let store: string;

  beforeAll(async () => {
    app = await launchApp();
    await serveAxe(app.page);
    store = await copyCacerts(app.tempDir, 'app.jks');
    await app.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Keys & CSR', exact: true }).click();
    await app.page.getByRole('form', { name: 'CSR designer' }).waitFor();
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('designs the CSR, plans it with the store password inside the dialog, runs it, and keytool lists the new key entry', async () => {
    const page = app.page;
    await page.getByLabel('Common name (CN)').fill('java.example');
    await page.getByLabel('Key destination').selectOption('keystore');
    await page.getByLabel('Signature hash').selectOption('SHA-384');
    const plan = page.getByRole('button', { name: 'Plan key pair in keystore…' });
    await expect(plan.isDisabled()).resolves.toBe(true);
    app.dialogs.willOpen(store);
    await page.getByRole('button', { name: 'Choose keystore…' }).click();
    await expect.poll(() => page.getByTestId('keystore-path').innerText()).toBe(store);
    await page.getByLabel('Alias in the keystore').fill('web');
    expect(await seriousAxeFindings(page)).toEqual([]);
    const before = await readFile(store);

    // Keyboard only from here: the focused button opens the dialog, whose password field takes focus.
    await plan.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New key pair in a Java keystore' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Store password');
    await page.keyboard.type(STORE_PASSWORD);
    await page.keyboard.press('Enter');
    const shown = dialog.getByRole('region', { name: 'Keystore plan' });
    await shown.waitFor();
    const text = await shown.innerText();
    expect(text).toContain(`New key pair web in ${store} (JKS)`);
    expect(text).toMatch(/Backup: a copy of the store is saved in .* first \("before: new key pair web"\)/);
    const commands = await shown.getByLabel('keytool commands').innerText();
    expect(commands).toMatch(/keytool -genkeypair .*-storepass:env CERTBENCH_KS_STOREPASS -alias web /);
    // The hash chosen before the alias was typed is the one keytool signs with.
    expect(commands).toMatch(/keytool -certreq .*-sigalg SHA384withECDSA /);
    expect(await dialog.innerText()).not.toContain(STORE_PASSWORD);
    // Nothing is written before Run.
    expect(await readFile(store)).toEqual(before);
    await app.screenshot('keys-java-keystore-plan');
    expect(await seriousAxeFindings(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Run' }).click();
    await dialog.waitFor({ state: 'detached' });
    const result = page.getByRole('region', { name: 'CSR result' });
    await expect.poll(() => result.getByRole('heading').innerText()).toContain('CSR for key pair "web"');
    expect(await result.innerText()).toContain(`The private key stays in ${store} under alias web`);
    expect(await result.getByRole('button', { name: 'Save private key…' }).count()).toBe(0);
    const entries = (await keytoolList(store, STORE_PASSWORD)).entries;
    expect(entries.find((e) => e.alias === 'web')?.entryType).toBe('privateKey');
    expect(entries.length).toBeGreaterThan(100);

    const csrPath = join(app.tempDir, 'web.csr');
    app.dialogs.willSave(csrPath);
    await result.getByRole('button', { name: 'Save CSR…' }).click();
    await expect.poll(() => stat(csrPath).then(() => true, () => false)).toBe(true);
    const csr = opensslCsr(csrPath);
    expect(csr.verified).toBe(true);
    expect(csr.subject).toBe('CN=java.example');
    expect(csr.sans).toEqual(['DNS:java.example']);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows main’s refusal inside the dialog, and Escape drops a shown plan without writing', async () => {
    const page = app.page;
    const dialog = page.getByRole('dialog', { name: 'New key pair in a Java keystore' });
    // The alias is taken now: main refuses the plan, and says so in the dialog.
    await page.getByRole('button', { name: 'Plan key pair in keystore…' }).click();
    await page.keyboard.type(STORE_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('Alias "web" already exists');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByLabel('Alias in the keystore').fill('api');
    const before = await readFile(store);
    const discarded: string[] = [];
    const csr = app.services.csr;
    const discard = csr.discardKeytoolPlan.bind(csr);
    csr.discardKeytoolPlan = (planId) => (discarded.push(planId), discard(planId));
    await page.getByRole('button', { name: 'Plan key pair in keystore…' }).click();
    await page.keyboard.type(STORE_PASSWORD);
    await page.keyboard.press('Enter');
    await dialog.getByRole('region', { name: 'Keystore plan' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Main no longer keeps the plan the user turned down.
    await expect.poll(() => discarded.length).toBe(1);
    expect(await readFile(store)).toEqual(before);
    expect((await keytoolList(store, STORE_PASSWORD)).entries.some((e) => e.alias === 'api')).toBe(false);
  });

  it('makes a new owner-only PKCS12 keystore at a path from the save dialog, and the plan says so', async () => {
    const page = app.page;
    const created = join(app.tempDir, 'new.p12');
    app.dialogs.willSave(created);
    await page.getByRole('button', { name: 'New keystore…' }).click();
    await expect.poll(() => page.getByTestId('keystore-path').innerText()).toBe(created);
    await page.getByLabel('Alias in the keystore').fill('app');
    await page.getByRole('button', { name: 'Plan key pair in keystore…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New key pair in a Java keystore' });
    await page.keyboard.type('new-store-pass');
    await page.keyboard.press('Enter');
    const shown = dialog.getByRole('region', { name: 'Keystore plan' });
    await expect.poll(() => shown.innerText()).toContain('No file is there yet: a new PKCS12 keystore (owner-only, mode 0600) is made.');
    expect(await stat(created).then(() => 'exists', () => 'absent')).toBe('absent');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('region', { name: 'CSR result' }).innerText()).toContain('The keystore was created for it.');
    expect((await stat(created)).mode & 0o777).toBe(0o600);
    const listed = await keytoolList(created, 'new-store-pass');
    expect(listed.type).toBe('PKCS12');
    expect(listed.entries.map((e) => [e.alias, e.entryType])).toEqual([['app', 'privateKey']]);
  });
});
