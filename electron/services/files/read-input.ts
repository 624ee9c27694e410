import { open, stat } from 'node:fs/promises';
import { CertbenchError } from '../../../shared/errors.js';
import { LIMITS } from '../../../shared/ipc/limits.js';
import { kindOf } from './file-kind.js';

/**
 * Reads a file a user pointed at, read-only, with the checks that give each bad input its own
 * message: missing, a directory, empty, over the size cap, unreadable.
 */
export async function readInputFile(path: string, maxBytes: number = LIMITS.maxInputBytes): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (info.isDirectory()) throw new CertbenchError('is-directory', `${path} is a directory, not a file`);
  // A FIFO or device reports size 0 (or blocks forever when read): name what it is instead.
  if (!info.isFile()) throw new CertbenchError('not-a-file', `${path} is ${kindOf(info)}, not a file`);
  if (info.size > maxBytes) {
    throw new CertbenchError('too-large', `${path} is ${info.size} bytes; Certbench opens files up to ${maxBytes} bytes`);
  }
  if (info.size === 0) throw new CertbenchError('empty-input', `${path} is empty`);
  let handle;
  try {
    handle = await open(path, 'r');
    const bytes = new Uint8Array(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return bytes.subarray(0, bytesRead);
  } catch (err) {
    throw fsError(err, path);
  } finally {
    await handle?.close();
  }
}

/** Maps Node's fs error codes to Certbench's, with the path in the message. */
export function fsError(err: unknown, path: string): CertbenchError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CertbenchError('not-found', `${path} does not exist`, { cause: err });
  if (code === 'EACCES' || code === 'EPERM') {
    return new CertbenchError('permission-denied', `${path} cannot be accessed: permission denied`, { cause: err });
  }
  if (code === 'EISDIR') return new CertbenchError('is-directory', `${path} is a directory, not a file`, { cause: err });
  if (code === 'ENAMETOOLONG') return new CertbenchError('name-too-long', `${path} is too long a path or file name for this system; choose a shorter one`, { cause: err });
  if (code === 'ENOTDIR') return new CertbenchError('not-found', `${path}: a part of this path is a file, not a directory`, { cause: err });
  if (code === 'ENOSPC') return new CertbenchError('io', `${path} could not be written: the disk is full`, { cause: err });
  if (code === 'EROFS') return new CertbenchError('permission-denied', `${path} is on a read-only filesystem`, { cause: err });
  if (code === 'ELOOP') return new CertbenchError('not-a-file', `${path} is a symbolic link, which Certbench does not follow here`, { cause: err });
  return new CertbenchError('io', `${path}: ${(err as Error).message}`, { cause: err });
}
