import { randomBytes } from 'node:crypto';
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
 * Copies a staged file over a root-owned one with one fixed elevated step
 * (`install -m MODE staged DIR/.NAME.certbench-X.tmp && mv -f that TARGET`, temp removed on
 * failure), then checks the target holds exactly the verified bytes. The staged folder belongs to
 * the user, so another process of the same user could swap the file between the check and the
 * copy; a target that differs from what was verified is put back to its original bytes (staged
 * afresh and checked the same way) and the edit fails.
 */
export async function copyElevatedVerified(elevator: Elevator, platform: NodeJS.Platform, copy: ElevatedCopy): Promise<void> {
  await installElevated(elevator, copy.staged, copy.target, copy.mode);
  if (await holds(copy.target, copy.expected)) return;
  const staging = await createStagingDir(platform);
  let restored = false;
  try {
    const again = join(staging, 'original');
    await createExclusive(again, copy.original, 0o600);
    await installElevated(elevator, again, copy.target, copy.mode);
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

async function installElevated(elevator: Elevator, staged: string, target: string, mode: number): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.certbench-${randomBytes(6).toString('hex')}.tmp`);
  const octalMode = (mode & 0o777).toString(8).padStart(4, '0');
  await elevator.run(
    [
      { file: '/usr/bin/install', args: ['-m', octalMode, staged, temp] },
      { file: '/bin/mv', args: ['-f', temp, target] },
    ],
    [{ file: '/bin/rm', args: ['-f', temp] }],
  );
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
