import { CertbenchError } from '../../../shared/errors.js';

/**
 * The only characters an elevated command may hold on macOS and Linux. Steps run as argv, but
 * macOS's front-end still passes one (quoted) line through `do shell script`, and an elevated
 * command must never carry what a user typed (names, aliases, paths): only fixed programs and
 * flags and app-generated paths, all of which fit this set (docs/trust-stores.md §6).
 */
const POSIX_SAFE = /^[A-Za-z0-9._/-]+$/;
/** Windows paths add the drive colon, backslashes and spaces (quoted by the constant script). */
const WINDOWS_SAFE = /^[A-Za-z0-9._:\\ /-]+$/;

/** Throws `invalid-request` unless `token` may appear in an elevated command on `platform`. */
export function assertSafeToken(token: string, platform: NodeJS.Platform): void {
  const pattern = platform === 'win32' ? WINDOWS_SAFE : POSIX_SAFE;
  const segments = token.split(/[\\/]/);
  if (!pattern.test(token) || segments.includes('..') || token.trim() !== token) {
    throw new CertbenchError(
      'invalid-request',
      `Refusing to elevate a command containing ${JSON.stringify(token)}: only fixed commands over app-generated paths are elevated`,
    );
  }
}
