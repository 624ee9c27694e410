import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WINDOWS_ELEVATE_SCRIPT } from '../../../electron/services/elevation/elevated-invocation.js';
import { parseCertutilStore, parseWindowsListing, WINDOWS_LIST_SCRIPT } from '../../../electron/services/trust-stores/windows-output.js';
import { TrustService } from '../../../electron/services/trust-stores/trust-service.js';
import { WindowsStore } from '../../../electron/services/trust-stores/windows-store.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { makeTrustPki, removePki } from '../../helpers/trust-pki.js';
import { RecordingRunner } from '../../helpers/trust-recording-runner.js';

// Windows cannot run here: these tests pin the exact argv/scripts and parse documented-format output.
const FIXTURES = join(import.meta.dirname, '../../fixtures/trust');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { sha256: string; sha1: string }[];
const listing = readFileSync(join(FIXTURES, 'windows-list.json'), 'utf8');
const [root1, root2] = certificateDers(readFileSync(join(FIXTURES, 'sample-roots.pem')));

describe('Windows PowerShell listing', () => {
  it('parses the JSON sample (BOM, CRLF) into DER with matching thumbprints', () => {
    const rows = parseWindowsListing(listing);
    expect(rows.map((r) => r.thumbprint)).toEqual(expected.map((e) => e.sha1));
  });

  it('accepts a single object and empty output, rejects prose', () => {
    expect(parseWindowsListing(readFileSync(join(FIXTURES, 'windows-list-single.json'), 'utf8'))).toHaveLength(1);
    expect(parseWindowsListing('  \r\n')).toEqual([]);
    expect(() => parseWindowsListing('Get-ChildItem : Cannot find path')).toThrow(expect.objectContaining({ code: 'parse' }));
  });

  it('keeps data out of the script text', () => {
    expect(WINDOWS_LIST_SCRIPT).toContain('$env:CB_STORE_PATH');
    expect(WINDOWS_LIST_SCRIPT).toContain('@(Get-ChildItem');
    expect(WINDOWS_LIST_SCRIPT).not.toMatch(/LocalMachine|CurrentUser/);
  });
});

