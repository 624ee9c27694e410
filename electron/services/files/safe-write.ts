import { constants } from 'node:fs';
import { link, lstat, mkdtemp, open, readdir, realpath, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { kindOf } from './file-kind.js';
import { fsError } from './read-input.js';

/** Owner-only: private keys, PFX files, keystores holding private keys. */
const SECRET_FILE_MODE = 0o600;
const PUBLIC_FILE_MODE = 0o644;

/** Most filesystems (ext4, APFS, NTFS) limit one name to 255 bytes. */
const MAX_NAME_BYTES = 255;

export interface OutputFile {
  readonly path: string;
  readonly bytes: Uint8Array | string;
  /** Holds a private key: a new file is 0600 and a replaced file keeps only its owner bits. */
  readonly secret?: boolean;
}

export interface WriteOptions {
  /** Replace existing files; without it an existing file is a `conflict` and nothing is written. */
  readonly overwrite?: boolean;
  /** Files the operation read: an output never replaces one of them, even with `overwrite`. */
  readonly inputs?: readonly string[];
}

/** What an existing file at a target looked like, kept for its replacement. */
interface Existing {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/**
 * Writes one file whole or not at all; see `writeFilesAllOrNothing`.
 */
export async function writeFileSafely(path: string, bytes: Uint8Array | string, options: WriteOptions & { secret?: boolean } = {}): Promise<void> {
  await writeFilesAllOrNothing([{ path, bytes, ...(options.secret ? { secret: true } : {}) }], options);
}

/**
 * The one way Certbench writes an output. Every target is checked before anything is written
 * (folder exists, name fits, not a link/directory/FIFO/device, not an input, absent unless
 * overwriting). Each file is created exclusively (O_EXCL|O_NOFOLLOW) inside a fresh 0700 folder
 * beside its target, so no other user can plant or redirect the temp name; it gets its final mode
 * and the replaced file's owner before it becomes visible, is fsynced, then linked (new file:
 * fails if one appeared meanwhile) or renamed (replacement; rename never follows a link at the
 * target). When a later file fails, earlier ones are put back as they were.
 */
export async function writeFilesAllOrNothing(files: readonly OutputFile[], options: WriteOptions = {}): Promise<void> {
  const targets = files.map((f) => resolve(f.path));
  if (new Set(targets).size !== targets.length) throw new CertbenchError('conflict', 'Two outputs have the same path; choose different names');
  const inputs = await Promise.all((options.inputs ?? []).map((p) => realpath(resolve(p)).catch(() => resolve(p))));
  const existing: (Existing | undefined)[] = [];
  for (const [i, file] of files.entries()) existing.push(await checkTarget(file.path, targets[i]!, inputs, options.overwrite ?? false));
  const staged: StagedFile[] = [];
  try {
    for (const [i, file] of files.entries()) {
      staged.push(await stageFile(targets[i]!, file.bytes, modeFor(file.secret ?? false, existing[i]), existing[i]));
    }
    await commitAll(staged, files.map((f) => f.path));
  } finally {
    await Promise.all(staged.map((s) => s.temp.remove()));
  }
}

/** Checks targets as a write would, without writing: for work that must not start when an output would be refused. */
export async function assertWritable(paths: readonly string[], options: WriteOptions = {}): Promise<void> {
  const inputs = await Promise.all((options.inputs ?? []).map((p) => realpath(resolve(p)).catch(() => resolve(p))));
  for (const path of paths) await checkTarget(path, resolve(path), inputs, options.overwrite ?? false);
}

/** Returns what an existing target looks like, or undefined when it is absent; throws when it may not be written. */
async function checkTarget(shown: string, target: string, inputs: readonly string[], overwrite: boolean): Promise<Existing | undefined> {
  const name = basename(target);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw new CertbenchError('name-too-long', `The file name ${JSON.stringify(`${name.slice(0, 40)}…`)} is ${Buffer.byteLength(name)} bytes long; names may have at most ${MAX_NAME_BYTES}`);
  }
  await assertDirectory(dirname(target));
  const info = await lstat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fsError(err, shown);
  });
  if (!info) return undefined;
  if (info.isSymbolicLink()) {
    const to = await realpath(target).catch(() => 'a missing file');
    throw new CertbenchError('not-a-file', `${shown} is a symbolic link (to ${to}); Certbench does not write through links: name the file itself`);
  }
  if (info.isDirectory()) throw new CertbenchError('is-directory', `${shown} is a directory, not a file`);
  if (!info.isFile()) throw new CertbenchError('not-a-file', `${shown} is ${kindOf(info)}, not a file`);
  if (inputs.includes(target)) throw new CertbenchError('conflict', `${shown} is one of the inputs; choose another output file`);
  if (!overwrite) throw new CertbenchError('conflict', `${shown} already exists; choose another name or allow overwriting`);
  return { mode: info.mode & 0o777, uid: info.uid, gid: info.gid };
}

