import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { CertbenchError } from '../../../shared/errors.js';
import { fsError } from '../files/read-input.js';

export interface WalkOptions {
  /** Globs a file's path (relative to the folder given) must match; none means every file. A glob without `/` matches the file name. */
  readonly include?: readonly string[];
  /** Globs that leave out a file, or a whole folder when they match it. */
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
}

/** A place the walk could not go into or read; it goes on without it. */
export interface WalkProblem {
  readonly path: string;
  readonly error: CertbenchError;
}

export interface WalkResult {
  /** Full paths of the regular files found, in a stable order. */
  readonly files: string[];
  readonly problems: WalkProblem[];
}

type Matcher = (path: string) => boolean;

function matcher(globs: readonly string[] | undefined): Matcher | undefined {
  if (!globs || globs.length === 0) return undefined;
  return picomatch([...globs], { dot: true, basename: true });
}

/**
 * Every regular file under `roots` (a root may itself be a file), following symlinks but entering
 * each real directory once, so a link loop ends. FIFOs, sockets and devices are reported, not
 * opened: reading a FIFO would block the scan forever.
 */
export async function walkFolders(roots: readonly string[], options: WalkOptions = {}): Promise<WalkResult> {
  const include = matcher(options.include);
  const exclude = matcher(options.exclude);
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const visit = async (root: string, path: string): Promise<void> => {
    if (options.signal?.aborted) throw new CertbenchError('cancelled', 'The scan was cancelled');
    const rel = relative(root, path).split(sep).join('/');
    if (rel !== '' && exclude?.(rel)) return;
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      problems.push({ path, error: (err as NodeJS.ErrnoException).code === 'ENOENT' && path !== root ? danglingLink(path) : fsError(err, path) });
      return;
    }
    const identity = `${info.dev}:${info.ino}`;
    if (info.isDirectory()) {
      if (seenDirs.has(identity)) return;
      seenDirs.add(identity);
      let entries: Dirent[];
      try {
        entries = await readdir(path, { withFileTypes: true });
      } catch (err) {
        problems.push({ path, error: fsError(err, path) });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) await visit(root, join(path, entry.name));
      return;
    }
    if (!info.isFile()) {
      problems.push({ path, error: new CertbenchError('unsupported', `${path} is not a regular file (a FIFO, socket or device)`) });
      return;
    }
    if (rel !== '' && include && !include(rel)) return;
    if (seenFiles.has(identity)) return;
    seenFiles.add(identity);
    files.push(path);
  };

  for (const root of roots) {
    const full = resolve(root);
    await visit(full, full);
  }
  return { files, problems };
}

function danglingLink(path: string): CertbenchError {
  return new CertbenchError('not-found', `${path} is a symbolic link to something that does not exist`);
}
