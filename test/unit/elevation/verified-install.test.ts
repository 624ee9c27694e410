import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateElevatedCommands } from '../../../electron/services/elevation/elevated-command.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { copyElevatedVerified, elevatedInstallSteps } from '../../../electron/services/elevation/verified-copy.js';
import { NodeProcessRunner, type ProcessRequest } from '../../../electron/services/process/process-runner.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the elevated copy checks the bytes it copied before moving them into place', () => {
  const expected = bytes('verified keystore');
  const digest = createHash('sha256').update(expected).digest('hex');

  it('on Linux: install into a temp next to the target, sha256sum of that temp from stdin, then mv; rm on failure', () => {
    const copy = { staged: '/tmp/certbench-Ab1/staged', target: '/usr/lib/jvm/jdk/lib/security/cacerts', mode: 0o644, expected };
    const steps = elevatedInstallSteps('linux', [copy], '0123456789ab');
    const temp = '/usr/lib/jvm/jdk/lib/security/.cacerts.certbench-0123456789ab.tmp';
    expect(steps).toEqual({
      commands: [
        { file: '/usr/bin/install', args: ['-m', '0644', '/tmp/certbench-Ab1/staged', temp] },
        { file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'], stdin: `${digest}  ${temp}\n` },
        { file: '/bin/mv', args: ['-f', temp, '/usr/lib/jvm/jdk/lib/security/cacerts'] },
      ],
      rollback: [{ file: '/bin/rm', args: ['-f', temp] }],
    });
  });

  it('several copies in one batch: one checksum list on the one stdin, a line per root-side temp', () => {
    const other = bytes('second file');
    const steps = elevatedInstallSteps(
      'linux',
      [
        { staged: '/tmp/certbench-Ab1/a', target: '/etc/x/a.crt', mode: 0o644, expected },
        { staged: '/tmp/certbench-Ab1/b', target: '/etc/x/b.crt', mode: 0o600, expected: other },
      ],
      'cafe',
    );
    const [ta, tb] = ['/etc/x/.a.crt.certbench-cafe-0.tmp', '/etc/x/.b.crt.certbench-cafe-1.tmp'];
    expect(steps).toEqual({
      commands: [
        { file: '/usr/bin/install', args: ['-m', '0644', '/tmp/certbench-Ab1/a', ta] },
        { file: '/usr/bin/install', args: ['-m', '0600', '/tmp/certbench-Ab1/b', tb] },
        { file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'], stdin: `${digest}  ${ta}\n${createHash('sha256').update(other).digest('hex')}  ${tb}\n` },
        { file: '/bin/mv', args: ['-f', ta, '/etc/x/a.crt'] },
        { file: '/bin/mv', args: ['-f', tb, '/etc/x/b.crt'] },
      ],
      rollback: [{ file: '/bin/rm', args: ['-f', ta, tb] }],
    });
    expect(() => validateElevatedCommands(steps.commands, 'linux')).not.toThrow();
  });

  it('on macOS (no sha256sum) the step is install and mv, checked afterwards', () => {
    const steps = elevatedInstallSteps('darwin', [{ staged: '/tmp/certbench-Ab1/staged', target: '/Library/Java/cacerts', mode: 0o644, expected }], '0123456789ab');
    expect(steps.commands.map((c) => c.file)).toEqual(['/usr/bin/install', '/bin/mv']);
  });

  it('stdin of an elevated command is only ever a checksum list over safe paths, for one command of the batch', () => {
    const check = (stdin: string, platform: NodeJS.Platform = 'linux') => () =>
      validateElevatedCommands([{ file: '/usr/bin/sha256sum', args: ['--check', '-'], stdin }], platform);
    expect(check(`${digest}  /tmp/a\n`)).not.toThrow();
    expect(check('rm -rf /\n')).toThrow(/only be a checksum list/);
    expect(check(`${digest}  /tmp/a`)).toThrow(/only be a checksum list/);
    expect(check(`${digest}  /tmp/$(id)\n`)).toThrow(/Refusing to elevate/);
    expect(check(`${digest}  /tmp/a\n`, 'darwin')).toThrow(/only be a checksum list/);
    const line = { file: '/usr/bin/sha256sum', args: ['-c', '-'], stdin: `${digest}  /tmp/a\n` };
    expect(() => validateElevatedCommands([line, line], 'linux')).toThrow(/Only one elevated command/);
  });
});

/** As root the Elevator runs the same argv directly: a real install, sha256sum and mv in a temp dir. */
describe.runIf(process.geteuid?.() === 0)('a real elevated copy as root in a temp dir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-verified-install-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const original = bytes('original store');
  const verified = bytes('verified store');
  const run = async (tamper: { before?: string; after?: string }) => {
    const staged = join(dir, 'staged');
    const target = join(dir, 'cacerts');
    await writeFile(staged, verified);
    await writeFile(target, original);
    await chmod(target, 0o640);
    const real = new NodeProcessRunner();
    const calls: string[] = [];
    const runner = {
      run: async (request: ProcessRequest) => {
        calls.push(request.file);
        // Another process of the user swaps the staged file between Certbench's check and the copy.
        if (tamper.before && request.file === '/usr/bin/install' && request.args[2] === staged) await writeFile(staged, tamper.before);
        const out = await real.run(request);
        if (tamper.after && request.file === '/bin/mv' && request.args[2] === target && !calls.includes('tampered')) {
          calls.push('tampered');
          await writeFile(target, tamper.after);
        }
        return out;
      },
    };
    const env = defaultServiceEnv({ runner, platform: 'linux' });
    const done = copyElevatedVerified(new Elevator(env, true), 'linux', { staged, target, mode: 0o640, expected: verified, original });
    return { done, calls, target };
  };
  const leftovers = async () => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));

  it('an unchanged staged file is checked in place and lands with its mode', async () => {
    const { done, calls, target } = await run({});
    await done;
    expect(await readFile(target, 'utf8')).toBe('verified store');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect(calls).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv']);
    expect(await leftovers()).toEqual([]);
  });

  it('a staged file swapped before the copy is refused before the move: the target never changes', async () => {
    const { done, calls, target } = await run({ before: 'swapped by another process' });
    await expect(done).rejects.toMatchObject({ code: 'verification-failed', message: expect.stringContaining(`${target} was left as it was`) });
    expect(await readFile(target, 'utf8')).toBe('original store');
    expect(calls).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/rm']);
    expect(await leftovers()).toEqual([]);
  });

  it('a target changed after the move still fails the check afterwards and is put back', async () => {
    const { done, calls, target } = await run({ after: 'changed after the move' });
    await expect(done).rejects.toMatchObject({ code: 'verification-failed', message: expect.stringContaining('its original content was put back') });
    expect(await readFile(target, 'utf8')).toBe('original store');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect(calls).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv', 'tampered', '/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv']);
    expect(await leftovers()).toEqual([]);
  });
});
