import { stat } from 'node:fs/promises';
import { CertbenchError } from '../../shared/errors.js';

/**
 * Checks that an output directory given on the command line exists, so the error names the
 * directory and its option instead of the first file the command would have written in it.
 */
export async function assertDirectory(dir: string, option: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (found === undefined) throw new CertbenchError('not-found', `directory ${dir} does not exist: create it, or give an existing one with ${option}`);
  if (!found.isDirectory()) throw new CertbenchError('invalid-request', `${dir} is not a directory: give a directory with ${option}`);
}
