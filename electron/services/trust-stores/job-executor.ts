import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { ElevatedCommand } from '../elevation/elevated-command.js';
import type { Elevator } from '../elevation/elevator.js';
import { removeStagingDir } from '../elevation/staging.js';
import { asStagedFileChanged, copiesNotLanded, copyTargets } from '../elevation/verified-copy.js';
import { fsError } from '../files/read-input.js';
import { writeFileSafely } from '../files/safe-write.js';
import type { ProcessOutput } from '../process/process-runner.js';
import type { ServiceEnv } from '../service-env.js';
import type { JobStep, TrustJob } from './trust-job.js';

/** Turns a failed run into the adapter's specific error, or undefined for the generic one. */
export type FailureInterpreter = (step: Extract<JobStep, { kind: 'run' }>, out: ProcessOutput) => CertbenchError | undefined;

/**
 * Carries out a job's steps in order. Consecutive elevated steps go to the Elevator as one batch
 * (one password prompt); a keystore edit goes to the keystore service (which asks on its own when
 * the store is root's); everything else runs unprivileged with argv. The first failure stops
 * the job and runs its undo steps. The staging directory is removed whatever happens.
 */
export async function executeJob(job: TrustJob, env: ServiceEnv, elevator: Elevator, interpret: FailureInterpreter): Promise<void> {
  const undo = job.undo ?? [];
  const elevatedUndo = undo.flatMap((s) => (s.kind === 'run' && s.elevated ? [{ file: s.file, args: s.args }] : []));
  // A batch's checksum step refuses a staged file that changed before the elevated copy: nothing moved.
  const staged = new Map(job.steps.flatMap((s) => (s.kind === 'write-file' ? [[s.path, s.content] as const] : [])));
  try {
    let batch: ElevatedCommand[] = [];
    const flush = async () => {
      if (batch.length > 0) {
        await elevator.run(batch, elevatedUndo).catch((err: unknown) => Promise.reject(asStagedFileChanged(err, copyTargets(batch, staged))));
        await assertCopiesLanded(batch, staged, elevator, elevatedUndo);
      }
      batch = [];
    };
    for (const step of job.steps) {
      if (step.kind === 'run' && step.elevated) {
        batch.push({ file: step.file, args: step.args, ...(step.stdin === undefined ? {} : { stdin: step.stdin }) });
        continue;
      }
      await flush();
      await runStep(step, env, interpret);
    }
    await flush();
  } catch (err) {
    for (const step of undo) if (!(step.kind === 'run' && step.elevated)) await runStep(step, env, interpret).catch(() => undefined);
    throw err;
  } finally {
    if (job.stagingDir) await removeStagingDir(job.stagingDir);
  }
}

/**
 * The staged files live in a folder the user owns, so another process of the same user could swap
 * one before the elevated copy: a target that differs from what Certbench staged is undone.
 */
async function assertCopiesLanded(
  batch: readonly ElevatedCommand[],
  staged: ReadonlyMap<string, Uint8Array>,
  elevator: Elevator,
  elevatedUndo: readonly ElevatedCommand[],
): Promise<void> {
  const wrong = await copiesNotLanded(batch, staged);
  if (wrong.length === 0) return;
  if (elevatedUndo.length > 0) await elevator.run(elevatedUndo).catch(() => undefined);
  throw new CertbenchError('verification-failed', `${wrong.join(', ')} did not hold the staged content after the elevated copy (the staged file changed meanwhile); the change was undone`);
}

async function runStep(step: JobStep, env: ServiceEnv, interpret: FailureInterpreter): Promise<void> {
  if (step.kind === 'write-file') {
    await writeFileAtomically(step.path, step.content);
    return;
  }
  if (step.kind === 'keystore-edit') {
    await step.apply();
    return;
  }
  if (step.kind === 'make-dir') {
    try {
      await mkdir(step.path, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw fsError(err, step.path);
    }
    return;
  }
  if (step.kind === 'remove-file') {
    try {
      await rm(step.path, { force: true });
    } catch (err) {
      throw fsError(err, step.path);
    }
    return;
  }
  const out = await env.runner.run({ file: step.file, args: step.args, env: { ...childEnv(env.env), ...step.env } });
  if (out.exitCode === 0) return;
  throw interpret(step, out) ?? genericFailure(step.file, out);
}

/** The environment for store tools: the user's, minus variables that change what tools trust or print. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS']) delete copy[key];
  return copy;
}

export function genericFailure(file: string, out: ProcessOutput): CertbenchError {
  const detail = (out.stderr.trim() || out.stdout.trim()).split('\n')[0] ?? '';
  return new CertbenchError('tool-failed', `${file} failed (exit ${out.exitCode})${detail ? `: ${detail}` : ''}`);
}

/**
 * Replaces (or creates) a file through the one safe write, keeping the old file's mode and owner;
 * Certbench's own folders (backups, config) are made on the way.
 */
export async function writeFileAtomically(path: string, content: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true }).catch((err: unknown) => Promise.reject(fsError(err, dirname(path))));
  await writeFileSafely(path, content, { overwrite: true });
}
