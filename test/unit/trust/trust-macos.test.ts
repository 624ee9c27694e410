import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MACOS_ELEVATE_SCRIPT } from '../../../electron/services/elevation/elevated-invocation.js';
import { MacosStore, SYSTEM_KEYCHAIN } from '../../../electron/services/trust-stores/macos-store.js';
import { parseFindCertificate, parseTrustSettings } from '../../../electron/services/trust-stores/macos-output.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { toPem } from '../../../shared/pki/pem.js';
import { makeTrustWorld, type TrustWorld } from '../../helpers/trust-env.js';
import { makeTrustPki, removePki } from '../../helpers/trust-pki.js';
import { buildElevatedRunner } from '../../helpers/bundled-script.js';
import { RecordingRunner } from '../../helpers/trust-recording-runner.js';

// macOS cannot run here: these tests pin the exact argv and parse synthesized samples of the documented output.
const FIXTURES = join(import.meta.dirname, '../../fixtures/trust');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { sha256: string; sha1: string }[];
const sample = readFileSync(join(FIXTURES, 'security-find-certificate.txt'), 'utf8');
const [root1, root2] = certificateDers(readFileSync(join(FIXTURES, 'sample-roots.pem')));
const trustSettings = readFileSync(join(FIXTURES, 'security-trust-settings-admin.plist'), 'utf8');

describe('security find-certificate -a -p -Z parsing', () => {
  it('pairs each PEM with its SHA-1 line', () => {
    expect(parseFindCertificate(sample).map((c) => c.sha1)).toEqual(expected.map((e) => e.sha1));
  });

  it('parses the older format without SHA-256 lines', () => {
    expect(parseFindCertificate(sample.replace(/^SHA-256 hash: .*\n/gm, ''))).toHaveLength(2);
  });

  it('rejects a hash line that does not belong to the certificate under it', () => {
    const swapped = sample.replace(expected[0]!.sha1.toUpperCase(), expected[1]!.sha1.toUpperCase());
    expect(() => parseFindCertificate(swapped)).toThrow(expect.objectContaining({ code: 'parse' }));
  });
});

