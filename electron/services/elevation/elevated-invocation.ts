import { quoteForDisplay } from '../../../shared/model/trust-plan-text.js';
import type { ProcessRequest } from '../process/process-runner.js';
import { validateElevatedBatch, type ElevatedBatch } from './elevated-batch.js';
import type { ElevatedCommand } from './elevated-command.js';

/** `$0` of the elevated script: the name sh puts in front of its own messages. */
export const POSIX_SCRIPT_NAME = 'certbench-elevated';

/** Separates the steps from the rollback steps in the script's positional parameters. */
const ROLLBACK_MARKER = '--rollback';

/**
 * Constant POSIX sh script that runs a batch on Linux (after pkexec) and macOS (after osascript),
 * with only system programs on the root side. The steps arrive as positional parameters, never in
 * the script's text: each is `COUNT STDIN WORD…` (COUNT words, the program first; STDIN `stdin` for
 * the one step that reads the caller's stdin, `-` for the rest), then `--rollback` and the rollback
 * steps the same way. `check` refuses anything malformed before a step runs (exit 2): COUNT is
 * 1 to 3 digits without a leading zero, checked by `case` before any arithmetic uses it, the
 * program an absolute path (so no function or builtin of the script can be named), one `stdin`
 * step at most and never in the rollback. `run` keeps a step's COUNT words by rotating its own
 * positional parameters and runs them as `"$@"`: data is only ever expanded quoted, never
 * evaluated. The first failing step stops the batch, the rollback steps all run, and the script
 * exits 1 after the report `certbench-elevated: step INDEX exited CODE` followed by that step's
 * stderr (parseStepFailure); exit 0 when every step ran. A step's stdout goes to the script's.
 */
export const POSIX_ELEVATE_SCRIPT = [
  "refuse() { echo 'certbench-elevated: malformed steps, nothing ran' >&2; exit 2; }",
  'check() {',
  '  r= s=',
  '  while [ "$#" -gt 0 ]; do',
  '    if [ "$1" = --rollback ] && [ -z "$r" ]; then r=1; shift; continue; fi',
  "    case $1 in ''|*[!0-9]*|0*|????*) refuse;; esac",
  '    [ "$#" -ge "$(($1 + 2))" ] || refuse',
  '    case $2 in -) ;; stdin) [ -z "$r$s" ] || refuse; s=1;; *) refuse;; esac',
  '    case $3 in /*) ;; *) refuse;; esac',
  '    shift "$(($1 + 2))"',
  '  done',
  '  [ -n "$r" ] || refuse',
  '}',
  'run() {',
  '  n=$1 i=$2',
  '  shift 2',
  '  k=0',
  '  while [ "$k" -lt "$n" ]; do w=$1; shift; set -- "$@" "$w"; k=$((k + 1)); done',
  '  shift "$(($# - n))"',
  '  if [ "$i" = stdin ]; then "$@"; else "$@" </dev/null; fi',
  '}',
  'check "$@"',
  'exec 3>&1',
  'step=0',
  'while [ "$1" != --rollback ]; do',
  '  err=$(run "$@" 2>&1 >&3 3>&-)',
  '  code=$?',
  '  if [ "$code" -ne 0 ]; then',
  '    while [ "$1" != --rollback ]; do shift "$(($1 + 2))"; done',
  '    shift',
  '    while [ "$#" -gt 0 ]; do run "$@"; shift "$(($1 + 2))"; done',
  "    printf 'certbench-elevated: step %s exited %s\\n%s\\n' \"$step\" \"$code\" \"$err\" >&2",
  '    exit 1',
  '  fi',
  '  shift "$(($1 + 2))"',
  '  step=$((step + 1))',
  'done',
].join('\n');

/** The script's exit code when a step failed and the rollback ran. */
export const SCRIPT_STEP_FAILED = 1;

/**
 * Constant AppleScript: osascript has no way to elevate an argv, only `do shell script`, so the
 * script builds that line from its own arguments with `quoted form of` over each (single quotes,
 * embedded quotes escaped by AppleScript itself): our code puts nothing into the script's text.
 * The arguments are `/bin/sh -c POSIX_ELEVATE_SCRIPT certbench-elevated STEP…`, so the shell that
 * parses the line only unquotes them back into the same argv.
 */
