import { CertbenchError } from '../../../shared/errors.js';
import type { Elevator } from '../elevation/elevator.js';
import { assertSafeToken } from '../elevation/safe-token.js';
import { copyElevatedVerified, type ElevatedCopy } from '../elevation/verified-copy.js';

/**
 * Puts a verified staged copy in place of a store only an administrator may write (a JDK's
 * cacerts under /usr/lib/jvm or /Library/Java) through the elevation module's checked copy, over
 * app-generated paths and the store's own path, all checked by the token rules. Windows stores
 * under Program Files are not handled here (no POSIX install/mv): the caller reports that the app
 * must run as administrator.
 */
export async function replaceElevated(elevator: Elevator, platform: NodeJS.Platform, copy: ElevatedCopy): Promise<void> {
  if (platform === 'win32') {
    throw new CertbenchError('permission-denied', `${copy.target} needs administrator rights: run Certbench as administrator to change it`);
  }
  try {
    assertSafeToken(copy.target, platform);
  } catch {
    throw new CertbenchError(
      'permission-denied',
      `${copy.target} needs administrator rights, and its path has characters Certbench never puts in an elevated command; edit a copy instead`,
    );
  }
  await copyElevatedVerified(elevator, platform, copy);
}
