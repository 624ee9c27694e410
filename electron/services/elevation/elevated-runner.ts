import { NodeProcessRunner } from '../process/process-runner.js';
import { decodeBatch, runBatch } from './elevated-batch.js';

/**
 * The program pkexec (Linux) or osascript (macOS) runs with administrator rights: one argv item,
 * the batch as JSON, checked again and run step by step with argv, never through a shell. It is
 * a separate script because the elevation front-ends start a new process: scripts/build.mjs
 * bundles it beside the CLI and the app (`elevated-runner.cjs`), tests build it the same way.
 *
 * Its contract with the Elevator: exit 0 when every step ran; exit 1 when a step failed and the
 * rollback ran, with `{"failed":INDEX,"exitCode":N}` as stdout and the step's own output on
 * stderr; exit 2 when the batch was refused, nothing run. pkexec's own 126/127 stay its own.
 */
export const RUNNER_STEP_FAILED = 1;
export const RUNNER_REFUSED = 2;

export async function runElevated(argv: readonly string[], io: { stdout: (text: string) => void; stderr: (text: string) => void }): Promise<number> {
  let batch;
  try {
    if (argv.length !== 1) throw new Error('Refusing to elevate: the runner takes exactly one argument, the batch');
    batch = decodeBatch(argv[0]!, process.platform);
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
    return RUNNER_REFUSED;
  }
  // The variable that made Electron's binary act as Node is for this process only.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const failure = await runBatch(new NodeProcessRunner(), batch, env);
  if (failure === undefined) return 0;
  io.stdout(`${JSON.stringify({ failed: failure.index, exitCode: failure.out.exitCode })}\n`);
  io.stderr(failure.out.stderr || failure.out.stdout);
  return RUNNER_STEP_FAILED;
}
