import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBatch, runBatch, type ElevatedBatch } from '../../../electron/services/elevation/elevated-batch.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { copyElevatedVerified } from '../../../electron/services/elevation/verified-copy.js';
import { NodeProcessRunner, type ProcessRequest, type ProcessRunner } from '../../../electron/services/process/process-runner.js';
import { defaultServiceEnv, elevatedRunnerBeside } from '../../../electron/services/service-env.js';
import { buildElevatedRunner } from '../../helpers/bundled-script.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Runs the bundled runner as pkexec would start it: `env ELECTRON_RUN_AS_NODE=1 node runner BATCH`, with `stdin` on its own stdin. */
function runRunner(script: string, argv: readonly string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('/usr/bin/env', ['ELECTRON_RUN_AS_NODE=1', process.execPath, script, ...argv], { env: { PATH: '/usr/bin:/bin' } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('the elevated runner', () => {
  let runner: { script: string; dir: string };
  let dir: string;
  beforeAll(async () => {
    runner = await buildElevatedRunner();
    dir = await mkdtemp(join(tmpdir(), 'certbench-runner-'));
  });
  afterAll(async () => {
    await rm(runner.dir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it('runs each step as argv: a name with spaces, quotes and $(…) reaches the program verbatim, nothing is expanded', async () => {
    // The token rules never let such a name into a batch (next test); this is the runner's core, which has no shell to expand it.
    const name = `it's "a" $(id) \`id\`; >x *.txt`;
    const hostile = join(dir, name);
    await writeFile(join(dir, 'src'), 'content');
    const failed = await runBatch(new NodeProcessRunner(), { commands: [{ file: '/bin/cp', args: [join(dir, 'src'), hostile] }], rollback: [] }, { PATH: '/usr/bin:/bin' });
    expect(failed).toBeUndefined();
    expect(await readFile(hostile, 'utf8')).toBe('content');
    expect((await readdir(dir)).sort()).toEqual([name, 'src'].sort());
    await rm(hostile);
  });

  it('checks the batch again with the same rules and refuses it whole: exit 2, nothing ran', async () => {
    const made = join(dir, 'made-by-refused-batch');
    const batch = encodeBatch({ commands: [{ file: '/bin/mkdir', args: [made] }, { file: '/bin/rm', args: ['-f', `${dir}/$(id)`] }], rollback: [] });
    const out = await runRunner(runner.script, [batch]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^Refusing to elevate a command containing/);
    expect(existsSync(made)).toBe(false);
    for (const bad of ['[]', 'not json', JSON.stringify({ commands: [{ file: '/bin/sh', args: ['-c', 'id'] }], rollback: [] }), JSON.stringify({ commands: [{ file: '/bin/mkdir', args: [made], shell: true }], rollback: [] })]) {
      expect((await runRunner(runner.script, [bad])).code).toBe(2);
    }
    expect((await runRunner(runner.script, [batch, 'extra'])).code).toBe(2);
    expect(existsSync(made)).toBe(false);
  });

  it('stops at the first failing step, runs the rollback and reports the step: exit 1', async () => {
    const file = join(dir, 'copied');
    const after = join(dir, 'never-made');
    await writeFile(join(dir, 'staged'), 'staged bytes');
    const batch: ElevatedBatch = {
      commands: [
        { file: '/usr/bin/install', args: ['-m', '0644', join(dir, 'staged'), file] },
        { file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'], stdin: `${sha('other bytes')}  ${file}\n` },
        { file: '/bin/mkdir', args: [after] },
      ],
      rollback: [{ file: '/bin/rm', args: ['-f', file] }],
    };
    const out = await runRunner(runner.script, [encodeBatch(batch)]);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual({ failed: 1, exitCode: 1 });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(after)).toBe(false);
  });

  it('gives the checksum list to its own step only: other steps read no stdin, not even the runner’s', async () => {
    const file = join(dir, 'checked');
    await writeFile(file, 'checked bytes');
    const list = `${sha('checked bytes')}  ${file}\n`;
    const check = { file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'] };
    const ok = await runRunner(runner.script, [encodeBatch({ commands: [{ ...check, stdin: list }], rollback: [] })]);
    expect(ok).toMatchObject({ code: 0, stdout: '' });
    // A second reader of stdin gets nothing, though the runner's own stdin holds a valid list.
    const second = await runRunner(runner.script, [encodeBatch({ commands: [{ ...check, stdin: list }, check], rollback: [] })], list);
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout)).toEqual({ failed: 1, exitCode: 1 });
    expect(second.stderr).toMatch(/no properly formatted checksum lines found/);
  });

  describe('behind the Elevator, with pkexec standing in as a plain exec of its argv (this test may run as any user)', () => {
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
    const elevator = (runner: ProcessRunner) => new Elevator(defaultServiceEnv({ runner, platform: 'linux', elevatedRunner: runnerScript() }), false);
    const runnerScript = () => runner.script;
    const bytes = (text: string) => new TextEncoder().encode(text);

    it('a verified copy lands through one pkexec call of the runner', async () => {
      const staged = join(dir, 'v-staged');
      const target = join(dir, 'v-target');
      await writeFile(staged, 'verified');
      await writeFile(target, 'original');
      const calls: ProcessRequest[] = [];
      await copyElevatedVerified(elevator(throughPkexec(calls)), 'linux', { staged, target, mode: 0o644, expected: bytes('verified'), original: bytes('original') });
      expect(await readFile(target, 'utf8')).toBe('verified');
      expect(calls.map((c) => [c.file, ...c.args.slice(0, 4)])).toEqual([['/usr/bin/pkexec', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, runner.script]]);
      expect(JSON.parse(calls[0]!.args[4]!).commands.map((c: { file: string }) => c.file)).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv']);
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

    it('the packaged app runs the runner unpacked from its asar: the path from inside app.asar names app.asar.unpacked, as the builder unpacks it', async () => {
      const resources = join(dir, 'resources');
      const script = elevatedRunnerBeside(join(resources, 'app.asar', 'dist', 'electron'));
      expect(script).toBe(join(resources, 'app.asar.unpacked', 'dist', 'electron', 'elevation', 'elevated-runner.cjs'));
      const config = createRequire(import.meta.url)('../../../build/electron-builder.config.cjs') as { asarUnpack: string[] };
      expect(config.asarUnpack).toContain(relative(join(resources, 'app.asar.unpacked'), script).split(sep).join('/'));
      await mkdir(dirname(script), { recursive: true });
      await copyFile(runner.script, script);
      const calls: ProcessRequest[] = [];
      const app = new Elevator(defaultServiceEnv({ runner: throughPkexec(calls), platform: 'linux', elevatedRunner: script }), false);
      await app.run([{ file: '/bin/mkdir', args: [join(dir, 'from-app')] }]);
      expect(calls.map((c) => c.args.slice(0, 4))).toEqual([['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, script]]);
      expect(existsSync(join(dir, 'from-app'))).toBe(true);
    });

    it('from an AppImage (binary under its mount, which root may not read) the refusal comes before any prompt and names the way out', async () => {
      const calls: ProcessRequest[] = [];
      const env = { ...process.env, APPIMAGE: join(dir, 'Certbench.AppImage'), APPDIR: dirname(process.execPath) };
      const fromAppImage = new Elevator(defaultServiceEnv({ runner: throughPkexec(calls), platform: 'linux', env, elevatedRunner: runnerScript() }), false);
      await expect(fromAppImage.run([{ file: '/bin/mkdir', args: [join(dir, 'y')] }])).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/AppImage.*\.deb.*CLI/) });
      expect(calls).toEqual([]);
      expect(existsSync(join(dir, 'y'))).toBe(false);
    });

    it('a missing runner is a clear internal error before any prompt', async () => {
      const calls: ProcessRequest[] = [];
      const missing = new Elevator(defaultServiceEnv({ runner: throughPkexec(calls), platform: 'linux', elevatedRunner: join(dir, 'nope.cjs') }), false);
      await expect(missing.run([{ file: '/bin/mkdir', args: [join(dir, 'x')] }])).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('is missing') });
      expect(calls).toEqual([]);
    });
  });
});
