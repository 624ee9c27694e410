import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import type { NativeDialogs } from '../../../electron/ipc/native-dialogs.js';
import { createServices } from '../../../electron/services/services.js';
import { SCAN_CHANNELS } from '../../../shared/ipc/channels/scan.js';
import { scanContracts } from '../../../shared/ipc/contracts/scan.js';
import { certExpiringIn } from '../../helpers/scan-certs.js';
import { PathGrants } from '../../../electron/ipc/path-grants.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';

describe('scan IPC channels through the real dispatcher', () => {
  let world: TrustWorld;
  let dispatch: ReturnType<typeof createDispatch>;
  const saves: string[] = [];
  // The user's answers to the save dialog, in order; none left means Cancel.
  const dialogs: NativeDialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: saves.shift() ?? null }), confirm: async () => true };
  const progress: { label: string; fraction?: number }[] = [];
  // The user allows the folder typed into the Expiry workspace when main asks.
  const ctx = { progress: (label: string, fraction?: number) => void progress.push({ label, fraction }), grants: new PathGrants(async () => true) };
  let folder: string;
  let soonSha: string;

  beforeAll(async () => {
    world = makeTrustWorld();
    folder = join(world.root, 'watched');
    const soon = await certExpiringIn('ipc.scan.example', 12, ['ipc.scan.example', 'alt.scan.example']);
    for (let i = 0; i < 3000; i++) {
      if (i % 100 === 0) await mkdir(join(folder, `d${i / 100}`), { recursive: true });
      await writeFile(join(folder, `d${Math.floor(i / 100)}`, `c${i}.pem`), soon.pem);
    }
    soonSha = Buffer.from(await crypto.subtle.digest('SHA-256', soon.der)).toString('hex');
    dispatch = createDispatch(createHandlers(await createServices(world.env), { version: 'test', platform: 'linux' }, dialogs));
  }, 60_000);
  afterAll(() => world.cleanup());

  it('declares exactly the channels it lists', () => {
    expect([...SCAN_CHANNELS].sort()).toEqual(Object.keys(scanContracts).sort());
  });

  it('remembers a folder, scans the machine with progress, and renews a finding', async () => {
    expect(await dispatch('scan.remember', { folders: [folder] }, ctx)).toEqual({ ok: true, value: { folders: [folder], endpoints: [] } });
    const res = await dispatch('scan.machine', { windowDays: 30, taskId: 'machine-1' }, ctx);
    if (!res.ok) throw new Error(res.error.message);
    const mine = (res.value as { findings: { where: string; status: string }[] }).findings.filter((f) => f.where.startsWith(folder));
    expect(mine).toHaveLength(3000);
    expect(mine.every((f) => f.status === 'expiring')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ fraction: 1 });
    expect(progress.map((p) => p.fraction ?? 0)).toEqual([...progress.map((p) => p.fraction ?? 0)].sort((a, b) => a - b));
    const spec = await dispatch('scan.renewSpec', { sha256: soonSha, keyFamily: 'ec' }, ctx);
    expect(spec).toMatchObject({ ok: true, value: { spec: { subject: { CN: 'ipc.scan.example', O: 'Certbench Scan Test' }, sans: [{ type: 'dns', value: 'alt.scan.example' }], addCnToSan: true } } });
    expect(await dispatch('scan.renewSpec', { sha256: '0'.repeat(64), keyFamily: 'ec' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('cancels a running scan through the general task.cancel', async () => {
    const running = dispatch('scan.machine', { windowDays: 30, taskId: 'machine-2' }, ctx);
    await new Promise((r) => setImmediate(r));
    expect(await dispatch('task.cancel', { taskId: 'machine-2' }, ctx)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await dispatch('task.cancel', { taskId: 'machine-2' }, ctx)).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('writes CSV only where the save dialog says, and nothing when it is cancelled', async () => {
    const finding = { kind: 'file', where: '/x.pem', path: '/x.pem', subject: '=HYPERLINK("x")', subjectRfc4514: '=HYPERLINK("x")', sans: [], issuer: 'CN=x', issuerRfc4514: 'CN=x', serial: '01', notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', daysLeft: 3, keyType: 'EC P-256', sha256: 'ab', status: 'ok' } as const;
    expect(await dispatch('scan.exportCsv', { findings: [finding] }, ctx)).toEqual({ ok: true, value: { path: null } });
    const out = join(world.root, 'out.csv');
    saves.push(out);
    expect(await dispatch('scan.exportCsv', { findings: [finding] }, ctx)).toEqual({ ok: true, value: { path: out } });
    const lines = (await readFile(out, 'utf8')).split('\r\n');
    // A spreadsheet must not run certificate text as a formula.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
