import { CertbenchError } from '../../../shared/errors.js';
import type { ProcessOutput, ProcessRunner } from '../process/process-runner.js';
import { validateElevatedCommands, type ElevatedCommand } from './elevated-command.js';

/** What one elevated prompt runs: `commands` in order, and `rollback` when one of them fails. */
export interface ElevatedBatch {
  readonly commands: readonly ElevatedCommand[];
  readonly rollback: readonly ElevatedCommand[];
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
 * its own command only; every other command gets none. One implementation for both sides of the
 * prompt: the Elevator when it already has the rights, and the elevated runner after pkexec or
 * osascript, so what runs is the same whichever way the rights came.
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

/** The batch as the one argv item the elevated runner takes. */
export function encodeBatch(batch: ElevatedBatch): string {
  const plain = (c: ElevatedCommand) => ({ file: c.file, args: [...c.args], ...(c.stdin === undefined ? {} : { stdin: c.stdin }) });
  return JSON.stringify({ commands: batch.commands.map(plain), rollback: batch.rollback.map(plain) });
}

/**
 * The batch from the runner's argv, checked again with the same rules the unprivileged side
 * applied (fixed programs, safe tokens, stdin only a checksum list): the runner trusts nothing
 * about who started it.
 */
export function decodeBatch(text: string, platform: NodeJS.Platform): ElevatedBatch {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CertbenchError('invalid-request', 'Refusing to elevate: the batch is not JSON');
  }
  const record = value as { commands?: unknown; rollback?: unknown } | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new CertbenchError('invalid-request', 'Refusing to elevate: the batch is not an object');
  const batch = { commands: commandList(record.commands), rollback: commandList(record.rollback) };
  validateElevatedCommands(batch.commands, platform);
  if (batch.rollback.length > 0) validateElevatedCommands(batch.rollback, platform);
  if (batch.rollback.some((c) => c.stdin !== undefined)) throw new CertbenchError('invalid-request', 'Refusing to elevate: a rollback command reads no stdin');
  return batch;
}

function commandList(value: unknown): ElevatedCommand[] {
  if (!Array.isArray(value)) throw new CertbenchError('invalid-request', 'Refusing to elevate: the batch holds no command list');
  return value.map((item: unknown) => {
    const c = item as { file?: unknown; args?: unknown; stdin?: unknown } | null;
    const keys = c !== null && typeof c === 'object' ? Object.keys(c) : [];
    if (
      c === null ||
      typeof c.file !== 'string' ||
      !Array.isArray(c.args) ||
      !c.args.every((a) => typeof a === 'string') ||
      (c.stdin !== undefined && typeof c.stdin !== 'string') ||
      keys.some((k) => k !== 'file' && k !== 'args' && k !== 'stdin')
    ) {
      throw new CertbenchError('invalid-request', 'Refusing to elevate: a command is not {file, args, stdin?}');
    }
    return { file: c.file, args: c.args as string[], ...(typeof c.stdin === 'string' ? { stdin: c.stdin } : {}) };
  });
}
