import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildElevatedInvocation, WINDOWS_ELEVATE_SCRIPT } from '../../../electron/services/elevation/elevated-command.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { assertSafeToken } from '../../../electron/services/elevation/safe-token.js';
import type { ServiceEnv } from '../../../electron/services/service-env.js';
import { RecordingRunner } from '../../helpers/trust-recording-runner.js';

const install = { file: '/usr/bin/install', args: ['-m', '0644', '/tmp/certbench-AbC123/certbench-0011.crt', '/usr/local/share/ca-certificates/certbench-0011.crt'] };
const refresh = { file: '/usr/sbin/update-ca-certificates', args: [] };

describe('elevated command lines', () => {
  it('Linux: pkexec /bin/sh -c with one &&-joined line of validated tokens', () => {
    expect(buildElevatedInvocation([install, refresh], 'linux')).toEqual({
      file: '/usr/bin/pkexec',
      args: [
        '/bin/sh',
        '-c',
        '/usr/bin/install -m 0644 /tmp/certbench-AbC123/certbench-0011.crt /usr/local/share/ca-certificates/certbench-0011.crt && /usr/sbin/update-ca-certificates',
      ],
    });
  });

  it('with a rollback: (a && b) || (undo; exit 1)', () => {
    const undo = { file: '/bin/rm', args: ['-f', '--', '/usr/local/share/ca-certificates/certbench-0011.crt'] };
    expect(buildElevatedInvocation([install, refresh], 'linux', [undo]).args[2]).toBe(
      '(/usr/bin/install -m 0644 /tmp/certbench-AbC123/certbench-0011.crt /usr/local/share/ca-certificates/certbench-0011.crt && /usr/sbin/update-ca-certificates) || (/bin/rm -f -- /usr/local/share/ca-certificates/certbench-0011.crt; exit 1)',
    );
    expect(() => buildElevatedInvocation([refresh], 'linux', [{ file: '/bin/rm', args: ['-f', '/tmp/$(id)'] }])).toThrow(expect.objectContaining({ code: 'invalid-request' }));
  });

  it('macOS: osascript do shell script … with administrator privileges', () => {
    const cmd = { file: '/usr/bin/security', args: ['delete-certificate', '-Z', 'AB12', '-t', '/Library/Keychains/System.keychain'] };
    expect(buildElevatedInvocation([cmd], 'darwin')).toEqual({
      file: '/usr/bin/osascript',
      args: ['-e', 'do shell script "/usr/bin/security delete-certificate -Z AB12 -t /Library/Keychains/System.keychain" with administrator privileges'],
    });
  });

  it('Windows: a constant script, the job only in CB_ELEVATED_JOB', () => {
    const cmd = { file: 'certutil.exe', args: ['-f', '-addstore', 'Root', 'C:\\Users\\Jo Admin\\AppData\\Local\\Temp\\certbench-x1\\certificate.cer'] };
    const inv = buildElevatedInvocation([cmd], 'win32');
    expect(inv.file).toBe('powershell.exe');
    expect(inv.args).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_ELEVATE_SCRIPT]);
    expect(JSON.parse(inv.env!.CB_ELEVATED_JOB!)).toEqual([cmd]);
    expect(WINDOWS_ELEVATE_SCRIPT).toContain('-Verb RunAs');
    expect(WINDOWS_ELEVATE_SCRIPT).not.toContain('certutil');
  });

  it('refuses programs outside the fixed set and relative programs', () => {
    expect(() => buildElevatedInvocation([{ file: '/bin/bash', args: ['-c', 'id'] }], 'linux')).toThrow(/not one of Certbench's fixed commands/);
    expect(() => buildElevatedInvocation([{ file: 'cp', args: [] }], 'linux')).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    expect(() => buildElevatedInvocation([], 'linux')).toThrow();
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
      expect(() => buildElevatedInvocation([{ file: '/bin/cp', args: [token, '/usr/local/share/ca-certificates/x.crt'] }], platform)).toThrow(
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
  const env = (runner: RecordingRunner, platform: NodeJS.Platform): ServiceEnv => ({
    runner,
    now: () => new Date(),
    dataDir: '/nonexistent',
    env: { PATH: '/usr/bin' },
    platform,
    homeDir: '/nonexistent',
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

  it('other failures are tool-failed with the first stderr line', async () => {
    const runner = new RecordingRunner(() => ({ exitCode: 1, stderr: 'install: cannot create regular file\nmore' }));
    await expect(new Elevator(env(runner, 'linux'), false).run([install])).rejects.toMatchObject({
      code: 'tool-failed',
      message: expect.stringMatching(/cannot create regular file$/),
    });
  });
});
