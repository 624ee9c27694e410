import { CertbenchError } from '../../../shared/errors.js';
import { assertSafeToken } from './safe-token.js';

/** One fixed program run with elevated rights, over validated arguments. */
export interface ElevatedCommand {
  readonly file: string;
  readonly args: readonly string[];
  /**
   * A checksum list (`HEX  PATH` lines, sha256sum's format) on the command's stdin: the one way
   * an elevated step learns the digest the bytes it copied must have: it travels inside the batch
   * (the elevated runner's own argv) and the runner pipes it to this command only, never through a
   * file another process could change. At most one command of a batch has it.
   */
  readonly stdin?: string;
}

/** sha256sum check lines over validated paths, nothing else. */
const CHECKSUM_LINE = /^[0-9a-f]{64} {2}(\S+)$/;

/**
 * Programs Certbench ever elevates, by base name. Anything else is refused, so a bug elsewhere
 * cannot turn the elevation prompt into a general "run as root".
 */
const ALLOWED_PROGRAMS = new Set([
  'cp',
  'mv',
  'rm',
  'install',
  'mkdir',
  'update-ca-certificates',
  'update-ca-trust',
  'trust',
  'keytool',
  'certutil',
  'certutil.exe',
  'security',
  'sha256sum',
]);

/** Checks every token of every command; throws `invalid-request` on the first unsafe one. */
export function validateElevatedCommands(commands: readonly ElevatedCommand[], platform: NodeJS.Platform): void {
  if (commands.length === 0) throw new CertbenchError('internal', 'Nothing to elevate');
  for (const command of commands) {
    const base = command.file.split(/[\\/]/).pop() ?? '';
    const absolute = platform === 'win32' ? /^[A-Za-z]:\\/.test(command.file) || !/[\\/]/.test(command.file) : command.file.startsWith('/');
    if (!ALLOWED_PROGRAMS.has(base.toLowerCase()) || !absolute) {
      throw new CertbenchError('invalid-request', `Refusing to elevate ${JSON.stringify(command.file)}: not one of Certbench's fixed commands`);
    }
    assertSafeToken(command.file, platform);
    for (const arg of command.args) assertSafeToken(arg, platform);
    if (command.stdin !== undefined) validateChecksumList(command.stdin, platform);
  }
  if (commands.filter((c) => c.stdin !== undefined).length > 1) throw new CertbenchError('internal', 'Only one elevated command of a batch reads stdin');
}

function validateChecksumList(stdin: string, platform: NodeJS.Platform): void {
  const lines = stdin.endsWith('\n') ? stdin.slice(0, -1).split('\n') : undefined;
  // The runner hands it to its command on Linux and macOS alike, but only Linux is known to ship
  // sha256sum (macOS has shasum); UAC's jobs take no stdin.
  const paths = platform === 'linux' ? lines?.map((line) => CHECKSUM_LINE.exec(line)?.[1]) : undefined;
  if (!paths || paths.some((path) => path === undefined)) {
    throw new CertbenchError('invalid-request', 'Refusing to elevate: stdin of an elevated command may only be a checksum list');
  }
  for (const path of paths) assertSafeToken(path!, platform);
}
