import { CertbenchError } from '../../../shared/errors.js';
import { quoteForDisplay } from '../../../shared/model/trust-plan-text.js';
import type { ProcessRequest } from '../process/process-runner.js';
import { encodeBatch, type ElevatedBatch } from './elevated-batch.js';
import { validateElevatedCommands } from './elevated-command.js';

/** The elevated runner: `script` (the bundled elevated-runner.cjs) run by `node`, this process's own binary. */
export interface ElevatedRunner {
  readonly node: string;
  readonly script: string;
}

/**
 * Constant AppleScript: osascript has no way to elevate an argv, only `do shell script`, so the
 * script builds that line from its own arguments with `quoted form of` over each (single quotes,
 * embedded quotes escaped by AppleScript itself): our code puts nothing into the script's text.
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
 * `pkexec env ELECTRON_RUN_AS_NODE=1 NODE RUNNER BATCH`, on macOS osascript's constant script
 * with that same argv, on Windows PowerShell Start-Process -Verb RunAs. Every token is validated
 * first (and again by the runner). The runner runs the rollback when a command fails; Windows
 * jobs are single certutil calls, which change nothing on failure.
 */
export function buildElevatedInvocation(batch: ElevatedBatch, platform: NodeJS.Platform, runner?: ElevatedRunner): ProcessRequest {
  validateElevatedCommands(batch.commands, platform);
  if (batch.rollback.length > 0) validateElevatedCommands(batch.rollback, platform);
  if (platform === 'win32') {
    return {
      file: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_ELEVATE_SCRIPT],
      env: { CB_ELEVATED_JOB: JSON.stringify(batch.commands.map((c) => ({ file: c.file, args: c.args }))) },
    };
  }
  if (runner === undefined) throw new CertbenchError('internal', 'No elevated runner to run the batch');
  const [file, ...args] = posixArgv(platform, runner, encodeBatch(batch));
  return { file: file!, args };
}

/**
 * The invocation as the plan shows it: the fixed program line, with a placeholder where the batch
 * goes (the plan lists those steps itself).
 */
export function describeInvocation(platform: NodeJS.Platform, runner: ElevatedRunner): string {
  if (platform === 'win32') {
    return "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command '<Certbench's constant UAC script>', each step as JSON in CB_ELEVATED_JOB";
  }
  return posixArgv(platform, runner, BATCH_PLACEHOLDER).map((arg) => (arg === BATCH_PLACEHOLDER ? arg : quoteForDisplay(arg))).join(' ');
}

const BATCH_PLACEHOLDER = '<the [admin] steps as JSON>';

/**
 * The front-end's argv around the runner. pkexec clears the environment and osascript's shell
 * gets its own, so `env` puts ELECTRON_RUN_AS_NODE back as an argument: Electron's binary then
 * runs the script as Node; plain Node (the CLI) ignores the variable. The batch is one argv item:
 * the root-side process reads it from its own argv, which no other user process can change.
 */
function posixArgv(platform: NodeJS.Platform, runner: ElevatedRunner, batch: string): string[] {
  const argv = ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', runner.node, runner.script, batch];
  if (platform === 'darwin') return ['/usr/bin/osascript', ...MACOS_ELEVATE_SCRIPT.flatMap((line) => ['-e', line]), ...argv];
  return ['/usr/bin/pkexec', ...argv];
}
