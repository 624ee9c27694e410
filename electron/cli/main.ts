import { runCli } from './program.js';

/** The CLI entry point: the bundled `certbench` binary runs this. */
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