export const MACOS_ELEVATE_SCRIPT = [
  'on run argv',
  'set commandLine to ""',
  'repeat with i from 1 to count of argv',
  'set commandLine to commandLine & quoted form of (item i of argv) & " "',
  'end repeat',
  'do shell script commandLine with administrator privileges',
  'end run',
] as const;

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
 * The one process that asks the user for rights and runs the batch: on Linux
 * `pkexec /bin/sh -c POSIX_ELEVATE_SCRIPT certbench-elevated STEP…` with the checksum list as
 * pkexec's stdin, on macOS osascript's constant script over that same sh argv, on Windows
 * PowerShell Start-Process -Verb RunAs. Every token is validated first. The script runs the
 * rollback when a command fails; Windows jobs are single certutil calls, which change nothing on failure.
 */
export function buildElevatedInvocation(batch: ElevatedBatch, platform: NodeJS.Platform): ProcessRequest {
  validateElevatedBatch(batch, platform);
  if (platform === 'win32') {
    return {
      file: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_ELEVATE_SCRIPT],
      env: { CB_ELEVATED_JOB: JSON.stringify(batch.commands.map((c) => ({ file: c.file, args: c.args }))) },
    };
  }
  const [file, ...args] = posixArgv(platform, POSIX_ELEVATE_SCRIPT, encodeSteps(batch));
  // pkexec hands its stdin to the script, which gives it to the checksum step only. osascript has
  // no stdin to give, and macOS batches have no checksum step (validateElevatedCommands).
  const stdin = platform === 'linux' ? batch.commands.find((c) => c.stdin !== undefined)?.stdin : undefined;
  return { file: file!, args, ...(stdin === undefined ? {} : { input: stdin }) };
}

/**
 * The batch as the script's positional parameters: each command as `COUNT STDIN FILE ARG…`, then
 * `--rollback` and the rollback commands the same way.
 */
export function encodeSteps(batch: ElevatedBatch): string[] {
  const step = (c: ElevatedCommand) => [String(1 + c.args.length), c.stdin === undefined ? '-' : 'stdin', c.file, ...c.args];
  return [...batch.commands.flatMap(step), ROLLBACK_MARKER, ...batch.rollback.flatMap(step)];
}

/**
 * The invocation as the plan shows it: the fixed program line, the constant script by name and a
 * placeholder where the steps go (the plan lists those steps itself).
 */
export function describeInvocation(platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    return "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command '<Certbench's constant UAC script>', each step as JSON in CB_ELEVATED_JOB";
  }
  const shown = posixArgv(platform, SCRIPT_SHOWN, [STEPS_SHOWN]);
  return shown.map((arg) => (arg === SCRIPT_SHOWN || arg === STEPS_SHOWN ? arg : quoteForDisplay(arg))).join(' ');
}

const SCRIPT_SHOWN = "<Certbench's fixed elevation script>";
const STEPS_SHOWN = '<each [admin] step as: word count, stdin or -, program, arguments> --rollback <each step run if one fails, the same way>';

/** The argv that starts sh with `script` over `steps`, through pkexec, or through osascript's constant script. */
function posixArgv(platform: NodeJS.Platform, script: string, steps: readonly string[]): string[] {
  const argv = ['/bin/sh', '-c', script, POSIX_SCRIPT_NAME, ...steps];
  if (platform === 'darwin') return ['/usr/bin/osascript', ...MACOS_ELEVATE_SCRIPT.flatMap((line) => ['-e', line]), ...argv];
  return ['/usr/bin/pkexec', ...argv];
}

/** A failed step as the script reports it on stderr (its index into the batch's commands, exit code and stderr); undefined when absent. */
export function parseStepFailure(stderr: string): { index: number; exitCode: number; stderr: string } | undefined {
  const reports = [...stderr.matchAll(STEP_FAILED_LINE)];
  const last = reports.at(-1);
  if (last === undefined) return undefined;
  return { index: Number(last[1]), exitCode: Number(last[2]), stderr: stderr.slice(last.index + last[0].length) };
}

const STEP_FAILED_LINE = /(?:^|\n)certbench-elevated: step (\d+) exited (\d+)\n/g;
