import { access, chmod, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { fsError } from '../files/read-input.js';

export interface WriteOptions {
  /** 0o600 for keys and PFX files; 0o644 for public material. */
  readonly mode: number;
  /** Replace an existing file; without it an existing file is a `conflict` error and stays as it was. */
  readonly overwrite?: boolean;
}

/**
 * Writes a file created with its final mode (never world-readable, not even for an instant). A new
 * file is opened with O_EXCL; a replacement is written beside the target and renamed over it, so a
 * failure leaves the old file intact.
 */
export async function writeNewFile(path: string, data: string | Uint8Array, options: WriteOptions): Promise<void> {
  const target = options.overwrite ? join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`) : path;
  let handle;
  try {
    handle = await open(target, 'wx', options.mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CertbenchError('conflict', `${path} already exists; choose another name or allow overwriting`, { cause: err });
    }
    throw fsError(err, path);
  }
  try {
    await handle.writeFile(data);
    // The umask may have cleared bits of `mode`; set it exactly.
    await handle.chmod(options.mode);
    await handle.close();
    if (options.overwrite) {
      await rename(target, path);
      await chmod(path, options.mode);
    }
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(target, { force: true });
    throw fsError(err, path);
  }
}

/** Refuses before anything is written when one of several outputs already exists. */
export async function assertAbsent(paths: readonly string[]): Promise<void> {
  for (const p of paths) {
    const exists = await access(p).then(
      () => true,
      () => false,
    );
    if (exists) throw new CertbenchError('conflict', `${p} already exists; choose another folder or allow overwriting`);
  }
}
