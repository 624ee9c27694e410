import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromNow, issue, type TestCert } from '../helpers/chain-certs.js';
import { startMitmproxy } from '../helpers/chain-proxies.js';
import { startChainServer, startFileServer, type ChainServer, type FileServer } from '../helpers/chain-servers.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

const exec = promisify(execFile);

/** Fetches `server`'s chain (SNI localhost) and waits for the new verdict. */
async function fetchChain(app: AppHarness, server: ChainServer, options: { aia?: boolean } = {}): Promise<void> {
  const page = app.page;
  await page.getByLabel('Host', { exact: true }).fill(server.target);
  await page.getByLabel('Server name').fill('localhost');
  await page.getByLabel('Fetch missing issuers (AIA)').setChecked(Boolean(options.aia));
  const verdict = page.getByRole('status', { name: 'Verdict' });
  const before = (await verdict.count()) ? await verdict.getAttribute('data-verified-at') : null;
  await page.getByRole('button', { name: 'Fetch chain' }).click();
  await expect.poll(async () => ((await verdict.count()) ? verdict.getAttribute('data-verified-at') : null)).not.toBe(before);
}

/** A JKS cacerts holding only an unrelated root: Java refuses what the other clients trust. */
async function cacertsWithoutRoot(dir: string): Promise<string> {
  const other = await issue({ name: 'E2E Unrelated Root' });
  const otherPem = join(dir, 'unrelated.pem');
  await writeFile(otherPem, other.pem);
  const cacerts = join(dir, 'cacerts.jks');
  await exec('keytool', ['-importcert', '-noprompt', '-keystore', cacerts, '-storetype', 'JKS', '-storepass', 'changeit', '-alias', 'other', '-file', otherPem]);
  return cacerts;
}

