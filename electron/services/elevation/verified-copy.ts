import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { createExclusive } from '../files/safe-write.js';
import type { ElevatedCommand } from './elevated-command.js';
import type { Elevator } from './elevator.js';
import { createStagingDir, removeStagingDir } from './staging.js';

export interface ElevatedCopy {
  /** The staged file, in a private folder the user (not root) owns. */
  readonly staged: string;
  /** The file only an administrator may write. */
  readonly target: string;
  readonly mode: number;
  /** The bytes Certbench verified: what the target must hold afterwards. */
  readonly expected: Uint8Array;
  /** The target's bytes before, put back when the check after the copy fails. */
  readonly original: Uint8Array;
}

/**
 * Copies a staged file over a root-owned one with one fixed elevated step. On Linux the step is
 * `install -m MODE staged DIR/.NAME.certbench-X.tmp && sha256sum --check --status --strict - &&
 * mv -f that TARGET`, the expected digest arriving on sha256sum's stdin from this process: the
 * staged folder belongs to the user, so another process of the same user could swap the file
 * before the copy, but the bytes checked are the root-owned temp's, next to the target, before
 * they move into place; a swap fails the step and the temp is removed, nothing changed. macOS
 * (whose elevation hands no stdin through) skips the check before the move. On both, a target
 * that differs afterwards from what was verified is put back to its original bytes (staged afresh
 * and copied the same way) and the edit fails.
 */
export async function copyElevatedVerified(elevator: Elevator, platform: NodeJS.Platform, copy: ElevatedCopy): Promise<void> {
  await installElevated(elevator, platform, copy.staged, copy.target, copy.mode, copy.expected);
  if (await holds(copy.target, copy.expected)) return;
  const staging = await createStagingDir(platform);
  let restored = false;
  try {
    const again = join(staging, 'original');
    await createExclusive(again, copy.original, 0o600);
    await installElevated(elevator, platform, again, copy.target, copy.mode, copy.original);
    restored = await holds(copy.target, copy.original);
  } catch {
    restored = false;
  } finally {
    await removeStagingDir(staging);
  }
  throw new CertbenchError(
    'verification-failed',
    restored
      ? `${copy.target} did not hold the verified copy after the elevated step (the staged file changed meanwhile); its original content was put back`
      : `${copy.target} did not hold the verified copy after the elevated step and could not be put back; restore it from Certbench's backup`,
  );
}

/** The fixed elevated step of `copyElevatedVerified` and the undo for its failure, as argv. */
export function elevatedInstallSteps(
  platform: NodeJS.Platform,
  staged: string,
  target: string,
  mode: number,
  expected: Uint8Array,
  suffix = randomBytes(6).toString('hex'),
): { commands: ElevatedCommand[]; rollback: ElevatedCommand[] } {
  const temp = join(dirname(target), `.${basename(target)}.certbench-${suffix}.tmp`);
  const octalMode = (mode & 0o777).toString(8).padStart(4, '0');
  const digest = createHash('sha256').update(expected).digest('hex');
  return {
    commands: [
      { file: '/usr/bin/install', args: ['-m', octalMode, staged, temp] },
      ...(platform === 'linux' ? [{ file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'], stdin: `${digest}  ${temp}\n` }] : []),
      { file: '/bin/mv', args: ['-f', temp, target] },
    ],
    rollback: [{ file: '/bin/rm', args: ['-f', temp] }],
  };
}

async function installElevated(elevator: Elevator, platform: NodeJS.Platform, staged: string, target: string, mode: number, expected: Uint8Array): Promise<void> {
  const { commands, rollback } = elevatedInstallSteps(platform, staged, target, mode, expected);
  try {
    await elevator.run(commands, rollback);
  } catch (err) {
    if (err instanceof CertbenchError && err.code === 'tool-failed' && err.message.startsWith('/usr/bin/sha256sum failed')) {
      throw new CertbenchError('verification-failed', `${target} was left as it was: the staged file changed before the elevated copy (its SHA-256 is not the verified one)`, { cause: err });
    }
    throw err;
  }
}

/**
 * The targets of elevated `install`/`cp` commands in `batch` whose source is a staged file with
 * known content, that do not hold that content after the batch ran (the staged file was swapped).
 */
export async function copiesNotLanded(batch: readonly ElevatedCommand[], staged: ReadonlyMap<string, Uint8Array>): Promise<string[]> {
  const wrong: string[] = [];
  for (const command of batch) {
    if (!COPY_PROGRAMS.has(basename(command.file)) || command.args.length < 2) continue;
    const [source, target] = command.args.slice(-2) as [string, string];
    const content = staged.get(source);
    if (content && !(await holds(target, content))) wrong.push(target);
  }
  return wrong;
}

const COPY_PROGRAMS = new Set(['install', 'cp']);

async function holds(path: string, bytes: Uint8Array): Promise<boolean> {
  const now = await readFile(path).catch(() => undefined);
  return now !== undefined && bytesEqual(new Uint8Array(now), bytes);
}
