import { runElevated } from './elevated-runner.js';

/** Entry of the bundled `elevated-runner.cjs` (scripts/build.mjs); see elevated-runner.ts. */
runElevated(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`elevated runner: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