describe('WindowsStore plans and runs (recorded)', () => {
  let world: TrustWorld;
  afterEach(() => world.cleanup());

  function setup(id: 'windows-machine-root' | 'windows-machine-ca' | 'windows-user-root', respond?: ConstructorParameters<typeof RecordingRunner>[0]) {
    const runner = new RecordingRunner(emptyDisallowed(respond ?? (() => ({ stdout: '[]' }))));
    world = makeTrustWorld({ runner, platform: 'win32', privileged: false });
    return { runner, store: new WindowsStore(world.env, world.elevator, id) };
  }

  it('lists LocalMachine\\Root without elevation through the constant script', async () => {
    const { runner, store } = setup('windows-machine-root', () => ({ stdout: listing }));
    const rows = await store.list();
    expect(rows.map((r) => r.sha256)).toEqual(expected.map((e) => e.sha256));
    expect(runner.calls[0]).toMatchObject({
      file: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_LIST_SCRIPT],
    });
    expect(runner.calls[0]!.env?.CB_STORE_PATH).toBe('Cert:\\LocalMachine\\Root');
  });

  it('adds a machine root with an elevated certutil -f -addstore Root, then re-lists', async () => {
    let added = false;
    const { runner, store } = setup('windows-machine-root', (req) => {
      if (req.args.includes(WINDOWS_ELEVATE_SCRIPT)) {
        added = true;
        return {};
      }
      return { stdout: added ? listing : '[]' };
    });
    const plan = await store.add(root1!);
    expect(plan.needsElevation).toBe(true);
    const run = plan.steps[1]!;
    expect(run).toMatchObject({ kind: 'run', file: 'certutil.exe', elevated: true });
    expect(run.kind === 'run' && run.args.slice(0, 3)).toEqual(['-f', '-addstore', 'Root']);
    const elevation = runner.calls.find((c) => c.args.includes(WINDOWS_ELEVATE_SCRIPT))!;
    const job = JSON.parse(elevation.env!.CB_ELEVATED_JOB!) as { file: string; args: string[] }[];
    expect(job).toEqual([{ file: 'certutil.exe', args: ['-f', '-addstore', 'Root', (run as { args: string[] }).args[3]] }]);
    expect(elevation.file).toBe('powershell.exe');
  });

  it('a cancelled UAC prompt is elevation-denied', async () => {
    const { store } = setup('windows-machine-root', (req) => (req.args.includes(WINDOWS_ELEVATE_SCRIPT) ? { exitCode: 1223 } : { stdout: '[]' }));
    await expect(store.add(root1!)).rejects.toMatchObject({ code: 'elevation-denied', message: expect.stringMatching(/UAC prompt was cancelled/) });
  });

  it('CurrentUser\\Root adds unelevated with -user and warns about the dialog', async () => {
    const { store } = setup('windows-user-root');
    const plan = await store.planAdd(root1!);
    expect(plan.needsElevation).toBe(false);
    expect(plan.steps[1]).toMatchObject({ kind: 'run', file: 'certutil.exe', elevated: false, note: expect.stringMatching(/Security Warning/) });
    expect((plan.steps[1] as { args: string[] }).args.slice(0, 3)).toEqual(['-user', '-addstore', 'Root']);
  });

  it('warns when a root is put into the intermediate (CA) store', async () => {
    const { store } = setup('windows-machine-ca');
    const plan = await store.planAdd(root2!);
    expect(plan.warnings.join(' ')).toMatch(/root certificate: an intermediate \(CA\) store/);
  });

  it('removes by SHA-1 thumbprint, never by name', async () => {
    const { store } = setup('windows-machine-root', () => ({ stdout: listing }));
    const plan = await store.planRemove(expected[1]!.sha256);
    expect(plan.steps).toEqual([{ kind: 'run', file: 'certutil.exe', args: ['-delstore', 'Root', expected[1]!.sha1], elevated: true }]);
  });

  it('maps certutil HRESULTs seen unsigned', async () => {
    const { store } = setup('windows-user-root', (req) => (req.file === 'certutil.exe' ? { exitCode: 0x800704c7 } : { stdout: '[]' }));
    await expect(store.add(root1!)).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('add to all missing puts roots in Root stores and intermediates in CA stores', () => {
  it.each([
    ['root', 'windows-machine-root', 'windows-machine-ca'],
    ['intermediate', 'windows-machine-ca', 'windows-machine-root'],
  ] as const)('a %s goes to %s, never to %s', async (role, target, skipped) => {
    const pki = makeTrustPki();
    const runner = new RecordingRunner(emptyDisallowed((req, calls) => ({
      stdout: req.file === 'powershell.exe' && req.args.includes(WINDOWS_LIST_SCRIPT) && calls.some((c) => c.args.includes(WINDOWS_ELEVATE_SCRIPT)) ? listingOf(der) : req.file === 'powershell.exe' ? '[]' : '',
    })));
    const world = makeTrustWorld({ runner, platform: 'win32', privileged: false });
    const der = role === 'root' ? pki.rootDer : pki.intermediateDer;
    try {
      const service = new TrustService(world.env, new KeystoreService(world.env), world.elevator);
      const planned = await service.planAddToAllMissing(der);
      expect(planned.plans.map((p) => p.storeId)).toContain(target);
      expect(planned.plans.map((p) => p.storeId)).not.toContain(skipped);
      expect(planned.skipped.map((s) => s.store.id)).toContain(skipped);
      await service.run(planned.plans.find((p) => p.storeId === target)!.planId);
      expect(runner.calls.some((c) => c.args.includes(WINDOWS_ELEVATE_SCRIPT))).toBe(true);
    } finally {
      world.cleanup();
      removePki(pki);
    }
  });
});

function listingOf(der: Uint8Array): string {
  return JSON.stringify([{ Thumbprint: 'AA', Subject: 'x', NotAfter: '2030-01-01T00:00:00.0000000Z', RawData: Buffer.from(der).toString('base64') }]);
}

describe('certutil.exe fallback when PowerShell is missing or blocked', () => {
  const sample = readFileSync(join(FIXTURES, 'certutil-store-root.txt'), 'utf8');

  it('parses the -store sample, including the spaced hash of older builds', () => {
    expect(parseCertutilStore(sample)).toEqual(expected.map((e) => e.sha1));
    expect(parseCertutilStore('CertUtil: -store command completed successfully.\r\n')).toEqual([]);
    expect(() => parseCertutilStore('================ Certificate 0 ================\r\nSerial Number: 01\r\n')).toThrow(
      expect.objectContaining({ code: 'parse' }),
    );
  });

  it('lists by hash, then exports each one with -store NAME SHA1 FILE', async () => {
    const pems = readFileSync(join(FIXTURES, 'sample-roots.pem'), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g)!;
    const runner = new RecordingRunner((req) => {
      if (req.file === 'powershell.exe') return { exitCode: 1, stderr: 'This program is blocked by group policy.' };
      if (req.args.includes('Disallowed')) return { stdout: 'CertUtil: -store command completed successfully.' };
      if (req.args.length === 3) return { stdout: sample };
      // certutil writes the matching certificate to OutputFile; simulated here with the sample's PEM.
      writeFileSync(req.args[4]!, pems[expected.findIndex((e) => e.sha1 === req.args[3])]!);
      return { stdout: 'CertUtil: -store command completed successfully.' };
    });
    const world = makeTrustWorld({ runner, platform: 'win32', privileged: false });
    try {
      const rows = await new WindowsStore(world.env, world.elevator, 'windows-user-root').list();
      expect(rows.map((r) => r.sha256)).toEqual(expected.map((e) => e.sha256));
      const certutil = runner.calls.filter((c) => c.file === 'certutil.exe').map((c) => c.args.slice(0, 4));
      expect(certutil).toEqual([['-user', '-store', 'Root'], ...expected.map((e) => ['-user', '-store', 'Root', e.sha1]), ['-user', '-store', 'Disallowed']]);
    } finally {
      world.cleanup();
    }
  });
});

type Respond = ConstructorParameters<typeof RecordingRunner>[0];

/** Answers the Disallowed listing (read beside every Root store) with an empty store. */
function emptyDisallowed(respond: Respond): Respond {
  return (req, calls) => (req.env?.CB_STORE_PATH?.endsWith('\\Disallowed') ? { stdout: '[]' } : respond(req, calls));
}

describe('Windows Disallowed store and plans seen from another OS', () => {
  it('a root in Disallowed is distrusted: Add refuses unless the user overrides, then plans the -delstore Disallowed step', async () => {
    const runner = new RecordingRunner((req) => ({ stdout: req.env?.CB_STORE_PATH?.endsWith('\\Disallowed') ? listing : '[]' }));
    const world = makeTrustWorld({ runner, platform: 'win32', privileged: false });
    try {
      const store = new WindowsStore(world.env, world.elevator, 'windows-machine-root');
      expect(await store.holding(expected[0]!.sha256)).toBe('distrusted');
      await expect(store.planAdd(root1!)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Disallowed/) });
      const plan = await store.planAdd(root1!, { overrideDistrust: true });
      expect(plan.steps[1]).toMatchObject({ kind: 'run', file: 'certutil.exe', args: ['-delstore', 'Disallowed', expected[0]!.sha1], elevated: true });
    } finally {
      world.cleanup();
    }
  });

  it('on Linux, plans the exact certutil argv labelled Windows, reads nothing and refuses to run', async () => {
    const runner = new RecordingRunner(() => ({}));
    const world = makeTrustWorld({ runner, platform: 'linux' });
    try {
      const store = new WindowsStore(world.env, world.elevator, 'windows-machine-root');
      const job = await store.prepareAdd(root1!);
      expect(job.plan).toMatchObject({ platform: 'Windows', runnableHere: false });
      expect(job.plan.steps[1]).toMatchObject({ kind: 'run', file: 'certutil.exe', args: ['-f', '-addstore', 'Root', 'certificate.cer'], elevated: true });
      const removal = await store.planRemove(expected[0]!.sha256, { der: root1! });
      expect(removal.steps).toEqual([{ kind: 'run', file: 'certutil.exe', args: ['-delstore', 'Root', expected[0]!.sha1], elevated: true }]);
      await expect(store.execute(job)).rejects.toMatchObject({ code: 'unsupported' });
      expect(runner.calls).toEqual([]);
    } finally {
      world.cleanup();
    }
  });
});
