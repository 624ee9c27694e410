import fc from 'fast-check';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElevatedCommand } from '../../../electron/services/elevation/elevated-command.js';
import { buildElevatedInvocation, describeInvocation, MACOS_ELEVATE_SCRIPT, WINDOWS_ELEVATE_SCRIPT } from '../../../electron/services/elevation/elevated-invocation.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { assertSafeToken } from '../../../electron/services/elevation/safe-token.js';
import type { ProcessRequest } from '../../../electron/services/process/process-runner.js';
import type { ServiceEnv } from '../../../electron/services/service-env.js';
import { CertbenchError } from '../../../shared/errors.js';
import { buildElevatedRunner } from '../../helpers/bundled-script.js';
import { RecordingRunner } from '../../helpers/trust-recording-runner.js';

const install = { file: '/usr/bin/install', args: ['-m', '0644', '/tmp/certbench-AbC123/certbench-0011.crt', '/usr/local/share/ca-certificates/certbench-0011.crt'] };
const refresh = { file: '/usr/sbin/update-ca-certificates', args: [] };

const runner = { node: '/usr/bin/node', script: '/opt/certbench/elevation/elevated-runner.cjs' };
const batch = (commands: ElevatedCommand[], rollback: ElevatedCommand[] = []) => ({ commands, rollback });

describe('elevated invocations', () => {
  it('Linux: pkexec runs the fixed runner with the batch as one argv item, no shell', () => {
    const undo = { file: '/bin/rm', args: ['-f', '--', '/usr/local/share/ca-certificates/certbench-0011.crt'] };
    const inv = buildElevatedInvocation(batch([install, refresh], [undo]), 'linux', runner);
    expect(inv).toEqual({
      file: '/usr/bin/pkexec',
      args: ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', '/usr/bin/node', '/opt/certbench/elevation/elevated-runner.cjs', inv.args[4]],
    });
    expect(JSON.parse(inv.args[4]!)).toEqual({ commands: [install, refresh], rollback: [undo] });
    expect(inv.input).toBeUndefined();
    expect(inv.args.join(' ')).not.toMatch(/\/bin\/sh|&&|\|\|/);
    expect(() => buildElevatedInvocation(batch([refresh], [{ file: '/bin/rm', args: ['-f', '/tmp/$(id)'] }]), 'linux', runner)).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
    expect(() => buildElevatedInvocation(batch([refresh]), 'linux')).toThrow(expect.objectContaining({ code: 'internal' }));
  });

  it('macOS: osascript runs a constant script that quotes each of its arguments, then the same runner argv', () => {
    const cmd = { file: '/usr/bin/security', args: ['delete-certificate', '-Z', 'AB12', '-t', '/Library/Keychains/System.keychain'] };
    const inv = buildElevatedInvocation(batch([cmd]), 'darwin', runner);
    expect(inv.file).toBe('/usr/bin/osascript');
    expect(inv.args).toEqual([
      ...MACOS_ELEVATE_SCRIPT.flatMap((line) => ['-e', line]),
      '/usr/bin/env',
      'ELECTRON_RUN_AS_NODE=1',
      '/usr/bin/node',
      '/opt/certbench/elevation/elevated-runner.cjs',
      JSON.stringify({ commands: [cmd], rollback: [] }),
    ]);
    // The script text is constant: nothing of the batch, only `quoted form of` over argv items.
    expect(MACOS_ELEVATE_SCRIPT.join('\n')).not.toContain('security');
    expect(MACOS_ELEVATE_SCRIPT).toContain('set commandLine to commandLine & quoted form of (item i of argv) & " "');
    expect(MACOS_ELEVATE_SCRIPT).toContain('do shell script commandLine with administrator privileges');
  });

  it('the plan shows the same program line, the steps as a placeholder', () => {
    expect(describeInvocation('linux', runner)).toBe(
      '/usr/bin/pkexec /usr/bin/env ELECTRON_RUN_AS_NODE=1 /usr/bin/node /opt/certbench/elevation/elevated-runner.cjs <the [admin] steps as JSON>',
    );
    expect(describeInvocation('darwin', runner)).toMatch(/^\/usr\/bin\/osascript -e 'on run argv' .* -e 'end run' \/usr\/bin\/env ELECTRON_RUN_AS_NODE=1 \/usr\/bin\/node /);
    expect(describeInvocation('win32', runner)).toMatch(/^powershell\.exe .*CB_ELEVATED_JOB$/);
  });

  it('Windows: a constant script, the job only in CB_ELEVATED_JOB', () => {
    const cmd = { file: 'certutil.exe', args: ['-f', '-addstore', 'Root', 'C:\\Users\\Jo Admin\\AppData\\Local\\Temp\\certbench-x1\\certificate.cer'] };
    const inv = buildElevatedInvocation(batch([cmd]), 'win32');
    expect(inv.file).toBe('powershell.exe');
    expect(inv.args).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_ELEVATE_SCRIPT]);
    expect(JSON.parse(inv.env!.CB_ELEVATED_JOB!)).toEqual([cmd]);
    expect(WINDOWS_ELEVATE_SCRIPT).toContain('-Verb RunAs');
    expect(WINDOWS_ELEVATE_SCRIPT).not.toContain('certutil');
  });

  it('refuses programs outside the fixed set and relative programs', () => {
    expect(() => buildElevatedInvocation(batch([{ file: '/bin/bash', args: ['-c', 'id'] }]), 'linux', runner)).toThrow(/not one of Certbench's fixed commands/);
    expect(() => buildElevatedInvocation(batch([{ file: 'cp', args: [] }]), 'linux', runner)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    expect(() => buildElevatedInvocation(batch([]), 'linux', runner)).toThrow();
  });

  const HOSTILE = [
    '/tmp/a b.crt',
    '/tmp/$(touch PWNED).crt',
    '/tmp/`id`.crt',
    "/tmp/x';rm -rf ~;'.crt",
    '/tmp/x"; do shell script "id',
    '/tmp/x\nid',
    '/tmp/x&calc',
    '/tmp/%PATH%',
    '/tmp/é.crt',
    '/tmp/../etc/shadow',
    '/tmp/x|id',
    '/tmp/x>y',
    ' /tmp/lead',
  ];

  it.each(HOSTILE)('rejects the hostile token %j on every platform', (token) => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(() => buildElevatedInvocation(batch([{ file: '/bin/cp', args: [token, '/usr/local/share/ca-certificates/x.crt'] }]), platform, runner)).toThrow(
        expect.objectContaining({ code: 'invalid-request' }),
      );
    }
  });

  it('no generated token containing a shell-significant character ever passes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (token) => {
        const shellish = /[^A-Za-z0-9._/-]/.test(token) || token.split('/').includes('..');
        let accepted = true;
        try {
          assertSafeToken(token, 'linux');
        } catch {
          accepted = false;
        }
        return !(accepted && shellish);
      }),
      { numRuns: Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200) },
    );
  });
});

