import { CertbenchError } from '../../shared/errors.js';
import type { CliIo } from './cli-io.js';

/** What the user decided about a plan printed above: run it, only show it, or leave everything as it is. */
export type PlanDecision = 'run' | 'dry-run' | 'declined';

/**
 * The approval of a plan already printed: `--dry-run` only shows it, `--yes` approves it in
 * scripts, a terminal asks y/N (default No). With neither a terminal nor `--yes`, nothing runs and
 * the error names --yes, so a script never changes a trust store or keystore it was not told to.
 */
export async function approvePlan(io: CliIo, opts: { yes?: boolean; dryRun?: boolean }, command: string, changes = 'trust stores'): Promise<PlanDecision> {
  if (opts.dryRun) return 'dry-run';
  if (opts.yes) return 'run';
  if (!io.stdinIsTty) {
    throw new CertbenchError('invalid-request', `${command} changes ${changes}: review the plan above, then rerun with --yes to run it (or --dry-run to only print it)`);
  }
  // Loaded here, when a terminal is to be asked: no other run needs readline.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Run these steps? [y/N] ');
    return /^y(es)?$/i.test(answer.trim()) ? 'run' : 'declined';
  } finally {
    rl.close();
  }
}
