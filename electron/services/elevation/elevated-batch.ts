import { CertbenchError } from '../../../shared/errors.js';
import type { ProcessOutput, ProcessRunner } from '../process/process-runner.js';
import { validateElevatedCommands, type ElevatedCommand } from './elevated-command.js';

/** What one elevated prompt runs: `commands` in order, and `rollback` when one of them fails. */
export interface ElevatedBatch {
  readonly commands: readonly ElevatedCommand[];
  readonly rollback: readonly ElevatedCommand[];
}

/** Checks both lists of the batch with the elevation rules; a rollback command reads no stdin. */
export function validateElevatedBatch(batch: ElevatedBatch, platform: NodeJS.Platform): void {
  validateElevatedCommands(batch.commands, platform);
  if (batch.rollback.length > 0) validateElevatedCommands(batch.rollback, platform);
  if (batch.rollback.some((c) => c.stdin !== undefined)) throw new CertbenchError('internal', 'A rollback command reads no stdin');
}

/**
 * The first command that failed (by index into `commands`) and its output, or the error that kept
 * it from running (missing program, timeout); rollback has run.
 */
export interface BatchFailure {
  readonly index: number;
  readonly out: ProcessOutput;
  readonly error?: unknown;
}

/**
 * Runs each command as its own process with argv (no shell), stopping at the first that fails
 * and then running every rollback command (best effort). The checksum list goes to the stdin of
 * its own command only; every other command gets none. What the Elevator runs when it already
 * has the rights; the constant elevation script (elevated-invocation.ts) does the same after a prompt.
 */
export async function runBatch(runner: ProcessRunner, batch: ElevatedBatch, env: NodeJS.ProcessEnv): Promise<BatchFailure | undefined> {
  for (const [index, command] of batch.commands.entries()) {
    let failure: BatchFailure | undefined;
    try {
      const out = await runner.run({ file: command.file, args: command.args, env, ...(command.stdin === undefined ? {} : { input: command.stdin }) });
      if (out.exitCode !== 0) failure = { index, out };
    } catch (error) {
      // Reported like a shell reports a program it could not run (127), with the reason.
      failure = { index, out: { exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) }, error };
    }
    if (failure === undefined) continue;
    for (const undo of batch.rollback) await runner.run({ file: undo.file, args: undo.args, env }).catch(() => undefined);
    return failure;
  }
  return undefined;
}
