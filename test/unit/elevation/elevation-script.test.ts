import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElevatedBatch } from '../../../electron/services/elevation/elevated-batch.js';
import { encodeSteps, parseStepFailure, POSIX_ELEVATE_SCRIPT } from '../../../electron/services/elevation/elevated-invocation.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { copyElevatedVerified } from '../../../electron/services/elevation/verified-copy.js';
import { NodeProcessRunner, type ProcessRequest, type ProcessRunner } from '../../../electron/services/process/process-runner.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { elevatedBatchOf } from '../../helpers/elevated-steps.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * The real shells the constant script meets: /bin/sh here (dash), and bash in POSIX mode, which is
 * what /bin/sh is on macOS. Each runs the script as pkexec does, `SHELL -c SCRIPT certbench-elevated WORD…`.
 */
const SHELLS: readonly { file: string; flags: readonly string[] }[] = [
  { file: '/bin/sh', flags: [] },
  { file: '/bin/bash', flags: ['--posix', '--norc'] },
];

describe.each(SHELLS)('the constant elevation script under $file $flags', (shell) => {
  // In the temp dir, so anything a mistaken expansion would create (`>x`, PWNED) lands where a test looks.
  const script = (words: readonly string[], stdin?: string, cwd = dir) =>
    new NodeProcessRunner().run({
      file: shell.file,
      args: [...shell.flags, '-c', POSIX_ELEVATE_SCRIPT, 'certbench-elevated', ...words],
      env: { PATH: '/usr/bin:/bin' },
      cwd,
      ...(stdin === undefined ? {} : { input: stdin }),
    });
  const steps = (batch: ElevatedBatch) => encodeSteps(batch);

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-elevation-script-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('hands each word to the program verbatim: spaces, quotes, $(…), backticks, ;, >, * and the marker itself are never parsed', async () => {
    // The token rules never let such a name into a batch (elevation-command.test.ts); this proves the script itself never re-parses data.
    const name = `it's "a" $(touch PWNED) \`touch PWNED2\`; >x *.txt | id & --rollback`;
    const work = await mkdtemp(join(dir, 'verbatim-'));
    await writeFile(join(work, 'src'), 'content');
    const out = await script(
      steps({
        commands: [
          { file: '/bin/cp', args: [join(work, 'src'), join(work, name)] },
          { file: '/bin/echo', args: ['--rollback', '2', '-', '*', '$HOME'] },
        ],
        rollback: [],
      }),
      undefined,
      work,
    );
    expect(out).toEqual({ exitCode: 0, stdout: '--rollback 2 - * $HOME\n', stderr: '' });
    expect(await readFile(join(work, name), 'utf8')).toBe('content');
    expect((await readdir(work)).sort()).toEqual([name, 'src'].sort());
  });

  it('stops at the first failing step, runs every rollback step (even after one fails) and reports the step: exit 1', async () => {
    const file = join(dir, 'copied');
    const after = join(dir, 'never-made');
    const rolled = join(dir, 'rolled-back');
    await writeFile(join(dir, 'staged'), 'staged bytes');
    const out = await script(
      steps({
        commands: [
          { file: '/usr/bin/install', args: ['-m', '0644', join(dir, 'staged'), file] },
          { file: '/bin/rm', args: [join(dir, 'not-there')] },
          { file: '/bin/mkdir', args: [after] },
        ],
        rollback: [
          { file: '/bin/rm', args: [file] },
          { file: '/bin/rm', args: [file] },
          { file: '/bin/mkdir', args: [rolled] },
        ],
      }),
    );
    expect(out.exitCode).toBe(1);
    expect(parseStepFailure(out.stderr)).toEqual({ index: 1, exitCode: 1, stderr: `/bin/rm: cannot remove '${join(dir, 'not-there')}': No such file or directory\n` });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(after)).toBe(false);
    expect(existsSync(rolled)).toBe(true);
  });

  it('gives its stdin to the checksum step only: a step before it reads nothing, a second reader gets none', async () => {
    const file = join(dir, 'checked');
    await writeFile(file, 'checked bytes');
    const list = `${sha('checked bytes')}  ${file}\n`;
    const check = { file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'] };
    const cat = { file: '/bin/cat', args: [] };
    // cat would print the list (and leave the checksum step nothing) if it read the script's stdin.
    expect(await script(steps({ commands: [cat, { ...check, stdin: list }, cat], rollback: [] }), list)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const wrong = await script(steps({ commands: [{ ...check, stdin: `${sha('other bytes')}  ${file}\n` }], rollback: [] }), `${sha('other bytes')}  ${file}\n`);
    expect(wrong.exitCode).toBe(1);
    expect(parseStepFailure(wrong.stderr)).toMatchObject({ index: 0, exitCode: 1 });
    // Words only: the marker says which step reads stdin; an unmarked second sha256sum reads /dev/null.
    const second = await script([...steps({ commands: [{ ...check, stdin: list }], rollback: [] }).slice(0, -1), '5', '-', check.file, ...check.args, '--rollback'], list);
    expect(second.exitCode).toBe(1);
    expect(parseStepFailure(second.stderr)).toMatchObject({ index: 1, exitCode: 1, stderr: expect.stringContaining('no properly formatted checksum lines found') });
  });

  const made = () => join(dir, 'made-by-a-refused-batch');
  it.each([
    ['a count that is not digits', ['x', '-', '/bin/true', '--rollback']],
    ['an empty count', ['', '-', '/bin/true', '--rollback']],
    ['a count of zero', ['0', '-', '--rollback']],
    ['a count with a leading zero (octal in arithmetic)', ['01', '-', '/bin/true', '--rollback']],
    ['a count of four digits', ['1000', '-', '/bin/true', '--rollback']],
    ['a count in arithmetic syntax', ['1+1', '-', '/bin/echo', 'x', '--rollback']],
    ['a count past the last word', ['3', '-', '/bin/true', '--rollback']],
    ['no rollback marker', []],
    ['a stdin marker that is neither stdin nor -', ['1', 'in', '/bin/true', '--rollback']],
    ['a rollback step reading stdin', ['--rollback', '1', 'stdin', '/bin/true']],
    ['two steps reading stdin', ['1', 'stdin', '/bin/true', '1', 'stdin', '/bin/true', '--rollback']],
    ['a program that is not an absolute path (a function of the script)', ['1', '-', 'refuse', '--rollback']],
    ['a second marker', ['--rollback', '--rollback']],
  ])('%s: exit 2 before any step runs', async (_what, tail) => {
    const out = await script(['2', '-', '/bin/mkdir', made(), ...tail]);
    expect(out).toMatchObject({ exitCode: 2, stdout: '', stderr: 'certbench-elevated: malformed steps, nothing ran\n' });
    expect(existsSync(made())).toBe(false);
  });

  it('exits 0 when every step ran, with no rollback steps to run', async () => {
    const out = await script(steps({ commands: [{ file: '/bin/mkdir', args: [join(dir, 'one')] }, { file: '/bin/mkdir', args: [join(dir, 'two')] }], rollback: [] }));
    expect(out).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect([existsSync(join(dir, 'one')), existsSync(join(dir, 'two'))]).toEqual([true, true]);
  });
});

describe('the Elevator with pkexec standing in as a plain exec of its argv (this test may run as any user)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-elevation-pkexec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const throughPkexec = (calls: ProcessRequest[], tamper?: () => Promise<void>): ProcessRunner => {
    const real = new NodeProcessRunner();
    return {
      run: async (request) => {
        calls.push(request);
        if (request.file !== '/usr/bin/pkexec') return real.run(request);
        await tamper?.();
        return real.run({ ...request, file: request.args[0]!, args: request.args.slice(1) });
      },
    };
  };
  const elevator = (runner: ProcessRunner, privileged = false) => new Elevator(defaultServiceEnv({ runner, platform: 'linux', env: { PATH: '/usr/bin:/bin' } }), privileged);

  it('a verified copy lands through one pkexec call of /bin/sh with the constant script, the checksum list on its stdin', async () => {
    const staged = join(dir, 'v-staged');
    const target = join(dir, 'v-target');
    await writeFile(staged, 'verified');
    await writeFile(target, 'original');
    const calls: ProcessRequest[] = [];
    await copyElevatedVerified(elevator(throughPkexec(calls)), 'linux', { staged, target, mode: 0o644, expected: bytes('verified'), original: bytes('original') });
    expect(await readFile(target, 'utf8')).toBe('verified');
    expect(calls.map((c) => [c.file, ...c.args.slice(0, 4)])).toEqual([['/usr/bin/pkexec', '/bin/sh', '-c', POSIX_ELEVATE_SCRIPT, 'certbench-elevated']]);
    const ran = elevatedBatchOf(calls[0]!);
    expect([...ran.commands, ...ran.rollback].map((c) => c.file)).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv', '/bin/rm']);
    expect(ran.commands[1]!.stdin).toMatch(new RegExp(`^${sha('verified')}  ${dir}/\\.v-target\\.certbench-[0-9a-f]+\\.tmp\\n$`));
  });

  it('a staged file swapped before the prompt fails the checksum step: the target never changes, no temp is left', async () => {
    const staged = join(dir, 's-staged');
    const target = join(dir, 's-target');
    await writeFile(staged, 'verified');
    await writeFile(target, 'original');
    const calls: ProcessRequest[] = [];
    const done = copyElevatedVerified(elevator(throughPkexec(calls, () => writeFile(staged, 'swapped'))), 'linux', {
      staged,
      target,
      mode: 0o644,
      expected: bytes('verified'),
      original: bytes('original'),
    });
    await expect(done).rejects.toMatchObject({ code: 'verification-failed', message: expect.stringContaining(`${target} was left as it was`) });
    expect(await readFile(target, 'utf8')).toBe('original');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a failing step is the same error through the prompt as when already root: the step named, with its own stderr', async () => {
    const batch = (name: string) => [{ file: '/bin/mkdir', args: [join(dir, name)] }, { file: '/bin/rm', args: [join(dir, 'absent')] }, { file: '/bin/mkdir', args: [join(dir, `${name}-after`)] }];
    const undo = (name: string) => [{ file: '/bin/rm', args: ['-r', join(dir, name)] }];
    const failures = await Promise.all([
      elevator(throughPkexec([])).run(batch('prompted'), undo('prompted')).catch((err: unknown) => err),
      elevator(new NodeProcessRunner(), true).run(batch('as-root'), undo('as-root')).catch((err: unknown) => err),
    ]);
    const message = `/bin/rm failed (exit 1): /bin/rm: cannot remove '${join(dir, 'absent')}': No such file or directory`;
    expect(failures).toEqual([expect.objectContaining({ code: 'tool-failed', message }), expect.objectContaining({ code: 'tool-failed', message })]);
    expect((await readdir(dir)).filter((n) => n.startsWith('prompted') || n.startsWith('as-root'))).toEqual([]);
  });
});
