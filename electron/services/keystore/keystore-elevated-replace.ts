import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { Elevator } from '../elevation/elevator.js';
import { assertSafeToken } from '../elevation/safe-token.js';

/**
 * Puts a verified staged copy in place of a store only an administrator may write (a JDK's
 * cacerts under /usr/lib/jvm or /Library/Java). The one elevated step is fixed:
 * `install -m MODE staged DIR/.NAME.certbench-X.tmp && mv -f that STORE`, over app-generated
 * paths and the store's own path, all checked by the elevation module's token rules; if the
 * move fails the temp file is removed. Windows stores under Program Files are not handled here
 * (no POSIX install/mv): the caller reports that the app must run as administrator.
 */
export async function replaceElevated(elevator: Elevator, platform: NodeJS.Platform, staged: string, target: string, mode: number): Promise<void> {
  if (platform === 'win32') {
    throw new CertbenchError('permission-denied', `${target} needs administrator rights: run Certbench as administrator to change it`);
  }
  try {
    assertSafeToken(target, platform);
  } catch {
    throw new CertbenchError(
      'permission-denied',
      `${target} needs administrator rights, and its path has characters Certbench never puts in an elevated command; edit a copy instead`,
    );
  }
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