describe('Elevator', () => {
  let built: { script: string; dir: string };
  beforeAll(async () => {
    built = await buildElevatedRunner();
  });
  afterAll(() => rm(built.dir, { recursive: true, force: true }));
  const env = (runner: RecordingRunner, platform: NodeJS.Platform): ServiceEnv => ({
    runner,
    now: () => new Date(),
    dataDir: '/nonexistent',
    env: { PATH: '/usr/bin' },
    platform,
    homeDir: '/nonexistent',
    elevatedRunner: built.script,
  });

  it('the runner\'s report names the step that failed, with its own stderr, as when already root', async () => {
    const runner = new RecordingRunner(() => ({ exitCode: 1, stdout: '{"failed":1,"exitCode":2}\n', stderr: 'cd: can\'t cd\n' }));
    await expect(new Elevator(env(runner, 'linux'), false).run([install, refresh])).rejects.toMatchObject({
      code: 'tool-failed',
      message: "/usr/sbin/update-ca-certificates failed (exit 2): cd: can't cd",
    });
    expect(runner.calls.map((c) => [c.file, ...c.args.slice(0, 4)])).toEqual([['/usr/bin/pkexec', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, built.script]]);
  });

  it('when already root, runs the same validated argv directly, one process per command', async () => {
    const runner = new RecordingRunner(() => ({}));
    await new Elevator(env(runner, 'linux'), true).run([install, refresh]);
    expect(runner.calls.map((c) => [c.file, ...c.args])).toEqual([
      ['/usr/bin/install', ...install.args],
      ['/usr/sbin/update-ca-certificates'],
    ]);
  });

  it.each([
    ['linux', 126, '', /cancelled/],
    ['linux', 127, '', /no polkit authentication agent/],
    ['darwin', 1, '0:1: execution error: User canceled. (-128)', /cancelled/],
    ['win32', 1223, '', /UAC/],
  ] as const)('%s exit %i is elevation-denied', async (platform, exitCode, stderr, message) => {
    const runner = new RecordingRunner(() => ({ exitCode, stderr }));
    const cmd = platform === 'win32' ? { file: 'certutil.exe', args: ['-delstore', 'Root', 'ab12'] } : refresh;
    await expect(new Elevator(env(runner, platform), false).run([cmd])).rejects.toMatchObject({ code: 'elevation-denied', message: expect.stringMatching(message) });
  });

  it('when already root and a command fails, runs the rollback before reporting', async () => {
    const runner = new RecordingRunner((req) => ({ exitCode: req.file === '/usr/sbin/update-ca-certificates' ? 2 : 0, stderr: 'cd: can\'t cd' }));
    const undo = { file: '/bin/rm', args: ['-f', '--', '/usr/local/share/ca-certificates/certbench-0011.crt'] };
    await expect(new Elevator(env(runner, 'linux'), true).run([install, refresh], [undo])).rejects.toMatchObject({ code: 'tool-failed' });
    expect(runner.calls.map((c) => c.file)).toEqual(['/usr/bin/install', '/usr/sbin/update-ca-certificates', '/bin/rm']);
  });

  it('a step that cannot start also stops the batch and runs the rollback; its own error is reported', async () => {
    const missing = new CertbenchError('tool-missing', '/usr/sbin/update-ca-certificates is not installed or not on PATH');
    const calls: string[] = [];
    const runner = {
      run: async (request: ProcessRequest) => {
        calls.push(request.file);
        if (request.file === refresh.file) throw missing;
        return { exitCode: 0, stdout: '', stderr: '' };
      },
    };
    const undo = { file: '/bin/rm', args: ['-f', '--', '/usr/local/share/ca-certificates/certbench-0011.crt'] };
    await expect(new Elevator({ ...env(new RecordingRunner(() => ({})), 'linux'), runner }, true).run([install, refresh, install], [undo])).rejects.toBe(missing);
    expect(calls).toEqual(['/usr/bin/install', '/usr/sbin/update-ca-certificates', '/bin/rm']);
  });

  it('other failures are tool-failed with the first stderr line', async () => {
    const runner = new RecordingRunner(() => ({ exitCode: 1, stderr: 'install: cannot create regular file\nmore' }));
    await expect(new Elevator(env(runner, 'linux'), false).run([install])).rejects.toMatchObject({
      code: 'tool-failed',
      message: expect.stringMatching(/cannot create regular file$/),
    });
  });
});
