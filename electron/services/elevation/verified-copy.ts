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
 * (which ships no sha256sum) skips the check before the move. On both, a target
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

/** One file an elevated step copies into place: the staged path, the target, its mode and the bytes it must hold. */
export interface StagedCopy {
  readonly staged: string;
  readonly target: string;
  readonly mode: number;
  readonly expected: Uint8Array;
}

/**
 * The fixed elevated steps that put `copies` in place, and the undo for their failure, as argv:
 * each copy installed into a root-side temp beside its target, all temps checked by one
 * `sha256sum --check --status --strict -` reading one checksum list (a line per copy) on stdin
 * (a batch has one stdin), then each temp moved over its target; the undo removes the temps.
 * macOS has no sha256sum: there the check after the batch is the only one.
 */
export function elevatedInstallSteps(
  platform: NodeJS.Platform,
  copies: readonly StagedCopy[],
  suffix = randomBytes(6).toString('hex'),
): { commands: ElevatedCommand[]; rollback: ElevatedCommand[] } {
  const placed = copies.map((copy, i) => ({
    ...copy,
    temp: join(dirname(copy.target), `.${basename(copy.target)}.certbench-${suffix}${copies.length > 1 ? `-${i}` : ''}.tmp`),
  }));
  const checksums = placed.map((p) => `${createHash('sha256').update(p.expected).digest('hex')}  ${p.temp}\n`).join('');
  return {
    commands: [
      ...placed.map((p) => ({ file: '/usr/bin/install', args: ['-m', (p.mode & 0o777).toString(8).padStart(4, '0'), p.staged, p.temp] })),
      ...(platform === 'linux' && placed.length > 0 ? [{ file: SHA256SUM, args: ['--check', '--status', '--strict', '-'], stdin: checksums }] : []),
      ...placed.map((p) => ({ file: '/bin/mv', args: ['-f', p.temp, p.target] })),
    ],
    rollback: placed.length === 0 ? [] : [{ file: '/bin/rm', args: ['-f', ...placed.map((p) => p.temp)] }],
  };
}

const SHA256SUM = '/usr/bin/sha256sum';

/**
 * A failed checksum step as the error it means: a staged file changed before the elevated copy,
 * and nothing was moved into place (the batch's rollback removed the temps). Other errors as they are.
 */
export function asStagedFileChanged(err: unknown, targets: readonly string[]): unknown {
  if (err instanceof CertbenchError && err.code === 'tool-failed' && err.message.startsWith(`${SHA256SUM} failed`)) {
    return new CertbenchError(
      'verification-failed',
      `${targets.join(', ')} ${targets.length === 1 ? 'was' : 'were'} left as ${targets.length === 1 ? 'it was' : 'they were'}: the staged file changed before the elevated copy (its SHA-256 is not the verified one)`,
      { cause: err },
    );
  }
  return err;
}

async function installElevated(elevator: Elevator, platform: NodeJS.Platform, staged: string, target: string, mode: number, expected: Uint8Array): Promise<void> {
  const { commands, rollback } = elevatedInstallSteps(platform, [{ staged, target, mode, expected }]);
  try {
    await elevator.run(commands, rollback);
  } catch (err) {
    throw asStagedFileChanged(err, [target]);
  }
}

/**
 * Where the staged files of `batch` end up, with the bytes each must hold: the targets of elevated
 * `install`/`cp` commands whose source is a staged file with known content, followed through a
 * later `mv` of that target (the root-side temp of a checked copy).
 */
function stagedCopies(batch: readonly ElevatedCommand[], staged: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  const expected = new Map<string, Uint8Array>();
  for (const command of batch) {
    const program = basename(command.file);
    if (command.args.length < 2) continue;
    const [source, target] = command.args.slice(-2) as [string, string];
    const content = COPY_PROGRAMS.has(program) ? staged.get(source) : program === 'mv' ? expected.get(source) : undefined;
    if (content === undefined) continue;
    if (program === 'mv') expected.delete(source);
    expected.set(target, content);
  }
  return expected;
}

/** The files the staged copies of `batch` put in place. */
export function copyTargets(batch: readonly ElevatedCommand[], staged: ReadonlyMap<string, Uint8Array>): string[] {
  return [...stagedCopies(batch, staged).keys()];
}

/** The targets of the staged copies of `batch` that do not hold the staged content after it ran (a file was swapped). */
export async function copiesNotLanded(batch: readonly ElevatedCommand[], staged: ReadonlyMap<string, Uint8Array>): Promise<string[]> {
  const wrong: string[] = [];
  for (const [target, content] of stagedCopies(batch, staged)) if (!(await holds(target, content))) wrong.push(target);
  return wrong;
}

const COPY_PROGRAMS = new Set(['install', 'cp']);

async function holds(path: string, bytes: Uint8Array): Promise<boolean> {
  const now = await readFile(path).catch(() => undefined);
  return now !== undefined && bytesEqual(new Uint8Array(now), bytes);
}