/** `directory X does not exist` instead of a bare ENOENT when the folder of an output is missing. */
async function assertDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new CertbenchError('not-found', `The directory ${dir} does not exist; create it first or choose another folder`, { cause: err });
    throw fsError(err, dir);
  });
  if (!info.isDirectory()) throw new CertbenchError('not-a-file', `${dir} is not a directory`);
}

function modeFor(secret: boolean, existing: Existing | undefined): number {
  if (!existing) return secret ? SECRET_FILE_MODE : PUBLIC_FILE_MODE;
  return secret ? existing.mode & 0o700 : existing.mode;
}

/**
 * A fresh 0700 folder beside a target (same filesystem, so the final rename is atomic), named
 * `.certbench-PID-XXXXXX`: a folder whose process is gone was left by a kill and is removed by the
 * next write into the same folder.
 */
export class PrivateTemp {
  private constructor(private readonly dir: string) {}

  static async beside(target: string): Promise<PrivateTemp> {
    const parent = dirname(target);
    await removeAbandonedTemps(parent);
    try {
      return new PrivateTemp(await mkdtemp(join(parent, `${TEMP_PREFIX}${process.pid}-`)));
    } catch (err) {
      throw fsError(err, parent);
    }
  }

  /** The path of a file inside; the name is fixed by Certbench, never the user's. */
  file(name: string): string {
    return join(this.dir, name);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

const TEMP_PREFIX = '.certbench-';

/** Removes `.certbench-PID-*` folders in `dir` whose process no longer runs. */
export async function removeAbandonedTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = /^\.certbench-(\d+)-[A-Za-z0-9]{6}$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processRuns(Number(pid))) continue;
    const path = join(dir, name);
    // Only folders Certbench made: a private directory, never a link someone planted.
    const info = await lstat(path).catch(() => undefined);
    if (info?.isDirectory()) await rm(path, { recursive: true, force: true });
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface StagedFile {
  readonly temp: PrivateTemp;
  readonly path: string;
  readonly target: string;
  readonly replaces: boolean;
}

async function stageFile(target: string, bytes: Uint8Array | string, mode: number, existing: Existing | undefined): Promise<StagedFile> {
  const temp = await PrivateTemp.beside(target);
  const path = temp.file('new');
  try {
    await createExclusive(path, bytes, mode, existing);
  } catch (err) {
    await temp.remove();
    throw fsError(err, target);
  }
  return { temp, path, target, replaces: existing !== undefined };
}

/**
 * Creates a file that must not exist yet (O_EXCL, and O_NOFOLLOW so a planted link is an error,
 * never a redirection), with its final mode and, as root, the given owner; fsynced.
 */
export async function createExclusive(path: string, bytes: Uint8Array | string, mode: number, owner?: { uid: number; gid: number }): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    await handle.writeFile(bytes);
    await settle(handle, mode, owner);
  } finally {
    await handle.close();
  }
}

/**
 * Sets a staged file's exact mode (the umask may have cleared bits) and the replaced file's owner
 * (possible only as root, which is when a root-run command must not hand a user's file to root),
 * then fsyncs it.
 */
async function settle(handle: FileHandle, mode: number, owner: { uid: number; gid: number } | undefined): Promise<void> {
  await handle.chmod(mode);
  if (owner && process.getuid?.() === 0) await handle.chown(owner.uid, owner.gid);
  await handle.sync();
}

/**
 * Gives a file written by another program (keytool) inside a private temp folder its final mode
 * and owner, refusing a link in its place.
 */
export async function settleFile(path: string, mode: number, owner?: { uid: number; gid: number }): Promise<void> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    await settle(handle, mode, owner);
  } finally {
    await handle.close();
  }
}

/** Puts a settled file at its target: a hard link for a new file (refused if one appeared), a rename otherwise. */
export async function installFile(path: string, target: string, replace: boolean): Promise<void> {
  if (replace) {
    await rename(path, target);
  } else {
    await link(path, target).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'EEXIST' ? new CertbenchError('conflict', `${target} appeared while Certbench was writing it; nothing was replaced`, { cause: err }) : err;
    });
    await unlink(path);
  }
  await syncDirectory(dirname(target));
}

async function commitAll(staged: readonly StagedFile[], shown: readonly string[]): Promise<void> {
  const done: { file: StagedFile; previous?: string }[] = [];
  try {
    for (const [i, file] of staged.entries()) {
      // Keep a replaced file reachable inside the private folder, to put it back if a later one fails.
      const previous = file.replaces && i < staged.length - 1 ? file.temp.file('previous') : undefined;
      if (previous) await link(file.target, previous);
      await installFile(file.path, file.target, file.replaces);
      done.push({ file, ...(previous ? { previous } : {}) });
    }
  } catch (err) {
    for (const { file, previous } of done.reverse()) {
      await (previous ? rename(previous, file.target) : unlink(file.target)).catch(() => undefined);
    }
    const failed = shown[done.length] ?? shown[0]!;
    throw err instanceof CertbenchError ? err : fsError(err, failed);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
