import { runCli } from './program.js';

// A reader that stops early (`certbench inspect --json … | head`) closes the pipe: stop quietly,
// as other command-line tools do, instead of dying with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

/** The CLI entry point: the bundled `certbench` binary runs this. */
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
