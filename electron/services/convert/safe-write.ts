import { randomUUID } from 'node:crypto';
import { chmod, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { fsError } from '../files/read-input.js';

/** 0600 for anything holding a private key (issue 6: key files are owner-only), 0644 otherwise. */
export const KEY_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

export interface WriteOptions {
  readonly mode: number;
  readonly overwrite: boolean;
  /** Paths of the inputs: an output never replaces one of them, even with `overwrite`. */
  readonly inputs: readonly string[];
}

/**
 * Writes a whole file or nothing: a temp file beside the target (created exclusively, mode set
 * before any byte is written) is renamed over it, so a failure never leaves a half-written file and
 * inputs are never touched.
 */
export async function writeOutputFile(path: string, bytes: Uint8Array, options: WriteOptions): Promise<void> {
  const target = resolve(path);
  const real = await realpath(target).catch(() => target);
  const inputs = await Promise.all(options.inputs.map((p) => realpath(resolve(p)).catch(() => resolve(p))));
  if (inputs.includes(real)) throw new CertbenchError('conflict', `${path} is one of the inputs; choose another output file`);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new CertbenchError('is-directory', `${path} is a directory`);
  if (existing && !options.overwrite) throw new CertbenchError('conflict', `${path} already exists; choose another name or allow overwriting`);
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, bytes, { mode: options.mode, flag: 'wx' });
    await chmod(temp, options.mode);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw fsError(err, path);
  }
}
