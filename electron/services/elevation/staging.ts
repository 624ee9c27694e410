import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSafeToken } from './safe-token.js';

/**
 * A private (0700) temp directory for files an elevated command copies into place. On
 * macOS/Linux it lives in /tmp rather than $TMPDIR because macOS's per-user temp path may hold
 * characters the elevated command line does not accept.
 */
export async function createStagingDir(platform: NodeJS.Platform): Promise<string> {
  const dir = await mkdtemp(join(platform === 'win32' ? tmpdir() : '/tmp', 'certbench-'));
  assertSafeToken(dir, platform);
  return dir;
}

export async function removeStagingDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