describe('MacosStore (recorded)', () => {
  // The elevated runner never runs here (osascript is recorded); the Elevator only checks that it exists.
  let built: { script: string; dir: string };
  beforeAll(async () => {
    built = await buildElevatedRunner();
  });
  afterAll(() => rm(built.dir, { recursive: true, force: true }));
  let world: TrustWorld;
  afterEach(() => world.cleanup());

  function setup(id: 'macos-system' | 'macos-login', respond: ConstructorParameters<typeof RecordingRunner>[0] = () => ({})) {
    const runner = new RecordingRunner(withTrustSettings(respond));
    world = makeTrustWorld({ runner, platform: 'darwin', privileged: false, elevatedRunner: built.script });
    return { runner, store: new MacosStore(world.env, world.elevator, id) };
  }

  it('lists the System keychain with find-certificate -a -p -Z', async () => {
    const { runner, store } = setup('macos-system', () => ({ stdout: sample }));
    expect((await store.list()).map((c) => c.sha256)).toEqual(expected.map((e) => e.sha256));
    expect(runner.calls[0]).toMatchObject({ file: '/usr/bin/security', args: ['find-certificate', '-a', '-p', '-Z', SYSTEM_KEYCHAIN] });
  });

  it('trusts a root in the admin domain with add-trusted-cert -d -r trustRoot and explains the dialog', async () => {
    const { store } = setup('macos-system');
    const plan = await store.planAdd(root1!);
    const run = plan.steps[1] as { file: string; args: string[]; elevated: boolean; note: string };
    expect(run.file).toBe('/usr/bin/security');
    expect(run.args.slice(0, 6)).toEqual(['add-trusted-cert', '-d', '-r', 'trustRoot', '-k', SYSTEM_KEYCHAIN]);
    expect(run.args[6]).toMatch(/^\/tmp\/certbench-[A-Za-z0-9]+\/certificate\.pem$/);
    expect(run.note).toMatch(/macOS 11/);
    expect(plan.needsElevation).toBe(true);
  });

  it('adds an intermediate without trust settings, elevated through osascript', async () => {
    const pki = makeTrustPki();
    try {
      const { runner, store } = setup('macos-system', (req, calls) => ({
        stdout: calls.some((c) => c.file === '/usr/bin/osascript') ? `SHA-1 hash: ${sha1Of(pki.intermediateDer)}\n${pemOf(pki.intermediateDer)}` : '',
      }));
      const plan = await store.add(pki.intermediateDer);
      expect(plan.steps[1]).toMatchObject({ kind: 'run', args: ['add-certificates', '-k', SYSTEM_KEYCHAIN, expect.any(String)], elevated: true });
      const osa = runner.calls.find((c) => c.file === '/usr/bin/osascript')!;
      // The constant script, then the runner's argv: the batch is the last argument, never script text.
      expect(osa.args.slice(0, MACOS_ELEVATE_SCRIPT.length * 2)).toEqual(MACOS_ELEVATE_SCRIPT.flatMap((line) => ['-e', line]));
      expect(osa.args.slice(MACOS_ELEVATE_SCRIPT.length * 2, -1)).toEqual(['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, built.script]);
      expect(JSON.parse(osa.args.at(-1)!)).toEqual({
        commands: [{ file: '/usr/bin/security', args: ['add-certificates', '-k', SYSTEM_KEYCHAIN, expect.stringMatching(/^\/tmp\/certbench-[A-Za-z0-9]+\/certificate\.pem$/)] }],
        rollback: [],
      });
      expect(plan.elevatedVia).toMatch(/^\/usr\/bin\/osascript -e 'on run argv' /);
    } finally {
      removePki(pki);
    }
  });

  it('the login keychain needs no elevation and no -d', async () => {
    const { store } = setup('macos-login');
    const plan = await store.planAdd(root1!);
    expect(plan.needsElevation).toBe(false);
    expect((plan.steps[1] as { args: string[] }).args.slice(0, 5)).toEqual(['add-trusted-cert', '-r', 'trustRoot', '-k', join(world.home, 'Library/Keychains/login.keychain-db')]);
  });

  it('explains the macOS 11+ interactive authorization instead of a cryptic error', async () => {
    const { store } = setup('macos-login', (req) =>
      req.args[0] === 'add-trusted-cert'
        ? { exitCode: 1, stderr: 'SecTrustSettingsSetTrustSettings: The authorization was denied since no user interaction was possible.\n' }
        : {},
    );
    await expect(store.add(root1!)).rejects.toMatchObject({ code: 'elevation-denied', message: expect.stringMatching(/dialog on this Mac's screen/) });
  });

  it('reads admin trust settings: a present root without settings is untrusted and plans add-trusted-cert; Never Trust is distrusted', async () => {
    const { runner, store } = setup('macos-system', () => ({ stdout: sample }));
    const listed = await store.list();
    expect(listed.map((c) => c.trust)).toEqual(['untrusted', 'distrusted']);
    expect(runner.calls.find((c) => c.args[0] === 'trust-settings-export')?.args.slice(0, 2)).toEqual(['trust-settings-export', '-d']);
    const plan = await store.planAdd(root1!);
    expect(plan.alreadyDone).toBe(false);
    expect((plan.steps[1] as { args: string[] }).args[0]).toBe('add-trusted-cert');
    await expect(store.planAdd(root2!)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Never Trust/) });
    await expect(store.planAdd(root2!, { overrideDistrust: true })).resolves.toMatchObject({ alreadyDone: false });
  });

  it('a domain without any trust settings is not an error', async () => {
    const { store } = setup('macos-login', (req) =>
      req.args[0] === 'trust-settings-export' ? { exitCode: 1, stderr: 'SecTrustSettingsCreateExternalRepresentation: No Trust Settings were found.\n' } : { stdout: sample },
    );
    expect((await store.list()).map((c) => c.trust)).toEqual(['untrusted', 'untrusted']);
  });

  it('plans for the Mac from Linux: exact argv, labelled macOS, never run here', async () => {
    const runner = new RecordingRunner(() => ({}));
    world = makeTrustWorld({ runner, platform: 'linux' });
    const store = new MacosStore(world.env, world.elevator, 'macos-system');
    const plan = await store.planAdd(root1!);
    expect(plan).toMatchObject({ platform: 'macOS', runnableHere: false });
    expect((plan.steps[1] as { args: string[] }).args).toEqual(['add-trusted-cert', '-d', '-r', 'trustRoot', '-k', SYSTEM_KEYCHAIN, 'certificate.pem']);
    expect(runner.calls).toEqual([]);
  });

  it('removes with delete-certificate -Z SHA1 -t, elevated for the System keychain', async () => {
    const { store } = setup('macos-system', () => ({ stdout: sample }));
    const plan = await store.planRemove(expected[0]!.sha256);
    expect(plan.steps).toEqual([
      { kind: 'run', file: '/usr/bin/security', args: ['delete-certificate', '-Z', expected[0]!.sha1, '-t', SYSTEM_KEYCHAIN], elevated: true },
    ]);
  });
});

/** `security trust-settings-export FILE` writes the plist to FILE; the synthesized sample stands in. */
function withTrustSettings(respond: ConstructorParameters<typeof RecordingRunner>[0]): ConstructorParameters<typeof RecordingRunner>[0] {
  return (req, calls) => {
    const answer = respond(req, calls);
    if (req.args[0] === 'trust-settings-export' && (answer.exitCode ?? 0) === 0) writeFileSync(req.args.at(-1)!, trustSettings);
    return answer;
  };
}

describe('security trust-settings-export plist parsing', () => {
  it('maps Deny to distrusted, an empty array to trusted, Unspecified alone to unspecified', () => {
    const parsed = parseTrustSettings(trustSettings);
    expect(parsed.get(expected[1]!.sha1)).toBe('distrusted');
    expect(parsed.get('00112233445566778899aabbccddeeff00112233')).toBe('trusted');
    expect(parsed.get('ffeeddccbbaa99887766554433221100ffeeddcc')).toBe('unspecified');
    expect(parsed.has(expected[0]!.sha1)).toBe(false);
  });

  it('rejects text that is not a trust-settings plist', () => {
    expect(() => parseTrustSettings('<plist version="1.0"><dict/></plist>')).toThrow(expect.objectContaining({ code: 'parse' }));
  });
});

function sha1Of(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

function pemOf(der: Uint8Array): string {
  return toPem('CERTIFICATE', der);
}
