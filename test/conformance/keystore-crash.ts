/**
 * Crash safety, full run: 200 keystore edits through the CLI, each SIGKILLed at a random moment;
 * after every kill keytool must open the store and see exactly the before or the after state.
 * CERTBENCH_CRASH_TRIALS / CERTBENCH_CRASH_SEED override the count and the seed.
 */
import { crashTrials } from '../helpers/keystore-crash.js';
import { tempDir } from '../helpers/keystore-tools.js';

const trials = Number(process.env.CERTBENCH_CRASH_TRIALS ?? 200);
const seed = Number(process.env.CERTBENCH_CRASH_SEED ?? Date.now() % 100_000);
const { dir, cleanup } = await tempDir();
try {
  const started = performance.now();
  const report = await crashTrials(dir, trials, seed);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`keystore-crash: ${trials - report.failures.length}/${trials} kills left a keytool-readable store in the before or after state`);
  console.log(`  before state ${report.before}, after state ${report.after}, stray temp files ${report.strayFiles}, seed ${seed}, ${seconds} s`);
  for (const f of report.failures) console.log(`  FAIL ${f}`);
  process.exitCode = report.failures.length === 0 ? 0 : 1;
} finally {
  await cleanup();
}
