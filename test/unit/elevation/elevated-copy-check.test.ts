import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { NodeProcessRunner, type ProcessRequest } from '../../../electron/services/process/process-runner.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { executeJob, genericFailure } from '../../../electron/services/trust-stores/job-executor.js';
import type { TrustJob } from '../../../electron/services/trust-stores/trust-job.js';

/**
 * A trust job's elevated copy from a staging folder the user owns: another process of the same
 * user may swap the staged file before the copy, so the target is checked afterwards and the job
 * undone when it does not hold what Certbench staged. As root the Elevator runs the argv directly.
 */
describe('elevated copies of staged files are checked after the copy', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-elevated-copy-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const job = (staged: string, target: string): TrustJob => ({
    plan: { storeId: 'linux', action: 'add', sha256: '00', warnings: [], sideEffects: [], steps: [], needsElevation: true, alreadyDone: false, platform: 'linux', runnableHere: true },
    steps: [
      { kind: 'write-file', path: staged, content: new TextEncoder().encode('staged anchor'), elevated: false },
      { kind: 'run', file: '/usr/bin/install', args: ['-m', '0644', staged, target], elevated: true },
    ],
    undo: [{ kind: 'run', file: '/bin/rm', args: ['-f', '--', target], elevated: true }],
  });
  const run = async (swap: boolean) => {
    const real = new NodeProcessRunner();
    const calls: string[] = [];
    const runner = {
      run: async (request: ProcessRequest) => {
        calls.push(request.file);
        if (swap && request.file === '/usr/bin/install') await writeFile(request.args[2]!, 'swapped by another process');
        return real.run(request);
      },
    };
    const env = defaultServiceEnv({ runner, platform: 'linux' });
    const staged = join(dir, 'staged.crt');
    const target = join(dir, 'anchor.crt');
    const done = executeJob(job(staged, target), env, new Elevator(env, true), (_step, out) => genericFailure('test', out));
    return { done, calls, target };
  };

  it('an unchanged staged file lands as staged', async () => {
    const { done, target } = await run(false);
    await done;
    expect(await readFile(target, 'utf8')).toBe('staged anchor');
  });

  it('a swapped staged file is undone and reported', async () => {
    const { done, calls, target } = await run(true);
    await expect(done).rejects.toMatchObject({ code: 'verification-failed', message: expect.stringContaining(`${target} did not hold the staged content`) });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(calls).toEqual(['/usr/bin/install', '/bin/rm']);
  });
});
