import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certExpiringIn, type DatedCert } from '../helpers/scan-certs.js';
import { makeTrustWorld, type TrustWorld } from '../helpers/trust-env.js';
import { closeBrowser, launchApp, type AppHarness } from './harness.js';

/**
 * The Expiry workspace on a prepared machine: a sandboxed Linux store, a configured NSS db, a
 * watched folder and a watched loopback endpoint, next to whatever JDK cacerts the machine has
 * (read only). Sorted, filtered, exported through main's save dialog, and renewed in the designer.
 */
describe('Expiry workspace in Chromium', () => {
  let app: AppHarness;
  let world: TrustWorld;
  let server: Server;
  const certs: Record<string, DatedCert> = {};

  beforeAll(async () => {
    world = makeTrustWorld();
    for (const [name, days] of [['expired', -4], ['soon', 9], ['later', 300], ['nss', 20], ['endpoint', 5]] as const) certs[name] = await certExpiringIn(`${name}.expiry.example`, days);
    const folder = join(world.root, 'appliance', 'certs');
    await mkdir(join(folder, 'old'), { recursive: true });
    await writeFile(join(folder, 'old', 'expired.pem'), certs.expired!.pem);
    await writeFile(join(folder, 'soon.crt'), certs.soon!.der);
    await writeFile(join(folder, 'later.pem'), certs.later!.pem);
    const nss = join(world.root, 'agent-nssdb');
    await mkdir(nss);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], { env: world.env.env });
    await writeFile(join(world.root, 'nss.pem'), certs.nss!.pem);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'agent-root', '-t', 'C,,', '-i', join(world.root, 'nss.pem')], { env: world.env.env });
    server = createServer({ key: certs.endpoint!.keyPem, cert: certs.endpoint!.pem }, (s) => s.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    app = await launchApp({ env: { env: world.env.env, homeDir: world.home } });
    await app.services.trust.remember(`nss:${nss}`);
    await app.services.scan.remember({ folders: [folder], endpoints: [`127.0.0.1:${(server.address() as AddressInfo).port}`] });
    await app.page.getByRole('button', { name: 'Expiry', exact: true }).click();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await closeBrowser();
    await new Promise((r) => server?.close(r));
    world?.cleanup();
  });

  const table = () => app.page.getByRole('table', { name: 'Certificates by days left' });
  const days = async () => (await table().locator('tbody td.days').allInnerTexts()).map(Number);

  it('lists everything it sees on the machine in one table sorted by days left', async () => {
    await app.page.getByRole('button', { name: 'Scan this machine' }).click();
    await table().waitFor({ timeout: 60_000 });
    const left = await days();
    expect(left).toEqual([...left].sort((a, b) => a - b));
    const expired = table().locator('tbody tr').filter({ hasText: join(world.root, 'appliance', 'certs', 'old', 'expired.pem') });
    await expect(expired.getAttribute('data-status')).resolves.toBe('expired');
    const kinds = new Set(await table().locator('tbody tr td:nth-child(3)').allInnerTexts());
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['endpoint', 'file', 'trust-store']));
    await expect(app.page.locator(`tr[data-sha256]`).filter({ hasText: 'agent-root' }).count()).resolves.toBe(1);
    expect(app.pageErrors).toEqual([]);
    await app.screenshot('expiry-machine');
  });

  it('filters by kind, place and window', async () => {
    await app.page.getByLabel('Kind').selectOption('file');
    expect(await table().locator('tbody tr td:nth-child(3)').allInnerTexts()).toEqual(['file', 'file', 'file']);
    await app.page.getByLabel('Kind').selectOption('all');
    await app.page.getByLabel('Where').fill('agent-nssdb');
    expect(await table().locator('tbody td.subject').allInnerTexts()).toEqual(['CN=nss.expiry.example, O=Certbench Scan Test']);
    await app.page.getByLabel('Where').fill('');
    await app.page.getByLabel('Window (days)').fill('10');
    await app.page.getByLabel('Only expired or inside the window').check();
    await app.page.getByLabel('Kind').selectOption('endpoint');
    expect(await days()).toEqual([5]);
    // Files: only the watched folder's (the machine's JDK cacerts, listed too, are trust-store rows).
    await app.page.getByLabel('Kind').selectOption('file');
    expect(await days()).toEqual([-4, 9]);
    await app.screenshot('expiry-filtered');
  });

  it('exports the rows shown as CSV through the save dialog', async () => {
    const out = join(world.root, 'expiry.csv');
    app.dialogs.willSave(out);
    await app.page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => readFile(out, 'utf8').catch(() => '')).toContain('\r\n');
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^status,daysLeft,notAfter,kind,where,subject/);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['-4', '9']);
  });

  it('renews a row in the CSR designer with its subject and SANs', async () => {
    await table().locator('tbody tr').filter({ hasText: 'soon.expiry.example' }).getByRole('button', { name: /^Renew / }).click();
    await expect(app.page.getByLabel('Common name (CN)').inputValue()).resolves.toBe('soon.expiry.example');
    await expect(app.page.getByLabel('Organization (O)').inputValue()).resolves.toBe('Certbench Scan Test');
    await app.screenshot('expiry-renew-in-designer');
  });

  it('cancels a scan held up by an endpoint that never answers (task.cancel, as inspect cancels)', async () => {
    const held: Socket[] = [];
    const silent = createTcpServer((socket) => void held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      await app.services.scan.remember({ endpoints: [`127.0.0.1:${(silent.address() as AddressInfo).port}`] });
      await app.page.getByRole('button', { name: 'Expiry', exact: true }).click();
      await app.page.getByRole('button', { name: 'Scan again' }).click();
      // The silent endpoint holds the scan for its 10 s timeout; a working cancel frees it at once.
      await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
      await app.page.getByRole('button', { name: 'Cancel scan' }).click();
      await expect.poll(() => app.page.getByRole('button', { name: 'Cancel scan' }).count(), { timeout: 3_000 }).toBe(0);
      expect(await app.page.getByRole('button', { name: 'Scan again' }).isEnabled()).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
