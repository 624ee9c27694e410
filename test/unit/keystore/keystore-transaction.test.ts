import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { Elevator } from '../../../electron/services/elevation/elevator.js';
import { NodeProcessRunner, type ProcessRequest } from '../../../electron/services/process/process-runner.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { KeystoreBackups } from '../../../electron/services/keystore/keystore-backups.js';
import { editKeystore, type EditPlan, type KeystoreWriter } from '../../../electron/services/keystore/keystore-transaction.js';
import type { WriteAccess } from '../../../electron/services/keystore/keystore-write-access.js';
import { CertbenchError } from '../../../shared/errors.js';

/** A runner that records each command and runs it for real, failing the ones `failOn` names. */
function recordingRunner(failOn?: string) {
  const calls: ProcessRequest[] = [];
  const real = new NodeProcessRunner();
  return {
    calls,
    run: async (request: ProcessRequest) => {
      calls.push(request);
      if (request.file === failOn) return { exitCode: 1, stdout: '', stderr: `${failOn}: simulated failure` };
      return real.run(request);
    },
  };
}

describe('editKeystore: backup, temp copy, verify, atomic replace', () => {
  let dir: string;
  let store: string;
  let backups: KeystoreBackups;
  let writer: KeystoreWriter;
  const original = new TextEncoder().encode('original bytes');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-ks-tx-'));
    store = join(dir, 'store.jks');
    await writeFile(store, original);
    backups = new KeystoreBackups(join(dir, 'data'), () => new Date('2026-11-23T12:00:00Z'));
    writer = writerWith('direct');
  });
  const writerWith = (access: WriteAccess, runner = recordingRunner()): KeystoreWriter => ({
    backups,
    // privileged: this test runs as root, so the Elevator runs the validated argv directly, for real.
    elevator: new Elevator(defaultServiceEnv({ runner, platform: 'linux' }), true),
    platform: 'linux',
    writeAccess: async () => access,
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const plan = (overrides: Partial<EditPlan<string>>): EditPlan<string> => ({
    operation: 'test edit',
    precheck: async () => undefined,
    edit: (temp) => writeFile(temp, 'edited bytes'),
    verify: async (temp) => readFile(temp, 'utf8'),
    ...overrides,
  });
  const storeFiles = async () => (await readdir(dir)).filter((n) => n !== 'data').sort();

  it('replaces the store only after the edit verifies, keeping a backup of the original', async () => {
    const outcome = await editKeystore(store, writer, plan({}));
    expect(await readFile(store, 'utf8')).toBe('edited bytes');
    expect(outcome.result).toBe('edited bytes');
    expect((await backups.get(outcome.backup.id)).bytes).toEqual(original);
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('leaves the original byte-identical and no temp file when the tool fails or the check fails', async () => {
    const failures: Partial<EditPlan<string>>[] = [
      { edit: async (temp) => { await writeFile(temp, 'half written'); throw new CertbenchError('tool-failed', 'keytool exited 1'); } },
      { verify: async () => { throw new CertbenchError('verification-failed', 'alias missing'); } },
    ];
    for (const failure of failures) {
      await expect(editKeystore(store, writer, plan(failure))).rejects.toBeInstanceOf(CertbenchError);
      expect(new Uint8Array(await readFile(store))).toEqual(original);
      expect(await storeFiles()).toEqual(['store.jks']);
    }
  });

  it('gives up when another program rewrote the store during the edit', async () => {
    await expect(editKeystore(store, writer, plan({ edit: async (temp) => { await writeFile(temp, 'mine'); await writeFile(store, 'theirs'); } }))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await readFile(store, 'utf8')).toBe('theirs');
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('takes no backup when the precheck refuses (wrong password, duplicate alias)', async () => {
    await expect(editKeystore(store, writer, plan({ precheck: async () => { throw new CertbenchError('wrong-password', 'no'); } }))).rejects.toMatchObject({ code: 'wrong-password' });
    expect(await backups.list()).toEqual([]);
  });

  it('refuses a store marked read-only, before any backup', async () => {
    await expect(editKeystore(store, writerWith('read-only'), plan({}))).rejects.toMatchObject({ code: 'permission-denied' });
    expect(new Uint8Array(await readFile(store))).toEqual(original);
    expect(await backups.list()).toEqual([]);
  });

  it('edits a store that needs elevation on a staged copy, then moves it in with one fixed elevated step', async () => {
    const runner = recordingRunner();
    const outcome = await editKeystore(store, writerWith('needs-elevation', runner), plan({}));
    expect(await readFile(store, 'utf8')).toBe('edited bytes');
    expect((await backups.get(outcome.backup.id)).bytes).toEqual(original);
    const [install, check, move] = runner.calls;
    expect(runner.calls).toHaveLength(3);
    expect(install!.file).toBe('/usr/bin/install');
    expect(install!.args).toEqual(['-m', '0644', expect.stringMatching(/^\/tmp\/certbench-[^/]+\/keystore$/), expect.stringMatching(/\/\.store\.jks\.certbench-[0-9a-f]{12}\.tmp$/)]);
    // The root-owned temp's bytes are checked against the verified copy's digest before the move.
    expect(check).toMatchObject({ file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'], input: `${sha256Hex(new TextEncoder().encode('edited bytes'))}  ${install!.args[3]}\n` });
    expect(move).toMatchObject({ file: '/bin/mv', args: ['-f', install!.args[3], store] });
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('removes the elevated temp file and keeps the original when the elevated move fails', async () => {
    const runner = recordingRunner('/bin/mv');
    await expect(editKeystore(store, writerWith('needs-elevation', runner), plan({}))).rejects.toMatchObject({ code: 'tool-failed' });
    expect(new Uint8Array(await readFile(store))).toEqual(original);
    expect(runner.calls.map((c) => c.file)).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/mv', '/bin/rm']);
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('refuses a staged copy swapped before the elevated copy: the store is never changed', async () => {
    const runner = recordingRunner();
    let swapped = false;
    // Another process of the same user swaps the staged copy between the verification and the elevated copy.
    const swapping = {
      calls: runner.calls,
      run: async (request: ProcessRequest) => {
        if (request.file === '/usr/bin/install' && !swapped) {
          swapped = true;
          await writeFile(request.args[2]!, 'attacker bytes');
        }
        return runner.run(request);
      },
    };
    await expect(editKeystore(store, writerWith('needs-elevation', swapping as ReturnType<typeof recordingRunner>), plan({}))).rejects.toMatchObject({
      code: 'verification-failed',
      message: expect.stringContaining('was left as it was'),
    });
    expect(new Uint8Array(await readFile(store))).toEqual(original);
    expect(runner.calls.map((c) => c.file)).toEqual(['/usr/bin/install', '/usr/bin/sha256sum', '/bin/rm']);
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('removes a temp folder a killed edit left beside the store at the next edit, not minutes later', async () => {
    const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await mkdir(join(dir, `.certbench-${dead}-Kill3d`));
    await writeFile(join(dir, `.certbench-${dead}-Kill3d`, 'keystore'), 'copy left by kill -9');
    await editKeystore(store, writer, plan({}));
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('never elevates a path with characters outside the safe set', async () => {
    const odd = join(dir, 'my store $(id).jks');
    await writeFile(odd, original);
    const runner = recordingRunner();
    await expect(editKeystore(odd, writerWith('needs-elevation', runner), plan({}))).rejects.toMatchObject({ code: 'permission-denied' });
    expect(runner.calls).toEqual([]);
    expect(new Uint8Array(await readFile(odd))).toEqual(original);
  });

  it('rejects backup ids that could leave the backup folder', async () => {
    await expect(backups.get('../../etc/passwd')).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
