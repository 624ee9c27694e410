import { CertbenchError } from '../../../shared/errors.js';

/**
 * The only characters an elevated command line may hold on macOS and Linux. The elevation
 * front-ends (pkexec + sh, osascript's `do shell script`) pass one string through a shell, so
 * nothing a user typed (names, aliases, paths) may reach them: only fixed programs and flags and
 * app-generated paths, all of which fit this set (docs/trust-stores.md §6).
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
