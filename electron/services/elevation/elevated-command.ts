import { CertbenchError } from '../../../shared/errors.js';
import type { ProcessRequest } from '../process/process-runner.js';
import { assertSafeToken } from './safe-token.js';

/** One fixed program run with elevated rights, over validated arguments. */
export interface ElevatedCommand {
  readonly file: string;
  readonly args: readonly string[];
  /**
   * A checksum list (`HEX  PATH` lines, sha256sum's format) on the command's stdin: the one way
   * an elevated step learns the digest the bytes it copied must have, from this process's pipe
   * rather than from a file another process could change. At most one command of a batch has it.
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
  // Only pkexec is known to hand its stdin to the elevated commands (osascript's and UAC's are untested).
  const paths = platform === 'linux' ? lines?.map((line) => CHECKSUM_LINE.exec(line)?.[1]) : undefined;
  if (!paths || paths.some((path) => path === undefined)) {
    throw new CertbenchError('invalid-request', 'Refusing to elevate: stdin of an elevated command may only be a checksum list');
  }
  for (const path of paths) assertSafeToken(path!, platform);
}

/**
 * The commands as one `a b && c d` line, followed by `|| (undo; exit 1)` when there is something
 * to undo after a failure; safe only because every token passed validation.
 */
export function posixCommandLine(commands: readonly ElevatedCommand[], rollback: readonly ElevatedCommand[] = []): string {
  const line = (list: readonly ElevatedCommand[], joiner: string) => list.map((c) => [c.file, ...c.args].join(' ')).join(joiner);
  return rollback.length === 0 ? line(commands, ' && ') : `(${line(commands, ' && ')}) || (${line(rollback, '; ')}; exit 1)`;
}

/**
 * Constant PowerShell script that elevates each job with UAC (Start-Process -Verb RunAs). Jobs
 * arrive as JSON in CB_ELEVATED_JOB, never inside the script text. Arguments are wrapped in
 * double quotes, which validated tokens cannot contain. A cancelled UAC prompt surfaces as a
 * Win32Exception 1223 ("The operation was canceled by the user", docs/trust-stores.md §1), possibly
 * wrapped by Start-Process in an InvalidOperationException; both map to exit 1223.
 * Not run on a real Windows machine: tested here on its text and on the argv built around it.
 */
export const WINDOWS_ELEVATE_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'try {',
  '  foreach ($job in @($env:CB_ELEVATED_JOB | ConvertFrom-Json)) {',
  "    $line = (@($job.args) | ForEach-Object { '\"' + $_ + '\"' }) -join ' '",
  '    $p = Start-Process -FilePath $job.file -ArgumentList $line -Verb RunAs -Wait -PassThru -WindowStyle Hidden',
  '    if ($null -eq $p.ExitCode) { [Console]::Error.WriteLine("no exit code from $($job.file)"); exit 3 }',
  '    if ($p.ExitCode -ne 0) { [Console]::Error.WriteLine("$($job.file) exited with $($p.ExitCode)"); exit 4 }',
  '  }',
  '} catch {',
  '  $e = $_.Exception',
  '  if ($e.NativeErrorCode -eq 1223 -or ($e.InnerException -and $e.InnerException.NativeErrorCode -eq 1223)) { exit 1223 }',
  '  [Console]::Error.WriteLine($_)',
  '  exit 5',
  '}',
].join('\n');

/**
 * The one process that asks the user for rights and runs `commands`: pkexec + `sh -c` on Linux,
 * osascript `do shell script … with administrator privileges` on macOS, PowerShell
 * Start-Process -Verb RunAs on Windows. Every token is validated first. `rollback` runs when a
 * command fails (macOS/Linux; Windows jobs are single certutil calls, which change nothing on failure).
 */
export function buildElevatedInvocation(
  commands: readonly ElevatedCommand[],
  platform: NodeJS.Platform,
  rollback: readonly ElevatedCommand[] = [],
): ProcessRequest {
  validateElevatedCommands(commands, platform);
  if (rollback.length > 0) validateElevatedCommands(rollback, platform);
  if (platform === 'win32') {
    return {
      file: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_ELEVATE_SCRIPT],
      env: { CB_ELEVATED_JOB: JSON.stringify(commands.map((c) => ({ file: c.file, args: c.args }))) },
    };
  }
  const line = posixCommandLine(commands, rollback);
  if (platform === 'darwin') {
    // Validated tokens hold no `"` or `\`, so the AppleScript string literal needs no escaping.
    return { file: '/usr/bin/osascript', args: ['-e', `do shell script "${line}" with administrator privileges`] };
  }
  // pkexec hands its stdin to sh, whose commands inherit it: only the checksum reader reads it.
  const stdin = commands.find((c) => c.stdin !== undefined)?.stdin;
  return { file: '/usr/bin/pkexec', args: ['/bin/sh', '-c', line], ...(stdin === undefined ? {} : { input: stdin }) };
}
