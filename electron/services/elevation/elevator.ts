import { CertbenchError } from '../../../shared/errors.js';
import type { ProcessOutput } from '../process/process-runner.js';
import type { ServiceEnv } from '../service-env.js';
import { buildElevatedInvocation, validateElevatedCommands, type ElevatedCommand } from './elevated-command.js';

/** How long the user gets to answer the password / UAC dialog, plus the work itself. */
const ELEVATION_TIMEOUT_MS = 300_000;

/**
 * Runs fixed commands with administrator rights. When the process already has them (root on
 * Linux/macOS), it runs the same validated argv directly; otherwise one prompt covers the batch.
 * A cancelled or refused prompt throws `elevation-denied` before anything ran; a command that
 * fails stops the batch (`a && b`) and triggers the caller's rollback, so nothing is left half-done.
 */
export class Elevator {
  constructor(
    private readonly env: ServiceEnv,
    /** Whether this process already has the rights; detected from the effective uid by default. */
    readonly privileged: boolean = isPrivileged(env.platform),
  ) {}

  /** Runs `commands` in order; when one fails, runs `rollback` (best effort) before reporting the failure. */
  async run(commands: readonly ElevatedCommand[], rollback: readonly ElevatedCommand[] = []): Promise<void> {
    validateElevatedCommands(commands, this.env.platform);
    if (rollback.length > 0) validateElevatedCommands(rollback, this.env.platform);
    if (this.privileged) {
      for (const command of commands) {
        const out = await this.env.runner.run({
          file: command.file,
          args: command.args,
          env: this.env.env,
          ...(command.stdin === undefined ? {} : { input: command.stdin }),
        });
        if (out.exitCode === 0) continue;
        for (const undo of rollback) await this.env.runner.run({ file: undo.file, args: undo.args, env: this.env.env }).catch(() => undefined);
        throw failure(command.file, out);
      }
      return;
    }
    const request = buildElevatedInvocation(commands, this.env.platform, rollback);
    const out = await this.env.runner.run({
      ...request,
      env: { ...this.env.env, ...request.env },
      timeoutMs: ELEVATION_TIMEOUT_MS,
    });
    if (out.exitCode === 0) return;
    const denied = elevationDenied(this.env.platform, out);
    if (denied) throw new CertbenchError('elevation-denied', denied);
    throw failure(commands.map((c) => c.file).join(', '), out);
  }
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
