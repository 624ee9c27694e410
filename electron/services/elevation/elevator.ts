import { existsSync } from 'node:fs';
import { CertbenchError } from '../../../shared/errors.js';
import type { ProcessOutput } from '../process/process-runner.js';
import type { ServiceEnv } from '../service-env.js';
import { runBatch, type BatchFailure, type ElevatedBatch } from './elevated-batch.js';
import { validateElevatedCommands, type ElevatedCommand } from './elevated-command.js';
import { buildElevatedInvocation, describeInvocation } from './elevated-invocation.js';
import { RUNNER_STEP_FAILED } from './elevated-runner.js';

/** How long the user gets to answer the password / UAC dialog, plus the work itself. */
const ELEVATION_TIMEOUT_MS = 300_000;

/**
 * Runs fixed commands with administrator rights. When the process already has them (root on
 * Linux/macOS), it runs the validated argv directly; otherwise one prompt covers the batch, which
 * the elevated runner (elevated-runner.ts) runs the same way on the other side. A cancelled or
 * refused prompt throws `elevation-denied` before anything ran; a command that fails stops the
 * batch and triggers the caller's rollback, so nothing is left half-done.
 */
export class Elevator {
  constructor(
    private readonly env: ServiceEnv,
    /** Whether this process already has the rights; detected from the effective uid by default. */
    readonly privileged: boolean = isPrivileged(env.platform),
  ) {}

  /** Runs `commands` in order; when one fails, runs `rollback` (best effort) before reporting the failure. */
  async run(commands: readonly ElevatedCommand[], rollback: readonly ElevatedCommand[] = []): Promise<void> {
    const batch: ElevatedBatch = { commands, rollback };
    validateElevatedCommands(commands, this.env.platform);
    if (rollback.length > 0) validateElevatedCommands(rollback, this.env.platform);
    if (this.privileged) {
      const failed = await runBatch(this.env.runner, batch, this.env.env);
      if (failed) throw failed.error ?? stepFailure(commands, failed);
      return;
    }
    // Windows elevates each job through a constant PowerShell script, without the runner.
    const runner = this.env.platform === 'win32' ? undefined : { node: process.execPath, script: this.#runnerScript() };
    const request = buildElevatedInvocation(batch, this.env.platform, runner);
    const out = await this.env.runner.run({
      ...request,
      env: { ...this.env.env, ...request.env },
      timeoutMs: ELEVATION_TIMEOUT_MS,
    });
    if (out.exitCode === 0) return;
    const denied = elevationDenied(this.env.platform, out);
    if (denied) throw new CertbenchError('elevation-denied', denied);
    const failed = out.exitCode === RUNNER_STEP_FAILED ? runnerFailure(out) : undefined;
    if (failed && commands[failed.index]) throw stepFailure(commands, failed);
    throw failure(commands.map((c) => c.file).join(', '), out);
  }

  /** The program line that will ask for the rights and run the batch, for the plan; undefined when no prompt is needed. */
  describeInvocation(): string | undefined {
    if (this.privileged) return undefined;
    return describeInvocation(this.env.platform, { node: process.execPath, script: this.env.elevatedRunner ?? 'elevated-runner.cjs' });
  }

  #runnerScript(): string {
    const mount = this.env.env.APPDIR;
    // pkexec's root process cannot read an AppImage's FUSE mount (docs/trust-stores.md §6): say so
    // before the prompt rather than let `env` exit 126, which reads as a cancelled prompt.
    if (this.env.env.APPIMAGE && mount && process.execPath.startsWith(mount)) {
      throw new CertbenchError(
        'unsupported',
        "Administrator steps cannot run from the AppImage: root may not read the AppImage's mount. Install the .deb package, or make the same change with the certbench CLI",
      );
    }
    const script = this.env.elevatedRunner;
    if (script === undefined || !existsSync(script)) {
      throw new CertbenchError('internal', `The elevated runner ${script ?? 'elevated-runner.cjs'} is missing: this build of Certbench is incomplete (npm run build writes it)`);
    }
    return script;
  }
}

/** The runner's report of the step that failed (exit 1, one JSON line on stdout), with the step's own stderr. */
function runnerFailure(out: ProcessOutput): BatchFailure | undefined {
  const line = out.stdout.trim().split('\n').pop() ?? '';
  try {
    const report = JSON.parse(line) as { failed?: unknown; exitCode?: unknown };
    if (typeof report.failed !== 'number' || typeof report.exitCode !== 'number') return undefined;
    return { index: report.failed, out: { exitCode: report.exitCode, stdout: '', stderr: out.stderr } };
  } catch {
    return undefined;
  }
}

/** The failure of one command, named by its program: the same message with or without a prompt. */
function stepFailure(commands: readonly ElevatedCommand[], failed: BatchFailure): CertbenchError {
  return failure(commands[failed.index]!.file, failed.out);
}

/** Root on POSIX. Windows admin tokens cannot be read cheaply, so Windows always asks UAC. */
export function isPrivileged(platform: NodeJS.Platform): boolean {
  return platform !== 'win32' && typeof process.geteuid === 'function' && process.geteuid() === 0;
}

/**
 * The message for a prompt the user cancelled or the system refused, or undefined for any
 * other failure. pkexec: 126 = dialog dismissed, 127 = not authorized / no polkit agent
 * (pkexec(1)); osascript: `User canceled. (-128)`; our Windows script: 1223 (UAC cancelled).
 */
export function elevationDenied(platform: NodeJS.Platform, out: ProcessOutput): string | undefined {
  if (platform === 'linux' && out.exitCode === 126) return 'Administrator authorization was cancelled; nothing was changed';
  if (platform === 'linux' && out.exitCode === 127) {
    return 'Administrator authorization was refused or no polkit authentication agent is running; nothing was changed';
  }
  if (platform === 'darwin' && /-128\)|User canceled/i.test(out.stderr)) return 'Administrator authorization was cancelled; nothing was changed';
  if (platform === 'win32' && out.exitCode === 1223) return 'The Windows UAC prompt was cancelled; nothing was changed';
  return undefined;
}

function failure(what: string, out: ProcessOutput): CertbenchError {
  const detail = (out.stderr.trim() || out.stdout.trim()).split('\n')[0] ?? '';
  return new CertbenchError('tool-failed', `${what} failed (exit ${out.exitCode})${detail ? `: ${detail}` : ''}`);
}