describe('Chain workspace in Chromium against loopback servers', () => {
  let app: AppHarness;
  let root: TestCert;
  let inter: TestCert;
  let leaf: TestCert;
  let rootPath: string;
  const servers: ChainServer[] = [];
  let aia: FileServer;

  const fetchFrom = (server: ChainServer, options: { aia?: boolean } = {}) => fetchChain(app, server, options);
  const nodeNames = () => app.page.locator('.chain-tree .tree-node .node-name').allInnerTexts();

  beforeAll(async () => {
    app = await launchApp();
    root = await issue({ name: 'E2E Root' });
    inter = await issue({ name: 'E2E Intermediate', issuer: root, ca: true });
    leaf = await issue({ name: 'localhost', issuer: inter, dns: ['localhost'] });
    rootPath = join(app.tempDir, 'root.pem');
    await writeFile(rootPath, root.pem);
    aia = await startFileServer({ '/inter.cer': inter.der });
    await app.page.getByRole('button', { name: 'Chain', exact: true }).click();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await aia?.close();
    await app?.close();
    await closeBrowser();
  });

  it('takes a custom PEM bundle as the trust source through the open dialog', async () => {
    app.dialogs.willOpen(rootPath);
    await app.page.getByLabel('Trust source').selectOption('custom');
    await expect.poll(() => app.page.getByLabel('Trust source').inputValue()).toBe(`pem:${rootPath}`);
  });

  it('draws a wrong-order chain as a tree, diagnoses it, and exports the corrected bundle', async () => {
    const stray = await issue({ name: 'E2E Stray' });
    const server = await startChainServer(leaf, [root, stray, inter]);
    servers.push(server);
    await fetchFrom(server);
    await expect(app.page.getByRole('status', { name: 'Verdict' }).innerText()).resolves.toMatch(/^Trusted/);
    expect(await nodeNames()).toEqual(['CN=E2E Root', 'CN=E2E Intermediate', 'CN=localhost']);
    const codes = await app.page.locator('.diagnosis').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(['wrong-order', 'extraneous-certificate']);
    await expect(app.page.getByRole('list', { name: 'Presented but on no path' }).innerText()).resolves.toContain('CN=E2E Stray');
    await app.page.locator('.tree-node', { hasText: 'CN=E2E Intermediate' }).click();
    const detail = app.page.getByRole('article', { name: 'Certificate detail' });
    await expect(detail.locator('h2').innerText()).resolves.toBe('CN=E2E Intermediate');
    await expect.poll(() => detail.innerText()).not.toContain('Decoding extensions');
    await app.screenshot('chain-wrong-order');
    const out = join(app.tempDir, 'fullchain.pem');
    app.dialogs.willSave(out);
    await app.page.locator('.chain-verdict').getByRole('button', { name: 'Export corrected bundle' }).click();
    await expect.poll(() => readFile(out, 'utf8').catch(() => '')).toBe(leaf.pem + inter.pem);
  });

  it('walks the chain tree with arrow keys: one Tab stop, aria-level, Left closes and Right opens the issuers', async () => {
    const { page } = app;
    const tree = page.getByRole('tree', { name: 'Chain tree' });
    const items = tree.getByRole('treeitem');
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-level')))).toEqual(['3', '2', '1']);
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
    const focused = () => page.evaluate(() => document.activeElement?.querySelector('.node-name')?.textContent ?? '');
    await tree.locator('[role="treeitem"][tabindex="0"]').focus();
    await page.keyboard.press('End');
    expect(await focused()).toBe('CN=localhost');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('CN=E2E Intermediate');
    const intermediate = tree.getByRole('treeitem', { name: /CN=E2E Intermediate/ });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => intermediate.getAttribute('aria-expanded')).toBe('false');
    expect(await items.count()).toBe(2);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => intermediate.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('CN=E2E Root');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('CN=E2E Intermediate');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('CN=E2E Root');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('article', { name: 'Certificate detail' }).locator('h2').innerText()).toBe('CN=E2E Root');
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
  });

  it('shows a missing intermediate, completed through AIA, with the fix', async () => {
    const aiaLeaf = await issue({ name: 'localhost', issuer: inter, dns: ['localhost'], aiaCaIssuers: `${aia.base}/inter.cer` });
    const server = await startChainServer(aiaLeaf, []);
    servers.push(server);
    await fetchFrom(server);
    await expect(app.page.locator('.tree-node.status-missing').innerText()).resolves.toContain('CN=E2E Intermediate');
    await fetchFrom(server, { aia: true });
    const d = app.page.locator('.diagnosis[data-code="missing-intermediate"]');
    await expect(d.innerText()).resolves.toMatch(/AIA can complete it/);
    await expect(app.page.locator('.tree-node', { hasText: 'CN=E2E Intermediate' }).innerText()).resolves.toMatch(/aia/i);
    await app.screenshot('chain-missing-intermediate-aia');
  });

  it('draws an expired cross-sign as a second branch', async () => {
    const oldRoot = await issue({ name: 'E2E Old Root', notBefore: daysFromNow(-3000), notAfter: daysFromNow(3000) });
    const cross = await issue({ name: 'E2E Root', issuer: oldRoot, ca: true, keys: root.keys, notBefore: daysFromNow(-800), notAfter: daysFromNow(-30) });
    await writeFile(rootPath, root.pem + oldRoot.pem);
    const server = await startChainServer(leaf, [inter, cross]);
    servers.push(server);
    await fetchFrom(server);
    expect(await app.page.locator('.tree-children .tree-children').first().locator('> .tree-branch').count()).toBe(2);
    await expect(app.page.locator('.diagnosis[data-code="expired-cross-sign"]').count()).resolves.toBe(1);
    await expect(app.page.locator('.tree-node.status-error').count()).resolves.toBeGreaterThan(0);
    // The expired cross-sign's own problem, marked on its branch, is named in Diagnoses too, as on another path.
    const other = app.page.getByRole('list', { name: 'Problems on other paths' }).locator('.other-path-problem[data-code="expired"]');
    await expect(other.innerText()).resolves.toMatch(/On another path, not the best one \(localhost → E2E Intermediate → E2E Root → E2E Old Root\): .*expired on/);
    await app.screenshot('chain-expired-cross-sign');
    await writeFile(rootPath, root.pem);
  });

  it('names a problem only an alternative path has, while the best path is clean', async () => {
    // A valid cross-sign whose issuer nobody has: the second path stops there; the chosen one is fine.
    const unknownRoot = await issue({ name: 'E2E Unknown Root' });
    const cross = await issue({ name: 'E2E Root', issuer: unknownRoot, ca: true, keys: root.keys });
    const server = await startChainServer(leaf, [inter, cross]);
    servers.push(server);
    await fetchFrom(server);
    await expect(app.page.getByRole('status', { name: 'Verdict' }).innerText()).resolves.toMatch(/^Trusted/);
    await expect(app.page.locator('.chain-clean').innerText()).resolves.toBe('No problems on the best path.');
    const other = app.page.getByRole('list', { name: 'Problems on other paths' }).locator('.other-path-problem');
    await expect(other.innerText()).resolves.toMatch(/On another path, not the best one \(localhost → E2E Intermediate → E2E Root\): The issuer of .*E2E Root.* was not found/);
    await app.screenshot('chain-other-path-problem');
  });

  it('verifies pasted PEM and opened files without a server', async () => {
    const verdict = app.page.getByRole('status', { name: 'Verdict' });
    const before = await verdict.getAttribute('data-verified-at');
    await app.page.getByRole('button', { name: 'Paste PEM' }).click();
    await app.page.getByLabel('Chain PEM text').fill(inter.pem + leaf.pem);
    await app.page.getByRole('button', { name: 'Verify text' }).click();
    await expect.poll(() => verdict.getAttribute('data-verified-at')).not.toBe(before);
    await expect(verdict.innerText()).resolves.toMatch(/files: pasted text/);
    expect(await nodeNames()).toEqual(['CN=E2E Root', 'CN=E2E Intermediate', 'CN=localhost']);
    const chainFile = join(app.tempDir, 'chain.pem');
    await writeFile(chainFile, leaf.pem + inter.pem);
    const second = await verdict.getAttribute('data-verified-at');
    app.dialogs.willOpen(chainFile);
    await app.page.getByRole('button', { name: 'Open files…' }).click();
    await expect.poll(() => verdict.getAttribute('data-verified-at')).not.toBe(second);
    await expect(verdict.innerText()).resolves.toMatch(/^Trusted[\s\S]*files: chain\.pem/);
  });

  it('links an untrusted root to the trust stores workspace', async () => {
    const privateRoot = await issue({ name: 'E2E Private Root' });
    const privateLeaf = await issue({ name: 'localhost', issuer: privateRoot, dns: ['localhost'] });
    const server = await startChainServer(privateLeaf, [privateRoot]);
    servers.push(server);
    await fetchFrom(server);
    const d = app.page.locator('.diagnosis[data-code="self-signed-in-chain"]');
    await expect(d.innerText()).resolves.toContain('E2E Private Root');
    await app.screenshot('chain-untrusted-root');
    await d.getByRole('button', { name: 'Add to a trust store…' }).click();
    await expect.poll(() => app.page.getByRole('button', { name: 'Trust stores', exact: true }).getAttribute('aria-current')).toBe('page');
    await app.page.getByRole('button', { name: 'Chain', exact: true }).click();
  });

  it('through a real mitmproxy the diagnosis is tls-inspection naming its root', async () => {
    const mitm = await startMitmproxy();
    try {
      const server = await startChainServer(leaf, [inter]);
      servers.push(server);
      await app.page.getByLabel('Proxy').fill(mitm.url);
      await fetchFrom(server);
      const d = app.page.locator('.diagnosis[data-code="tls-inspection"]');
      await expect(d.innerText()).resolves.toMatch(/^[\s\S]*TLS inspection[\s\S]*CN=mitmproxy/);
      await expect(d.getByRole('list', { name: 'Evidence' }).innerText()).resolves.toMatch(/certbench-probe-[0-9a-f]+\.invalid/);
      const matrix = app.page.getByRole('table', { name: 'Client verdicts' });
      await expect(matrix.locator('tr.client-refuses').count()).resolves.toBe(7);
      const verdict = await app.page.getByRole('status', { name: 'Verdict' }).innerText();
      expect(verdict).toContain(`via ${mitm.url}`);
      // The form (custom trust source included) survived the visit to the trust stores workspace.
      expect(verdict).toContain(`against PEM ${rootPath}`);
      await app.screenshot('chain-tls-inspection-mitmproxy');
    } finally {
      await app.page.getByLabel('Proxy').fill('');
      await mitm.stop();
    }
  });

  it('shows a Java-only failure in the client matrix when the JDK cacerts lacks the root', async () => {
    const cacerts = await cacertsWithoutRoot(app.tempDir);
    const server = await startChainServer(leaf, [inter]);
    servers.push(server);
    await app.page.getByLabel('Java cacerts').fill(cacerts);
    try {
      // A typed path: main asks in its own dialog before the fetch may read it (once per window).
      app.dialogs.willConfirm(true);
      await fetchFrom(server);
      const matrix = app.page.getByRole('table', { name: 'Client verdicts' });
      await expect(matrix.locator('tr.client-refuses').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-client')))).resolves.toEqual(['java']);
      await expect(app.page.getByRole('status', { name: 'Verdict' }).innerText()).resolves.toMatch(/^Trusted/);
      await app.screenshot('chain-client-matrix-java-only');
      await app.page.getByLabel('Verdict for').selectOption('java');
      await fetchFrom(server);
      await expect(app.page.getByRole('status', { name: 'Verdict' }).innerText()).resolves.toMatch(/^Not trusted/);
    } finally {
      await app.page.getByLabel('Java cacerts').fill('');
      await app.page.getByLabel('Verdict for').selectOption('');
    }
  });

  it('with every store on this machine checked, the matrix has a row per discovered NSS db, judged as vfychain judges it', async () => {
    const run = exec;
    // A temp HOME is the whole machine discovery sees for NSS dbs: never the host's own profiles.
    const home = await mkdtemp(join(tmpdir(), 'certbench-e2e-home-'));
    const db = join(home, '.pki', 'nssdb');
    await mkdir(db, { recursive: true });
    await run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    await run('certutil', ['-A', '-d', `sql:${db}`, '-n', 'E2E Root', '-t', 'C,,', '-a', '-i', rootPath]);
    const chainFiles = [join(home, 'leaf.pem'), join(home, 'inter.pem')];
    await writeFile(chainFiles[0]!, leaf.pem);
    await writeFile(chainFiles[1]!, inter.pem);
    const vfychain = await run('vfychain', ['-d', `sql:${db}`, '-pp', '-u', '1', '-a', ...chainFiles]).catch((err: { stdout: string; stderr: string }) => err);
    const nssTrusts = /Chain is good/.test(vfychain.stdout + vfychain.stderr);
    const server = await startChainServer(leaf, [inter]);
    servers.push(server);
    const local = await launchApp({ env: { homeDir: home, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } } });
    try {
      const page = local.page;
      await page.getByRole('button', { name: 'Chain', exact: true }).click();
      await page.getByLabel('Host', { exact: true }).fill(server.target);
      await page.getByLabel('Server name').fill('localhost');
      await page.getByLabel('Check every JDK and NSS database on this machine').check();
      await page.getByRole('button', { name: 'Fetch chain' }).click();
      const nssRows = page.getByRole('table', { name: 'Client verdicts' }).locator('tr[data-client="nss"]');
      const named = nssRows.filter({ hasText: `NSS ${db}` });
      await expect.poll(() => named.count()).toBe(1);
      await expect(nssRows.count()).resolves.toBe(1);
      await expect(named.getAttribute('class')).resolves.toBe(nssTrusts ? 'client-trusts' : 'client-refuses');
      expect(nssTrusts).toBe(true);
      await expect(page.getByRole('table', { name: 'Client verdicts' }).locator('tr[data-client="java"]').count()).resolves.toBeGreaterThan(0);
      await local.screenshot('chain-client-matrix-per-store');
      expect(local.pageErrors).toEqual([]);
    } finally {
      await local.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  it('on a machine with no JDK and a damaged NSS db, "every store" skips both with a line each and the verdicts still come', async () => {
    const db = join(app.tempDir, 'damaged-nssdb');
    await mkdir(db, { recursive: true });
    await writeFile(join(db, 'cert9.db'), Buffer.alloc(4096, 0x5a));
    const server = await startChainServer(leaf, [inter]);
    servers.push(server);
    const local = await launchApp({ chain: { localStores: { jdkCacerts: async () => [], nssDbs: async () => [{ dir: db, detail: 'E2E damaged profile' }] } } });
    try {
      await local.page.getByRole('button', { name: 'Chain', exact: true }).click();
      local.dialogs.willOpen(rootPath);
      await local.page.getByLabel('Trust source').selectOption('custom');
      await expect.poll(() => local.page.getByLabel('Trust source').inputValue()).toBe(`pem:${rootPath}`);
      await local.page.getByLabel('Check every JDK and NSS database on this machine').check();
      await fetchChain(local, server);
      const skipped = local.page.getByRole('list', { name: 'Skipped trust sources' }).getByRole('listitem');
      await expect(skipped.allTextContents()).resolves.toEqual([
        'info Skipped jdks: no JDK found on this machine',
        expect.stringMatching(new RegExp(`^info Skipped nss:${db}: not an NSS database: .*SEC_ERROR_BAD_DATABASE`)),
      ]);
      await expect(local.page.getByRole('status', { name: 'Verdict' }).innerText()).resolves.toMatch(/^Trusted/);
      const matrix = local.page.getByRole('table', { name: 'Client verdicts' });
      await expect(matrix.locator('tr[data-client="openssl"]').getAttribute('class')).resolves.toMatch(/client-trusts/);
      await expect(matrix.locator('tr[data-client="nss"]', { hasText: db }).count()).resolves.toBe(0);
      await expect(local.page.locator('.chain-failure').count()).resolves.toBe(0);
      await local.screenshot('chain-skipped-stores');
      expect(local.pageErrors).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('cancels a fetch stuck in the handshake through task.cancel; the status bar says cancelled', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const target = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    await app.page.getByLabel('Host', { exact: true }).fill(target);
    await app.page.getByRole('button', { name: 'Fetch chain' }).click();
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.page.getByRole('alert').last().innerText()).resolves.toMatch(/cancel/i);
    const ended = app.page.getByRole('status', { name: 'Status' }).locator('[data-outcome]');
    await expect.poll(() => ended.getAttribute('data-outcome')).toBe('cancelled');
    await expect(ended.innerText()).resolves.toContain(`Fetching ${target}`);
    silent.close();
    expect(app.pageErrors).toEqual([]);
  });
});

const SIZES = [
  [1024, 640],
  [1280, 800],
] as const;

describe.each(['light', 'dark'] as const)('the client matrix beside the tree at 1024×640 and 1280×800 (%s theme)', (theme) => {
  let app: AppHarness;
  let leaf: TestCert;
  let inter: TestCert;
  let server: ChainServer;

  /**
   * At each size: the matrix to the right of the tree and level with it, on screen without
   * scrolling, no column narrower than its header text, no sideways scroll, every cut cell's
   * full text in its title and shown whole while its row has focus. Screenshots each size.
   */
  const checkLayout = async (name: string) => {
    const page = app.page;
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(100);
      const layout = await page.evaluate(() => {
        const tree = document.querySelector('.chain-tree')!.getBoundingClientRect();
        const table = document.querySelector('table.client-matrix')!;
        const matrix = table.getBoundingClientRect();
        const textWidth = (el: Element) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getBoundingClientRect().width;
        };
        const narrow: string[] = [];
        [...table.querySelectorAll('thead th')].forEach((th, i) => {
          const need = textWidth(th) - 1;
          for (const cell of table.querySelectorAll(`tbody tr > :nth-child(${i + 1})`)) {
            const w = cell.getBoundingClientRect().width;
            if (w < need) narrow.push(`cell under "${th.textContent}" ${w}px < ${need}px`);
          }
        });
        const cut = [...table.querySelectorAll('.clip')]
          .filter((c) => c.scrollWidth > c.clientWidth || c.scrollHeight > c.clientHeight)
          .map((c) => ({ text: c.textContent, title: c.closest('th, td')!.getAttribute('title') }));
        return {
          beside: matrix.left >= tree.right && matrix.top < tree.bottom,
          onScreen: matrix.top < window.innerHeight,
          sideways: document.documentElement.scrollWidth - window.innerWidth,
          narrow,
          cut,
        };
      });
      expect(layout, `${width}×${height}`).toMatchObject({ beside: true, onScreen: true, narrow: [] });
      expect(layout.sideways, `${width}×${height}`).toBeLessThanOrEqual(0);
      for (const c of layout.cut) expect(c.title).toBe(c.text);
      await app.screenshot(`chain-client-matrix-${name}-${width}x${height}-${theme}`);
    }
    // A row with a cut cell, reached with the keyboard, shows it whole.
    const row = page.getByRole('table', { name: 'Client verdicts' }).locator('tbody tr').first();
    await row.locator('th').focus();
    const whole = await row.locator('.clip').evaluateAll((cells) => cells.every((c) => c.scrollWidth <= c.clientWidth && c.scrollHeight <= c.clientHeight));
    expect(whole).toBe(true);
    await page.setViewportSize({ width: 1280, height: 820 });
  };

  beforeAll(async () => {
    app = await launchApp({ colorScheme: theme });
    const root = await issue({ name: 'E2E Layout Root' });
    inter = await issue({ name: 'E2E Layout Intermediate', issuer: root, ca: true });
    leaf = await issue({ name: 'localhost', issuer: inter, dns: ['localhost'] });
    const rootPath = join(app.tempDir, 'layout-root.pem');
    await writeFile(rootPath, root.pem);
    server = await startChainServer(leaf, [inter]);
    await app.page.getByRole('button', { name: 'Chain', exact: true }).click();
    app.dialogs.willOpen(rootPath);
    await app.page.getByLabel('Trust source').selectOption('custom');
    // The picked bundle becomes an option and the selection in one update (no expect here: beforeAll).
    await app.page.getByLabel('Trust source').locator(`option[value="pem:${rootPath}"]`).waitFor({ state: 'attached' });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    await closeBrowser();
  });

  it('through mitmproxy: every client refuses the forged chain', async () => {
    const mitm = await startMitmproxy();
    try {
      await app.page.getByLabel('Proxy').fill(mitm.url);
      await fetchChain(app, server);
      await expect(app.page.locator('.diagnosis[data-code="tls-inspection"]').count()).resolves.toBe(1);
      await expect(app.page.getByLabel('Trust source').inputValue()).resolves.toMatch(/^pem:/);
      await checkLayout('mitmproxy');
    } finally {
      await app.page.getByLabel('Proxy').fill('');
      await mitm.stop();
    }
  });

  it('a Java-only failure: Java alone refuses', async () => {
    await app.page.getByLabel('Java cacerts').fill(await cacertsWithoutRoot(app.tempDir));
    try {
      app.dialogs.willConfirm(true);
      await fetchChain(app, server);
      const matrix = app.page.getByRole('table', { name: 'Client verdicts' });
      await expect(matrix.locator('tr.client-refuses').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-client')))).resolves.toEqual(['java']);
      await checkLayout('java-only');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.page.getByLabel('Java cacerts').fill('');
    }
  });
});
